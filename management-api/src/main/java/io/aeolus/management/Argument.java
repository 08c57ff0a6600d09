package io.aeolus.management;

/**
 * The names of request entries (the map body of a request) and the fixed values some of them take. A value is a
 * string, a number, a boolean or bytes as the operation's Javadoc in {@link Operation} and the broker's checks say;
 * the broker rejects an argument it does not know for the operation with {@link ErrorCode#INVALID_ARGUMENT}.
 */
public final class Argument
{
    /** The operation's {@link Operation#wireName()}. */
    public static final String OP = "op";
    /** A destination's (or durable subscription's) name. */
    public static final String NAME = "name";
    /** A destination's type: {@link #QUEUE} or {@link #TOPIC}. */
    public static final String TYPE = "type";
    /** The target destination of a move or copy. */
    public static final String TARGET = "target";
    /** Message ids, separated by new lines. */
    public static final String IDS = "ids";
    /** A JMS message selector. */
    public static final String SELECTOR = "selector";
    /** The first row (browse, search) or the first body byte (getMessage). */
    public static final String OFFSET = "offset";
    /** How many rows at most. */
    public static final String LIMIT = "limit";
    /** How many body bytes at most. */
    public static final String LENGTH = "length";
    /** The text a search looks for. */
    public static final String TEXT = "text";
    /** How long, in ms, a browse with a selector or a search may scan the queue before it gives up. */
    public static final String TIME_LIMIT_MS = "timeLimitMs";
    /** A message's JMSMessageID. */
    public static final String MESSAGE_ID = "messageId";
    /** The broker's id of a connection. */
    public static final String CONNECTION_ID = "connectionId";
    /** A subscription's topic. */
    public static final String TOPIC_NAME = "topic";
    /** A subscriber's client id. */
    public static final String CLIENT_ID = "clientId";
    /** True to pick the shared kind of a durable subscription. */
    public static final String SHARED = "shared";
    /** A job's kind: a {@link JobInfo.Kind#wireName()}. */
    public static final String KIND = "kind";
    /** A job's rate limit, messages per second; 0 for none. */
    public static final String RATE = "rate";
    /** True to count what a job would do without starting it. */
    public static final String DRY_RUN = "dryRun";
    /** A job's id. */
    public static final String JOB_ID = "jobId";
    /** A trash batch's id. */
    public static final String BATCH = "batch";
    /** How many time buckets a triage histogram has. */
    public static final String BUCKETS = "buckets";
    /** What a triage groups by: reason, destination, consumer, deliveryCount or property. */
    public static final String GROUP_BY = "groupBy";
    /** The property a triage groups by. */
    public static final String PROPERTY = "property";
    /** A history's range, e.g. {@code 1h}. */
    public static final String RANGE = "range";
    /** A sent message's body type: text, bytes, map or the raw SBE name. */
    public static final String BODY_TYPE = "bodyType";
    /** A sent message's body. */
    public static final String BODY = "body";
    /** A sent message's JMSType. */
    public static final String JMS_TYPE = "jmsType";
    /** A sent message's JMSCorrelationID (text or bytes). */
    public static final String CORRELATION_ID = "correlationId";
    /** A sent message's JMSReplyTo. */
    public static final String REPLY_TO = "replyTo";
    /** The type of a sent message's JMSReplyTo: {@link #QUEUE} or {@link #TOPIC}. */
    public static final String REPLY_TO_TYPE = "replyToType";
    /** A sent message's delivery mode: {@link #PERSISTENT} or {@link #NON_PERSISTENT}. */
    public static final String DELIVERY_MODE = "deliveryMode";
    /** A sent message's priority, 0 to 9. */
    public static final String PRIORITY = "priority";
    /** A sent message's time to live, ms. */
    public static final String TIME_TO_LIVE = "timeToLive";
    /** A sent message's delivery delay, ms. */
    public static final String DELIVERY_DELAY = "deliveryDelay";
    /** A routing rule's source: {@code queue:<name>} or {@code topic:<name or pattern>}. */
    public static final String SOURCE = "source";
    /** A routing rule's targets: comma-separated {@code queue:<name>} or {@code topic:<name>}. */
    public static final String TARGETS = "targets";
    /** A routing rule's mode: {@code copy} or {@code exclusive}. */
    public static final String MODE = "mode";
    /** A routing rule's transformer, by name (a built-in or a plugin's). */
    public static final String TRANSFORMER = "transformer";
    /** A routing rule transformer's parameters: {@code name=value}, one a line. */
    public static final String PARAMETERS = "parameters";
    /** The JSON Schema a routing rule validates against, inline (the schema's text). */
    public static final String SCHEMA = "schema";
    /** What a routing rule does with a message its transformer or schema finds invalid: {@code refuse} or
     *  {@code dead-letter}. */
    public static final String INVALID = "invalid";
    /** Start of a replay's time range: an ISO-8601 time, epoch ms, or a negative duration before now (-1h). */
    public static final String FROM = "from";
    /** A page cursor: the page starts after this (the {@code next} of the page before). */
    public static final String AFTER = "after";
    /** End of a replay's time range (exclusive), in the forms of {@link #FROM}; now if absent. */
    public static final String TO = "to";
    /** A JMS bridge's options, in properties form without the {@code aeolus.bridge.<name>.} prefix. */
    public static final String OPTIONS = "options";
    /** A user's new password (never written to the audit log). */
    public static final String PASSWORD = "password";
    /** A user's roles, comma-separated. */
    public static final String ROLES = "roles";
    /** Prefix of a sent message's properties. */
    public static final String PROPERTY_PREFIX = "property.";
    /** Prefix of a sent map message's entries. */
    public static final String MAP_PREFIX = "map.";
    /**
     * Prefix of a destination's setting on {@code createQueue}, {@code createTopic} and
     * {@code setDestinationSettings}: {@code setting.max.delivery.attempts=3}.
     */
    public static final String SETTING_PREFIX = "setting.";
    /** Names of settings, comma-separated ({@code resetDestinationSettings}: only those; absent: all). */
    public static final String SETTINGS = "settings";

    /** {@link #TYPE} of a queue. */
    public static final String QUEUE = "queue";
    /** {@link #TYPE} of a topic. */
    public static final String TOPIC = "topic";
    /** {@link #BODY_TYPE} of a text message. */
    public static final String TEXT_BODY = "text";
    /** {@link #BODY_TYPE} of a bytes message. */
    public static final String BYTES_BODY = "bytes";
    /** {@link #BODY_TYPE} of a map message (its entries as {@link #MAP_PREFIX} arguments). */
    public static final String MAP_BODY = "map";
    /** {@link #DELIVERY_MODE} of a persistent message. */
    public static final String PERSISTENT = "PERSISTENT";
    /** {@link #DELIVERY_MODE} of a non-persistent message. */
    public static final String NON_PERSISTENT = "NON_PERSISTENT";

    private Argument()
    {
    }

    /**
     * @param topic true for a topic.
     * @return the {@link #TYPE} value.
     */
    public static String type(final boolean topic)
    {
        return topic ? TOPIC : QUEUE;
    }
}
