package io.aeolus.broker.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Whether and where the broker serves its metrics over HTTP.
 *
 * @param endpoint where to listen, or null when off.
 * @param user     the user a scraper must give, or null for no authentication.
 * @param password that user's password, or null.
 */
public record MetricsSettings(InetSocketAddress endpoint, String user, String password)
{
    /**
     * Reads the settings from the broker's options.
     *
     * @param option resolves an option by its property name.
     * @return the settings.
     * @throws IllegalArgumentException naming the option when a value is invalid.
     */
    public static MetricsSettings resolve(final UnaryOperator<String> option)
    {
        final String endpoint = option.apply("aeolus.broker.metrics.http.endpoint").trim();
        final String user = option.apply("aeolus.broker.metrics.http.user").trim();
        final String passwordFile = option.apply("aeolus.broker.metrics.http.password.file").trim();
        if (endpoint.isEmpty())
        {
            return new MetricsSettings(null, null, null);
        }
        final int colon = endpoint.lastIndexOf(':');
        final int port;
        try
        {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("aeolus.broker.metrics.http.endpoint: expected host:port, got '" +
                endpoint + "'", ex);
        }
        if (colon <= 0 || port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("aeolus.broker.metrics.http.endpoint: expected host:port, got '" +
                endpoint + "'");
        }
        final InetSocketAddress address = new InetSocketAddress(endpoint.substring(0, colon), port);
        if (address.isUnresolved())
        {
            throw new IllegalArgumentException("aeolus.broker.metrics.http.endpoint: unknown host in '" + endpoint +
                "'");
        }
        if (user.isEmpty())
        {
            return new MetricsSettings(address, null, null);
        }
        if (passwordFile.isEmpty())
        {
            throw new IllegalArgumentException("aeolus.broker.metrics.http.password.file: required when " +
                "aeolus.broker.metrics.http.user is set");
        }
        try
        {
            final String password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
            return new MetricsSettings(address, user, password);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("aeolus.broker.metrics.http.password.file: cannot read " +
                passwordFile + " (" + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    /**
     * @return true when the endpoint is on.
     */
    public boolean enabled()
    {
        return null != endpoint;
    }
}
