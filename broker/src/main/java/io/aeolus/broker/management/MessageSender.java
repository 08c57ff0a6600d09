package io.aeolus.broker.management;

import io.aeolus.management.Reply;
import io.aeolus.management.Argument;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.Permission;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The management operation {@code sendMessage}: the broker builds a message and routes it as a producer's send would,
 * to a queue or to the subscriptions of a topic. It needs {@code send} on the destination, and
 * {@code createDestination} if the destination does not exist yet (it is then created). Every argument is checked
 * before anything happens, and refused with {@link ManagementException#INVALID_ARGUMENT} naming it; an argument the
 * operation does not know is refused too.
 * <p>
 * Arguments: {@code name}; {@code type} {@code queue} (default) or {@code topic}; {@code bodyType} {@code text}
 * (default), {@code bytes}, {@code map}, {@code stream}, {@code object} or {@code message} (no body); {@code body}:
 * for text the text, for the others base64 text, or for any type the raw body bytes (see {@link MessageSearch});
 * a map body may instead be given as entries {@code map.<name>}; {@code jmsType}; {@code correlationId} (text, or
 * bytes for a bytes correlation id); {@code replyTo} and {@code replyToType} ({@code queue} or {@code topic});
 * {@code deliveryMode} {@code PERSISTENT} (default) or {@code NON_PERSISTENT}; {@code priority} 0 to 9 (default 4);
 * {@code timeToLive} and {@code deliveryDelay} in ms (default 0: never expires, delivered at once); properties as
 * entries {@code property.<name>} with boolean, byte, short, int, long, float, double or string values.
 * <p>
 * The message gets the JMSMessageID {@code ID:aeolus-broker-<n>}, which the reply returns as {@code messageId}, and
 * the broker's clock for its JMSTimestamp. A persistent message is journaled, and the reply waits until it is on
 * disk. Conductor thread only; allocates.
 */
final class MessageSender
{
    static final long MAX_DELAY_MS = 100L * 365 * 24 * 3600 * 1000;
    private static final String PROPERTY_PREFIX = Argument.PROPERTY_PREFIX;
    private static final String MAP_PREFIX = Argument.MAP_PREFIX;
    private static final Set<String> ARGUMENTS = Set.of(Argument.NAME, Argument.TYPE, Argument.BODY_TYPE,
        Argument.BODY, Argument.JMS_TYPE,
        Argument.CORRELATION_ID, Argument.REPLY_TO, Argument.REPLY_TO_TYPE, Argument.DELIVERY_MODE, Argument.PRIORITY,
            Argument.TIME_TO_LIVE, Argument.DELIVERY_DELAY);
    private static final Set<String> RESERVED_WORDS = Set.of(
        "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");
    private static final int SLACK = 512;

    private final ManagedBroker broker;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final JmsMessageEncoder encoder = new JmsMessageEncoder();

    MessageSender(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    Map<String, Object> send(final Map<String, Object> arguments, final Requester requester)
    {
        Arguments.requireKnown(arguments, ARGUMENTS, PROPERTY_PREFIX, MAP_PREFIX);
        final String name = Arguments.destinationName(arguments, Argument.NAME);
        final boolean topic = isTopic(arguments, Argument.TYPE);
        final Request request = request(arguments);
        requester.require(Permission.SEND, name);
        if (ManagementService.isBuiltIn(name))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + name + "' is a built-in destination: messages cannot be sent there");
        }
        final MessageQueue queue = topic ? null : broker.queues().get(name);
        final Topic theTopic = topic ? broker.topics().get(name) : null;
        final boolean exists = null != queue || null != theTopic;
        if (!exists)
        {
            requester.require(Permission.CREATE_DESTINATION, name);
        }
        final DestinationType type = null != queue ? queue.destinationType() : null != theTopic ? theTopic.type() :
            topic ? DestinationType.TOPIC : DestinationType.QUEUE;
        final long brokerId = broker.nextMessageId();
        final String messageId = "ID:aeolus-broker-" + brokerId;
        final BrokerMessage message = encode(brokerId, messageId, name, type, request);
        broker.requireJournalable(message);
        if (null != queue && queue.isOverMemoryLimit() || null != theTopic && theTopic.isOverMemoryLimit())
        {
            throw new ManagementException(ManagementException.RESOURCE_ALLOCATION,
                "destination '" + name + "' is over its memory limit: the message was refused");
        }
        if (!exists && topic)
        {
            broker.createTopic(name);
        }
        else if (!exists)
        {
            broker.createQueue(name);
        }
        broker.route(message);
        return Map.of(Reply.MESSAGE_ID, messageId);
    }

    /**
     * Reads and checks every argument but the destination.
     */
    private static Request request(final Map<String, Object> arguments)
    {
        final BodyType bodyType = bodyType(arguments);
        final byte[] body = body(arguments, bodyType);
        final Map<String, Object> properties = properties(arguments);
        final Object correlation = arguments.get(Argument.CORRELATION_ID);
        if (null != correlation && !(correlation instanceof String) && !(correlation instanceof byte[]))
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument 'correlationId' must be a string or bytes");
        }
        final boolean correlationIsBytes = correlation instanceof byte[];
        final byte[] correlationId = null == correlation ? new byte[0] : correlationIsBytes ?
            (byte[])correlation : ((String)correlation).getBytes(StandardCharsets.UTF_8);
        final String jmsType = Arguments.optionalString(arguments, Argument.JMS_TYPE);
        final String replyTo = Arguments.optionalString(arguments, Argument.REPLY_TO);
        final DestinationType replyToType;
        if (null == replyTo || replyTo.isEmpty())
        {
            if (null != arguments.get(Argument.REPLY_TO_TYPE))
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                    "argument 'replyToType' is given without 'replyTo'");
            }
            replyToType = DestinationType.NONE;
        }
        else
        {
            Arguments.destinationName(arguments, Argument.REPLY_TO);
            replyToType = isTopic(arguments, Argument.REPLY_TO_TYPE) ? DestinationType.TOPIC : DestinationType.QUEUE;
        }
        return new Request(bodyType, body, properties, correlationId, correlationIsBytes,
            null == jmsType ? "" : jmsType, DestinationType.NONE == replyToType ? "" : replyTo, replyToType,
            persistent(arguments), (short)Arguments.intValue(arguments, Argument.PRIORITY, 4, 9),
            Arguments.longValue(arguments, Argument.TIME_TO_LIVE, 0, 0, MAX_DELAY_MS),
            Arguments.longValue(arguments, Argument.DELIVERY_DELAY, 0, 0, MAX_DELAY_MS));
    }

    private static boolean isTopic(final Map<String, Object> arguments, final String argument)
    {
        final String type = Arguments.optionalString(arguments, argument);
        if (null == type || Argument.QUEUE.equalsIgnoreCase(type))
        {
            return false;
        }
        if (Argument.TOPIC.equalsIgnoreCase(type))
        {
            return true;
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument '" + argument + "' must be 'queue' or 'topic', not '" + type + "'");
    }

    private static boolean persistent(final Map<String, Object> arguments)
    {
        final String mode = Arguments.optionalString(arguments, Argument.DELIVERY_MODE);
        if (null == mode || Argument.PERSISTENT.equalsIgnoreCase(mode))
        {
            return true;
        }
        if (Argument.NON_PERSISTENT.equalsIgnoreCase(mode))
        {
            return false;
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument 'deliveryMode' must be PERSISTENT or NON_PERSISTENT, not '" + mode + "'");
    }

    private static BodyType bodyType(final Map<String, Object> arguments)
    {
        final String text = Arguments.optionalString(arguments, Argument.BODY_TYPE);
        if (null == text)
        {
            return BodyType.TEXT;
        }
        final String upper = text.toUpperCase(Locale.ROOT);
        for (final BodyType type : BodyType.values())
        {
            if (type != BodyType.NULL_VAL && type.name().equals(upper))
            {
                return type;
            }
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument 'bodyType' must be text, " +
            "bytes, map, stream, object or message, not '" + text + "'");
    }

    private static byte[] body(final Map<String, Object> arguments, final BodyType bodyType)
    {
        final Map<String, Object> entries = prefixed(arguments, MAP_PREFIX);
        final Object body = arguments.get(Argument.BODY);
        if (!entries.isEmpty() && bodyType != BodyType.MAP)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "map entries ('" + MAP_PREFIX + "<name>') are given for a " + bodyType + " body");
        }
        if (!entries.isEmpty() && null != body)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "a map body is given both as argument 'body' and as '" + MAP_PREFIX + "<name>' entries");
        }
        switch (bodyType)
        {
            case MESSAGE:
                if (null != body)
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                        "argument 'body' is given for a message without a body (bodyType message)");
                }
                return new byte[0];
            case TEXT:
                if (null != body && !(body instanceof String) && !(body instanceof byte[]))
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                        "argument 'body' of a text message must be a string (or its UTF-8 bytes)");
                }
                return body instanceof String ? ((String)body).getBytes(StandardCharsets.UTF_8) :
                    nullToEmpty((byte[])body);
            case MAP:
                return entries.isEmpty() ? checked(arguments, bodyType) : encode(entries);
            default:
                return checked(arguments, bodyType);
        }
    }

    /**
     * A body given as bytes or base64: a map or stream body must decode, so that no consumer gets one it cannot read.
     */
    private static byte[] checked(final Map<String, Object> arguments, final BodyType bodyType)
    {
        final byte[] body = nullToEmpty(Arguments.optionalBytes(arguments, Argument.BODY));
        if (body.length > 0 && (bodyType == BodyType.MAP || bodyType == BodyType.STREAM))
        {
            try
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(body);
                if (bodyType == BodyType.MAP)
                {
                    PropertiesCodec.decode(buffer, 0, body.length);
                }
                else
                {
                    PropertiesCodec.decodeValues(buffer, 0, body.length);
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                    "argument 'body' is not an encoded " + bodyType + " body: " + ex.getMessage());
            }
        }
        return body;
    }

    private static byte[] encode(final Map<String, Object> entries)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(SLACK);
        final int length = PropertiesCodec.encode(entries, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static Map<String, Object> properties(final Map<String, Object> arguments)
    {
        final Map<String, Object> properties = prefixed(arguments, PROPERTY_PREFIX);
        for (final Map.Entry<String, Object> property : properties.entrySet())
        {
            final String name = property.getKey();
            final Object value = property.getValue();
            final String problem = propertyNameProblem(name);
            if (null != problem)
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                    "argument '" + PROPERTY_PREFIX + name + "': " + problem);
            }
            if (!(value instanceof Boolean || value instanceof Byte || value instanceof Short ||
                value instanceof Integer || value instanceof Long || value instanceof Float ||
                value instanceof Double || value instanceof String))
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument '" + PROPERTY_PREFIX +
                    name + "' must be a boolean, byte, short, int, long, float, double or string, not " +
                    (null == value ? "null" : value.getClass().getSimpleName()));
            }
        }
        return properties;
    }

    /**
     * JMS property names follow the selector's identifier rules, and names beginning with {@code JMS} are reserved
     * (an application may set only JMSXGroupID and JMSXGroupSeq).
     */
    static String propertyNameProblem(final String name)
    {
        if (!Character.isJavaIdentifierStart(name.charAt(0)) ||
            !name.chars().skip(1).allMatch(Character::isJavaIdentifierPart))
        {
            return "not a valid property name (a Java identifier)";
        }
        if (RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT)))
        {
            return "a reserved selector word cannot name a property";
        }
        if (name.startsWith("JMS") && !BrokerMessage.GROUP_ID_PROPERTY.equals(name) &&
            !BrokerMessage.GROUP_SEQUENCE_PROPERTY.equals(name))
        {
            return "property names beginning with JMS are reserved (only JMSXGroupID and JMSXGroupSeq may be set)";
        }
        return null;
    }

    private static Map<String, Object> prefixed(final Map<String, Object> arguments, final String prefix)
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> argument : arguments.entrySet())
        {
            if (argument.getKey().startsWith(prefix) && argument.getKey().length() > prefix.length())
            {
                values.put(argument.getKey().substring(prefix.length()), argument.getValue());
            }
        }
        return values;
    }

    private static byte[] nullToEmpty(final byte[] bytes)
    {
        return null == bytes ? new byte[0] : bytes;
    }

    private BrokerMessage encode(final long brokerId, final String messageId, final String destination,
        final DestinationType destinationType, final Request request)
    {
        final long nowMs = broker.nowMs();
        final ExpandableArrayBuffer target = new ExpandableArrayBuffer(request.body().length + SLACK);
        encoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .bodyType(request.bodyType())
            .deliveryMode(request.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT)
            .priority(request.priority());
        encoder.flags().clear().correlationIdIsBytes(request.correlationIsBytes());
        encoder
            .destinationType(destinationType)
            .replyToType(request.replyToType())
            .timestamp(nowMs)
            .expiration(request.timeToLiveMs() > 0 ? nowMs + request.timeToLiveMs() : 0)
            .deliveryTime(nowMs + request.deliveryDelayMs())
            .producerConnectionId(0);
        encoder.messageId(messageId);
        encoder.destination(destination);
        encoder.replyTo(request.replyTo());
        encoder.putCorrelationId(request.correlationId(), 0, request.correlationId().length);
        encoder.jmsType(request.jmsType());
        final ExpandableArrayBuffer properties = new ExpandableArrayBuffer(SLACK);
        final int propertiesLength = request.properties().isEmpty() ?
            0 : PropertiesCodec.encode(request.properties(), properties, 0);
        encoder.putProperties(properties, 0, propertiesLength);
        encoder.putBody(request.body(), 0, request.body().length);
        final int frameLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        return BrokerMessage.decode(brokerId, new UnsafeBuffer(target.byteArray(), 0, frameLength), 0, frameLength);
    }

    /**
     * A sendMessage request, checked.
     */
    private record Request(BodyType bodyType, byte[] body, Map<String, Object> properties, byte[] correlationId,
        boolean correlationIsBytes, String jmsType, String replyTo, DestinationType replyToType, boolean persistent,
        short priority, long timeToLiveMs, long deliveryDelayMs)
    {
    }
}
