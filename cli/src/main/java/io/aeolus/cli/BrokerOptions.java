package io.aeolus.cli;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How a remote command reaches the broker: its URL, the credentials (never taken from the URL alone: an option, the
 * environment or a prompt), the time to wait, and whether to print JSON.
 */
final class BrokerOptions
{
    /** The URL used when neither {@code --url} nor {@code AEOLUS_URL} gives one. */
    static final String DEFAULT_URL = "aeolus:udp://127.0.0.1:5150";

    @Option(names = "--url", paramLabel = "URL", description = "the broker's URL (default $AEOLUS_URL, else " +
        DEFAULT_URL + "; aeolus:ipc?aeronDir=/dev/shm/aeolus for a broker on this host)")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "user name (default $AEOLUS_USER)")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the password alone " +
        "(default $AEOLUS_PASSWORD_FILE or $AEOLUS_PASSWORD; else a prompt when a user is named)")
    Path passwordFile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
        description = "how long to wait for the broker: to connect and for each answer (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    private UnaryOperator<String> environment = System::getenv;

    /**
     * A connection and an admin client on it, closed together.
     */
    record Session(Connection connection, AdminClient admin) implements AutoCloseable
    {
        public void close()
        {
            try
            {
                admin.close();
            }
            catch (final JMSException ex)
            {
                // Closing the connection below frees what the admin client holds.
            }
            finally
            {
                try
                {
                    connection.close();
                }
                catch (final JMSException ignore)
                {
                    // Nothing left to do at exit.
                }
            }
        }
    }

    BrokerOptions environment(final UnaryOperator<String> environment)
    {
        this.environment = environment;
        return this;
    }

    /**
     * Connects and opens an admin client.
     *
     * @return the session.
     * @throws CliException {@link AeolusCli#DENIED} for refused credentials, {@link AeolusCli#UNREACHABLE} when no
     *                      broker answers, {@link AeolusCli#USAGE} for a bad URL or option.
     */
    Session open()
    {
        final Duration wait = timeout();
        final String brokerUrl = withConnectTimeout(resolvedUrl(), wait);
        final String userName = null != user ? user : environment.apply("AEOLUS_USER");
        final String password = password(userName);
        final AeolusConnectionFactory factory;
        try
        {
            factory = new AeolusConnectionFactory(brokerUrl);
        }
        catch (final RuntimeException ex)
        {
            throw new CliException(AeolusCli.USAGE, "bad --url " + resolvedUrl() + ": " + ex.getMessage());
        }
        final Connection connection;
        try
        {
            connection = null != userName ? factory.createConnection(userName, password) : factory.createConnection();
        }
        catch (final JMSSecurityException ex)
        {
            throw new CliException(AeolusCli.DENIED, "broker at " + resolvedUrl() + " refused the login" +
                (null != userName ? " of user '" + userName + "'" : " (no user given: --user or AEOLUS_USER)") +
                (null != userName && null == password ? " (no password given: --password-file, " +
                "AEOLUS_PASSWORD_FILE or AEOLUS_PASSWORD, or run it on a terminal to be asked)" : "") +
                ": " + ex.getMessage());
        }
        catch (final JMSException | RuntimeException ex)
        {
            throw new CliException(AeolusCli.UNREACHABLE, "cannot connect to the broker at " + resolvedUrl() +
                ": " + ex.getMessage());
        }
        try
        {
            connection.start();
            return new Session(connection, new AdminClient(connection, wait));
        }
        catch (final JMSException ex)
        {
            try
            {
                connection.close();
            }
            catch (final JMSException ignore)
            {
                // Reporting the first failure.
            }
            throw Failures.of(ex);
        }
    }

    String resolvedUrl()
    {
        if (null != url)
        {
            return url;
        }
        final String fromEnvironment = environment.apply("AEOLUS_URL");
        return null == fromEnvironment || fromEnvironment.isBlank() ? DEFAULT_URL : fromEnvironment;
    }

    Duration timeout()
    {
        try
        {
            final Duration parsed = parseDuration(timeout);
            if (parsed.isNegative() || parsed.isZero())
            {
                throw new IllegalArgumentException("must be positive");
            }
            return parsed;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException(AeolusCli.USAGE, "--timeout: expected a duration such as 500ms, 10s or 1m, got '" +
                timeout + "'");
        }
    }

    private static String withConnectTimeout(final String brokerUrl, final Duration wait)
    {
        if (brokerUrl.contains("connectTimeout="))
        {
            return brokerUrl;
        }
        return brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + "connectTimeout=" + wait.toMillis() + "ms";
    }

    private String password(final String userName)
    {
        if (null != passwordFile)
        {
            return readPasswordFile(passwordFile, "--password-file");
        }
        final String direct = environment.apply("AEOLUS_PASSWORD");
        if (null != direct)
        {
            return direct;
        }
        final String file = environment.apply("AEOLUS_PASSWORD_FILE");
        if (null != file && !file.isBlank())
        {
            return readPasswordFile(Path.of(file), "AEOLUS_PASSWORD_FILE");
        }
        final Console console = System.console();
        if (null != userName && null != console)
        {
            final char[] typed = console.readPassword("Password for %s: ", userName);
            return null == typed ? null : new String(typed);
        }
        return null;
    }

    private static String readPasswordFile(final Path file, final String source)
    {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            final String line = in.readLine();
            if (null == line || line.isEmpty())
            {
                throw new CliException(AeolusCli.USAGE, source + " " + file + " is empty");
            }
            return line;
        }
        catch (final IOException ex)
        {
            throw new CliException(AeolusCli.USAGE, source + ": cannot read " + file + ": " + ex.getMessage());
        }
    }

    static Duration parseDuration(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        final String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}};
        for (final String[] unit : units)
        {
            if (value.endsWith(unit[0]) && value.length() > unit[0].length())
            {
                final String number = value.substring(0, value.length() - unit[0].length());
                if (number.chars().allMatch(Character::isDigit))
                {
                    return Duration.ofMillis(Long.parseLong(number) * Long.parseLong(unit[1]));
                }
            }
        }
        throw new IllegalArgumentException(text);
    }
}
