package io.aeolus.broker;

import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.transport.TransportConfiguration;

import java.util.Locale;

/**
 * Every broker option: its property name (used as a system property and in the config file), its default and what
 * it does. The README's configuration table lists the same options. The options marked "per destination" are the
 * broker-wide defaults of a {@link PolicySetting}, which the config file can override for destinations matching a
 * name or pattern ({@code aeolus.destination.<pattern>.<setting>}). Thread-safe: immutable.
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
        "idle strategy of the conductor and the embedded media driver: backoff (default, kind to small " +
        "machines), yield or spin (low latency, a core each)"),
    /** Idle strategy of the embedded media driver alone. */
    DRIVER_IDLE_STRATEGY("aeolus.broker.driver.idle.strategy", "",
        "idle strategy of the embedded media driver, if it is to differ from aeolus.broker.idle.strategy (empty: " +
        "the same): backoff, yield or spin"),
    /** Which thread runs the embedded media driver. */
    DRIVER_THREADING("aeolus.broker.driver.threading", "thread",
        "which thread runs the embedded media driver: thread (a thread of its own) or conductor (the conductor, " +
        "in its duty cycle: a frame received is read in the same duty cycle, one hand-off fewer each way, UDP " +
        "ping-pong p50 80 instead of ~200 us; only with the backoff idle strategy and no driver idle strategy set " +
        "apart; experimental: slow driver work, such as a very large publication's log, then runs on the " +
        "conductor)"),
    /** Where persistent messages live. */
    PERSISTENCE("aeolus.broker.persistence", "h2",
        "h2: journal persistent messages to H2 in the data directory; memory: keep everything in memory only"),
    /** Journal durability. */
    JOURNAL_DURABILITY("aeolus.broker.journal.durability", "sync",
        "sync: a persistent send is confirmed once its batch is forced to disk; async: once written to H2's " +
        "buffers (the last moments of messages can be lost on power failure)"),
    /** JDBC URL of an H2 server. */
    JOURNAL_JDBC_URL("aeolus.broker.journal.jdbc.url", "",
        "an H2 JDBC URL (e.g. jdbc:h2:tcp://host/aeolus) to journal to instead of the file in the data directory. "
            + "An embedded URL (`jdbc:h2:file:`, `mem:`, ...) gets `;DB_CLOSE_ON_EXIT=FALSE` appended so that the "
            + "broker, not H2's shutdown hook, closes the database after the SIGTERM drain; a URL that sets "
            + "`DB_CLOSE_ON_EXIT` itself is left alone (with `TRUE`, a SIGTERM can close the database mid-drain and "
            + "fail the last sends), and a server URL (`tcp:`, `ssl:`) is left alone since the server owns its "
            + "databases"),
    /** Most commands in one journal batch. */
    JOURNAL_MAX_BATCH("aeolus.broker.journal.max.batch", "1024",
        "most journal commands written in one batch (one transaction, one forced write in sync mode)"),
    /** Disk space the journal keeps free. */
    JOURNAL_MIN_FREE_DISK("aeolus.broker.journal.min.free.disk", "64m",
        "persistent sends are refused (ResourceAllocationException naming the disk) while the data directory's " +
        "file system has less usable space than this, and accepted again once space is freed; 0 turns the check " +
        "off (a full disk then fails the journal until a restart)"),
    /** Paging window. */
    PAGING_WINDOW("aeolus.broker.paging.window", "10000",
        "persistent messages of one queue or durable subscription kept in memory; the rest wait in the journal"),
    /** Redelivery delay. */
    REDELIVERY_DELAY("aeolus.broker.redelivery.delay", "0ms", "(per destination) delay before a message whose " +
        "delivery failed (rollback, recover, a listener that threw, its consumer closed) is delivered again",
        PolicySetting.REDELIVERY_DELAY),
    /** Back-off factor. */
    REDELIVERY_MULTIPLIER("aeolus.broker.redelivery.multiplier", "1.0", "(per destination) exponential back-off: " +
        "each further redelivery delay is this many times the one before (1.0 keeps it constant)",
        PolicySetting.REDELIVERY_MULTIPLIER),
    /** Back-off cap. */
    REDELIVERY_MAX_DELAY("aeolus.broker.redelivery.max.delay", "1m",
        "(per destination) longest redelivery delay the back-off reaches", PolicySetting.REDELIVERY_MAX_DELAY),
    /** Delivery attempts before dead-lettering. */
    MAX_DELIVERY_ATTEMPTS("aeolus.broker.max.delivery.attempts", "10", "(per destination) deliveries after which a " +
        "message whose delivery keeps failing moves to its dead-letter queue; 0: no limit",
        PolicySetting.MAX_DELIVERY_ATTEMPTS),
    /** Dead-letter queue. */
    DEAD_LETTER_QUEUE("aeolus.broker.dead.letter.queue", "DLQ.{destination}", "(per destination) dead-letter " +
        "queue: {destination} stands for the original destination's name, a name without it is one shared DLQ, " +
        "none drops dead letters", PolicySetting.DEAD_LETTER_QUEUE),
    /** Expiry queue. */
    EXPIRY_QUEUE("aeolus.broker.expiry.queue", "none", "(per destination) queue expired messages move to, in the " +
        "same form as the dead-letter queue; none drops them", PolicySetting.EXPIRY_QUEUE),
    /** Expiry scan pause. */
    EXPIRY_SCAN_INTERVAL("aeolus.broker.expiry.scan.interval", "1s", "pause between two scans of every queue for " +
        "expired messages (a scan examines at most 1024 messages per 10 ms timer tick)"),
    /** Time in the trash. */
    TRASH_RETENTION("aeolus.broker.trash.retention", "24h", "how long messages an administrator purged or deleted " +
        "stay in the trash (queue aeolus.trash) and can be restored; 0: no trash, removal is final"),
    /** Time in the journal of the metrics history. */
    HISTORY_RETENTION("aeolus.broker.history.retention", "25h", "how long the 1-minute points of the built-in " +
        "metrics history (depth and rates per destination) stay in the journal, so that the 24 h chart survives a " +
        "restart; 0: history in memory only"),
    /** Destinations with a metrics history. */
    HISTORY_MAX_DESTINATIONS("aeolus.broker.history.max.destinations", "1000", "most queues and topics whose " +
        "metrics history is kept at once (about 38 KB of memory each); past that, an active destination takes the " +
        "place of the one idle (neither active nor asked for its history) the longest"),
    /** Memory limit. */
    MEMORY_LIMIT("aeolus.broker.memory.limit", "64m", "(per destination) bytes of messages a queue, or each " +
        "subscription of a topic, may hold (waiting, delayed or unacknowledged); 0: no limit",
        PolicySetting.MEMORY_LIMIT),
    /** What a send over the limit does. */
    MEMORY_LIMIT_POLICY("aeolus.broker.memory.limit.policy", "block", "(per destination) a send to a destination " +
        "over its limit: block (the producer waits; a synchronous send returns once below the limit) or fail " +
        "(ResourceAllocationException)", PolicySetting.MEMORY_LIMIT_POLICY),
    /** Creation on first use. */
    AUTO_CREATE("aeolus.broker.auto.create", "true", "(per destination) create queues and topics on first use; " +
        "false: only declared ones exist", PolicySetting.AUTO_CREATE),
    /** Last-value key. */
    LAST_VALUE_KEY("aeolus.broker.last.value.key", "", "(per destination) make queues last-value queues: a " +
        "message replaces the waiting (not in-flight) message with the same value of this property; empty: none",
        PolicySetting.LAST_VALUE_KEY),
    /** Retention by time. */
    RETENTION_TIME("aeolus.broker.retention.time", "0", "(per destination) how long a topic or queue keeps each " +
        "message after it was published to the topic or given to the queue (consumed or not), for subscriptions and " +
        "queue readers that start earlier (?start=earliest or a time), management browsing and replay into a queue; " +
        "0: no bound by time", PolicySetting.RETENTION_TIME),
    /** Retention by size. */
    RETENTION_SIZE("aeolus.broker.retention.size", "0", "(per destination) bytes of messages a topic or queue keeps " +
        "(the oldest go first); 0: no bound by size; with both 0 it keeps nothing",
        PolicySetting.RETENTION_SIZE),
    /** Replay speed. */
    REPLAY_BATCH("aeolus.broker.replay.batch", "500", "most retained messages the replays of topics into queues " +
        "copy per 10 ms timer tick, all replays together (500: up to 50,000 a second), and as many for the " +
        "subscriptions catching up from a start in the past; also the page of persistent retained messages read " +
        "back from the journal at a time (at most one page per topic in memory); lower it to spare the journal and " +
        "busy consumers"),
    /** Declared queues. */
    QUEUES("aeolus.broker.queues", "", "queues that exist from the start, comma-separated"),
    /** Declared topics. */
    TOPICS("aeolus.broker.topics", "", "topics that exist from the start, comma-separated"),
    /** Wildcard subscriptions. */
    WILDCARDS_ENABLED("aeolus.broker.wildcards.enabled", "true", "a subscription's topic may be a pattern: " +
        "stock.* gets stock.AAPL, stock.# also stock and stock.us.AAPL (a send to a pattern is refused); false: " +
        "names with the wildcard characters are plain names"),
    /** Level separator. */
    WILDCARDS_SEPARATOR("aeolus.broker.wildcards.separator", ".", "character separating the levels of a topic name"),
    /** One-level wildcard. */
    WILDCARDS_SINGLE("aeolus.broker.wildcards.single", "*", "wildcard matching exactly one level"),
    /** Any-levels wildcard. */
    WILDCARDS_MULTI("aeolus.broker.wildcards.multi", "#", "wildcard matching any number of levels, none included"),
    /** Plugins directory. */
    PLUGINS_DIR("aeolus.broker.plugins.dir", "", "directory of plugin jars: message transformers for routing rules " +
        "(see Transformation) and, in the broker process, extensions such as the JMS bridge with the other " +
        "providers' clients (see JMS bridge); none if empty"),
    /** Security mode. */
    SECURITY("aeolus.broker.security", "on", "on: every client authenticates and may do what its roles grant; " +
        "dev: in addition, anonymous clients from this host (IPC, loopback UDP) get full access (development only)"),
    /** Users file. */
    SECURITY_USERS_FILE("aeolus.broker.security.users.file", "", "users and their SCRAM-SHA-256 credentials " +
        "(never passwords), managed with the user command; empty: users in the data directory"),
    /** Audit log. */
    SECURITY_AUDIT_FILE("aeolus.broker.security.audit.file", "", "append-only log of logins, denials, user " +
        "changes and management changes; empty: audit.log in the data directory"),
    /** Authentication mechanisms. */
    SECURITY_MECHANISMS("aeolus.broker.security.mechanisms", "SCRAM-SHA-256", "mechanisms clients may log in " +
        "with, comma-separated: SCRAM-SHA-256, PLAIN (sends the password in clear: only for login modules that " +
        "need it, over IPC or a tunnel)"),
    /** Login module. */
    SECURITY_LOGIN_MODULE("aeolus.broker.security.login.module", "file", "where users come from: file (the users " +
        "file), jaas (needs PLAIN) or the class name of an io.aeolus.broker.security.LoginModule"),
    /** JAAS entry. */
    SECURITY_JAAS_ENTRY("aeolus.broker.security.jaas.entry", "aeolus", "JAAS login configuration entry of login " +
        "module jaas (file named by -Djava.security.auth.login.config)"),
    /** PBKDF2 iterations. */
    SECURITY_ITERATIONS("aeolus.broker.security.iterations", "600000", "PBKDF2 iterations of passwords stored from " +
        "now on (the generated admin's, the user command's); at least 4096"),
    /** Shortest password of the user command. */
    SECURITY_MIN_PASSWORD_LENGTH("aeolus.broker.security.min.password.length", "8", "shortest password the user " +
        "command and management (addUser, changePassword) accept (1 to 1024); lower it only for test environments " +
        "and legacy suites"),
    /** Login failure delay. */
    SECURITY_FAILURE_DELAY("aeolus.broker.security.failure.delay", "500ms", "answer delay after a second failed " +
        "login from one host or for one user, doubling with each further failure; 0ms: none"),
    /** Longest login failure delay. */
    SECURITY_FAILURE_DELAY_MAX("aeolus.broker.security.failure.delay.max", "5s",
        "longest any login answer is held after repeated failures"),
    /** Transport encryption. */
    TRANSPORT_ENCRYPTION("aeolus.broker.transport.encryption", "auto", "AES-256-GCM encryption and " +
        "authentication of every frame after the SCRAM-SHA-256 login: off; on (clients that ask, which they do by " +
        "default); required (refuse anonymous, PLAIN and clients with encryption=off); auto: required for UDP " +
        "clients from other hosts, off for IPC and loopback"),
    /** Connections per user. */
    MAX_CONNECTIONS_PER_USER("aeolus.broker.max.connections.per.user", "1000",
        "most connections one authenticated user may hold at once"),
    /** Sessions per connection. */
    MAX_SESSIONS_PER_CONNECTION("aeolus.broker.max.sessions.per.connection", "1000",
        "most sessions one connection may hold at once"),
    /** Consumers per session. */
    MAX_CONSUMERS_PER_SESSION("aeolus.broker.max.consumers.per.session", "1000",
        "most consumers and browsers one session may hold at once"),
    /** Destinations. */
    MAX_DESTINATIONS("aeolus.broker.max.destinations", "10000",
        "most queues and topics, temporary ones included, the broker holds at once"),
    /** Graceful shutdown limit. */
    SHUTDOWN_TIMEOUT("aeolus.broker.shutdown.timeout", "10s", "at close or SIGTERM: how long the broker waits, " +
        "reading nothing more from clients, for what it accepted to be journaled and confirmed before it stops"),
    /** Metrics over HTTP. */
    METRICS_HTTP_ENDPOINT("aeolus.broker.metrics.http.endpoint", "", "host:port of an HTTP server that answers " +
        "Prometheus / OpenMetrics scrapes at /metrics (e.g. 127.0.0.1:9404); empty: off"),
    /** Metrics basic-auth user. */
    METRICS_HTTP_USER("aeolus.broker.metrics.http.user", "",
        "user name a scraper must give (HTTP basic authentication); empty: no authentication"),
    /** Metrics basic-auth password file. */
    METRICS_HTTP_PASSWORD_FILE("aeolus.broker.metrics.http.password.file", "",
        "file holding that user's password (the password alone); required with a user"),
    /** MQTT gateway endpoint. */
    MQTT_ENDPOINT("aeolus.broker.mqtt.endpoint", "", "host:port of the MQTT 3.1.1 / 5 gateway (plain TCP, e.g. " +
        "127.0.0.1:1883); empty: off (the gateway is on if this or the TLS endpoint is set)"),
    /** MQTT TLS endpoint. */
    MQTT_TLS_ENDPOINT("aeolus.broker.mqtt.tls.endpoint", "", "host:port of the MQTT gateway with TLS (e.g. " +
        "0.0.0.0:8883), beside or instead of the plain one; needs the key store; empty: off"),
    /** MQTT TLS key store. */
    MQTT_TLS_KEYSTORE("aeolus.broker.mqtt.tls.keystore", "", "key store file with the MQTT gateway's private key " +
        "and certificate (read at start)"),
    /** MQTT TLS key store password. */
    MQTT_TLS_KEYSTORE_PASSWORD("aeolus.broker.mqtt.tls.keystore.password", "",
        "password of that key store and its key"),
    /** MQTT TLS key store type. */
    MQTT_TLS_KEYSTORE_TYPE("aeolus.broker.mqtt.tls.keystore.type", "PKCS12",
        "type of the key store and the trust store: PKCS12 or JKS"),
    /** MQTT TLS client certificates. */
    MQTT_TLS_CLIENT_AUTH("aeolus.broker.mqtt.tls.client.auth", "none", "client certificates: none, optional " +
        "(checked if given) or required; checked against the trust store"),
    /** MQTT TLS trust store. */
    MQTT_TLS_TRUSTSTORE("aeolus.broker.mqtt.tls.truststore", "", "trust store file with the certificates client " +
        "certificates are checked against; required with client certificates"),
    /** MQTT TLS trust store password. */
    MQTT_TLS_TRUSTSTORE_PASSWORD("aeolus.broker.mqtt.tls.truststore.password", "", "password of that trust store"),
    /** Largest MQTT packet. */
    MQTT_MAX_PACKET_SIZE("aeolus.broker.mqtt.max.packet.size", "1m",
        "largest MQTT packet accepted; a larger one ends its connection (MQTT 5: DISCONNECT 0x95)"),
    /** MQTT receive maximum. */
    MQTT_RECEIVE_MAXIMUM("aeolus.broker.mqtt.receive.maximum", "64", "most unacknowledged QoS 1 and 2 messages an " +
        "MQTT client may send, and most the broker sends it before it acknowledges"),
    /** MQTT passwords from other hosts. */
    MQTT_REMOTE_PASSWORDS("aeolus.broker.mqtt.remote.passwords", "false", "accept MQTT user names and passwords " +
        "from other hosts over plain TCP, which carries them in clear (the TLS endpoint always accepts them); " +
        "false: from this host only"),
    /** Log directory of the broker process. */
    LOG_DIR("aeolus.broker.log.dir", "", "(broker process) directory of the rotating log files broker.0.log " +
        "(newest), broker.1.log, ...; empty: logs/ in the data directory; 'none': the console only"),
    /** Log level. */
    LOG_LEVEL("aeolus.broker.log.level", "info",
        "(broker process) level of the broker's log: error, warning, info, debug or trace"),
    /** Log file size. */
    LOG_FILE_SIZE("aeolus.broker.log.file.size", "10m", "(broker process) size at which the log file rotates"),
    /** Log files kept. */
    LOG_FILE_COUNT("aeolus.broker.log.file.count", "10",
        "(broker process) log files kept; the oldest is deleted at rotation"),
    /** Broker group members. */
    CLUSTER_MEMBERS("aeolus.cluster.members", "", "(broker group) the members of an Aeron Cluster group in member " +
        "id order, comma-separated host:port (e.g. 10.0.0.1:9000,10.0.0.2:9000,10.0.0.3:9000); each member uses " +
        "that port for clients and the next four for consensus, log, catch-up and archive; clients " +
        "connect with aeolus:cluster:// and the same list; empty: a single broker"),
    /** This member's id. */
    CLUSTER_MEMBER_ID("aeolus.cluster.member.id", "0",
        "(broker group) this node's member id: its position in aeolus.cluster.members, from 0"),
    /** Cluster directory. */
    CLUSTER_DIR("aeolus.cluster.dir", "", "(broker group) directory of this member's replicated log, snapshots " +
        "and archive; empty: cluster/ in the data directory. Its media driver uses aeolus.broker.aeron.dir followed " +
        "by -member-<id>"),
    /** Leader heartbeat interval. */
    CLUSTER_HEARTBEAT_INTERVAL("aeolus.cluster.heartbeat.interval", "100ms",
        "(broker group) how often the leader tells the followers it is alive"),
    /** Leader heartbeat timeout. */
    CLUSTER_LEADER_TIMEOUT("aeolus.cluster.leader.timeout", "400ms", "(broker group) a leader silent for this long " +
        "is replaced: an election starts (with the election timeout, this bounds the failover time)"),
    /** Election timeout. */
    CLUSTER_ELECTION_TIMEOUT("aeolus.cluster.election.timeout", "100ms",
        "(broker group) how long a candidate waits for votes in an election (with a member down it always waits " +
        "this long) and how long a failed election waits before the next; members nominate themselves within half " +
        "of it"),
    /** Client session timeout. */
    CLUSTER_SESSION_TIMEOUT("aeolus.cluster.session.timeout", "10s", "(broker group) a client silent for this long " +
        "loses its session: the group closes its connection and takes back what it held"),
    /** Log fsync. */
    CLUSTER_LOG_FSYNC("aeolus.cluster.log.fsync", "false", "(broker group) false: a command is confirmed once a " +
        "majority holds it in memory (survives the crash of any minority of members, not a power loss of the " +
        "majority); true: once a majority has also forced it to disk (survives a whole-group power loss)"),
    /** Snapshot interval. */
    CLUSTER_SNAPSHOT_INTERVAL("aeolus.cluster.snapshot.interval", "10m", "(broker group) how often the leader " +
        "has every member snapshot its state, so a restarting member replays only the log after it; 0: never");

    private final String propertyName;
    private final String defaultValue;
    private final String description;
    private final PolicySetting policySetting;

    BrokerConfiguration(final String propertyName, final String defaultValue, final String description)
    {
        this(propertyName, defaultValue, description, null);
    }

    BrokerConfiguration(
        final String propertyName, final String defaultValue, final String description, final PolicySetting setting)
    {
        this.propertyName = propertyName;
        this.defaultValue = defaultValue;
        this.description = description;
        this.policySetting = setting;
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
     * @return the per-destination setting this option is the broker-wide default of, or null.
     */
    public PolicySetting policySetting()
    {
        return policySetting;
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
            final String defaultValue = option == AERON_DIR ? "/dev/shm/aeolus-<user>" : option.defaultValue;
            sb.append("| `").append(option.propertyName).append("` | ")
                .append(defaultValue.isEmpty() ? "empty" : "`" + defaultValue + "`").append(" | ")
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
