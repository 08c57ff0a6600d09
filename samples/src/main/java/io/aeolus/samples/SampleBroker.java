package io.aeolus.samples;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broker a sample talks to: the one at {@code --url} when given, otherwise an embedded broker the sample starts
 * for itself, in development mode, with its own Aeron directory, UDP port and a temporary data directory that is
 * deleted on {@link #close()}. The samples themselves use only the {@code jakarta.jms} API; this class is the one
 * place that knows about the broker. Not thread-safe; opened and closed by the sample's main thread.
 */
public final class SampleBroker implements AutoCloseable
{
    private final String url;
    private final EmbeddedBroker embedded;
    private final Path dataDirectory;

    private SampleBroker(final String url, final EmbeddedBroker embedded, final Path dataDirectory)
    {
        this.url = url;
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Connects to the broker at the given URL, or starts an embedded one with the given settings (which a broker
     * at a URL keeps from its own configuration). Prints which.
     *
     * @param url      the broker's URL from {@code --url}, or null to start one.
     * @param out      where to say what happened.
     * @param settings broker options for an embedded broker, such as {@link BrokerConfiguration#MAX_DELIVERY_ATTEMPTS}.
     * @return the broker to connect to.
     */
    public static SampleBroker open(
        final String url, final PrintWriter out, final Map<BrokerConfiguration, String> settings)
    {
        return open(url, out, settings, Map.of());
    }

    /**
     * As {@link #open(String, PrintWriter, Map)}, with per-destination settings for an embedded broker, as the
     * config file's {@code aeolus.destination.<name>.<setting>} (a broker at a URL needs them in its own config).
     *
     * @param url                 the broker's URL from {@code --url}, or null to start one.
     * @param out                 where to say what happened.
     * @param settings            broker options for an embedded broker.
     * @param destinationSettings per destination name, a setting and its value, e.g. {@code last.value.key=symbol}.
     * @return the broker to connect to.
     */
    public static SampleBroker open(final String url, final PrintWriter out,
        final Map<BrokerConfiguration, String> settings, final Map<String, Map<String, String>> destinationSettings)
    {
        if (null != url)
        {
            out.println("Using the broker at " + url);
            return new SampleBroker(url, null, null);
        }
        final Path dataDirectory;
        try
        {
            dataDirectory = Files.createTempDirectory("aeolus-sample-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Broker.Context context = EmbeddedBroker.isolatedContext(dataDirectory);
        settings.forEach(context::set);
        destinationSettings.forEach((destination, values) ->
            values.forEach((setting, value) -> context.destinationSetting(destination, setting, value)));
        final EmbeddedBroker embedded = EmbeddedBroker.start(context);
        out.println("Started an embedded broker (development mode, data in " + dataDirectory + ")" +
            (settings.isEmpty() ? "" : " with " + settings) +
            (destinationSettings.isEmpty() ? "" : " and " + destinationSettings));
        return new SampleBroker(embedded.ipcUrl(), embedded, dataDirectory);
    }

    /**
     * @param fallback the MQTT URL of a broker at {@code --url} (its MQTT endpoint is its own configuration).
     * @return the MQTT URL of the broker: the embedded broker's MQTT endpoint if it has one, else the fallback.
     */
    public String mqttUrl(final String fallback)
    {
        return null != embedded && null != embedded.broker().mqttAddress() ?
            "tcp://127.0.0.1:" + embedded.broker().mqttAddress().getPort() : fallback;
    }

    /**
     * @return the URL to give an {@code AeolusConnectionFactory}: the one given, or the embedded broker's IPC URL
     * (shared memory, the cheapest way to reach a broker on the same host).
     */
    public String url()
    {
        return url;
    }

    /**
     * The URL with one more client option, e.g. {@code url("prefetch=0")}.
     *
     * @param option a {@code name=value} client option.
     * @return the URL with the option appended.
     */
    public String url(final String option)
    {
        return url + (url.indexOf('?') < 0 ? "?" : "&") + option;
    }

    /**
     * @return true when the sample started the broker itself.
     */
    public boolean isEmbedded()
    {
        return null != embedded;
    }

    /**
     * Stops the embedded broker, if any, and deletes its data directory.
     */
    public void close()
    {
        if (null != embedded)
        {
            embedded.close();
            IoUtil.delete(dataDirectory.toFile(), true);
        }
    }
}
