package io.aeolus.broker;

import io.aeolus.transport.TransportConfiguration;

import java.util.Locale;

/**
 * Every broker option: its property name (used as a system property and in the config file), its default and what
 * it does. The README's configuration table lists the same options. Thread-safe: immutable.
 */
public enum BrokerConfiguration
{
    /** Where the media driver's files live. */
    AERON_DIR("aeolus.broker.aeron.dir", TransportConfiguration.aeronDirectoryName(),
        "Aeron directory of the broker's media driver; IPC clients attach here"),
    /** Whether to run the media driver inside the broker. */
    EMBEDDED_DRIVER("aeolus.broker.embedded.driver", "true",
        "run the media driver inside the broker (false: attach to an external driver in aeolus.broker.aeron.dir)"),
    /** UDP listen endpoint. */
    UDP_ENDPOINT("aeolus.broker.udp.endpoint", TransportConfiguration.DEFAULT_HOST + ":" +
        TransportConfiguration.DEFAULT_PORT, "UDP ingress host:port; 'none' disables UDP"),
    /** IPC ingress. */
    IPC_ENABLED("aeolus.broker.ipc", "true", "accept IPC clients on the same host"),
    /** Data directory. */
    DATA_DIR("aeolus.broker.data.dir", "aeolus-data", "directory of the broker's journal and state"),
    /** Heartbeat interval. */
    HEARTBEAT_INTERVAL("aeolus.broker.heartbeat.interval", "1s", "interval between heartbeats sent to each client"),
    /** Liveness timeout. */
    LIVENESS_TIMEOUT("aeolus.broker.liveness.timeout", "5s",
        "a client silent for this long is declared dead and its resources freed"),
    /** Connect timeout. */
    CONNECT_TIMEOUT("aeolus.broker.connect.timeout", "10s", "time a new client's reply channel has to connect"),
    /** Egress term length. */
    TERM_LENGTH("aeolus.broker.term.length", "1m",
        "term length of each client's egress publication (3 terms are mapped per connection)"),
    /** Largest frame. */
    MAX_FRAME_LENGTH("aeolus.broker.max.frame.length", "128m", "largest frame (message) accepted after reassembly"),
    /** Most connections. */
    MAX_CONNECTIONS("aeolus.broker.max.connections", "1000", "most client connections at once"),
    /** Egress backlog limit. */
    MAX_EGRESS_BACKLOG("aeolus.broker.max.egress.backlog", "64m",
        "egress bytes queued for a slow client above which its deliveries pause"),
    /** Broker name. */
    BROKER_ID("aeolus.broker.id", "aeolus", "name the broker gives clients at connect"),
    /** Idle strategy. */
    IDLE_STRATEGY("aeolus.broker.idle.strategy", "backoff",
        "conductor idle strategy: backoff (default, kind to small machines), yield or spin (low latency)");

    private final String propertyName;
    private final String defaultValue;
    private final String description;

    BrokerConfiguration(final String propertyName, final String defaultValue, final String description)
    {
        this.propertyName = propertyName;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /**
     * @return the property name, as a system property or a config file key.
     */
    public String propertyName()
    {
        return propertyName;
    }

    /**
     * @return the default value as text.
     */
    public String defaultValue()
    {
        return defaultValue;
    }

    /**
     * @return what the option does.
     */
    public String description()
    {
        return description;
    }

    /**
     * @param propertyName a property name.
     * @return the option, or null if none has that name.
     */
    public static BrokerConfiguration byPropertyName(final String propertyName)
    {
        for (final BrokerConfiguration option : values())
        {
            if (option.propertyName.equals(propertyName))
            {
                return option;
            }
        }
        return null;
    }

    /**
     * @return the options as a Markdown table, for the README.
     */
    public static String markdownTable()
    {
        final StringBuilder sb = new StringBuilder("| property | default | meaning |\n|---|---|---|\n");
        for (final BrokerConfiguration option : values())
        {
            sb.append("| `").append(option.propertyName).append("` | `")
                .append(option == AERON_DIR ? "/dev/shm/aeolus-<user>" : option.defaultValue).append("` | ")
                .append(option.description).append(" |\n");
        }
        return sb.toString();
    }

    static boolean parseBoolean(final BrokerConfiguration option, final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("yes") || text.equals("on"))
        {
            return true;
        }
        if (text.equals("false") || text.equals("no") || text.equals("off"))
        {
            return false;
        }
        throw new IllegalArgumentException(option.propertyName + ": expected true or false, got '" + value + "'");
    }
}
