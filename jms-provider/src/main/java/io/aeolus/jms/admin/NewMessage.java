package io.aeolus.jms.admin;

import io.aeolus.management.MessageDetail;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message for {@link AdminClient#sendMessage}: a body and the headers and properties to send it with. Built with the
 * factory for its body type, then adjusted:
 * <pre>{@code
 * admin.sendMessage("orders", false, NewMessage.text("{\"id\": 7}").jmsType("order").property("region", "eu")
 *     .priority(7).timeToLiveMs(60_000));
 * }</pre>
 * The broker checks every value and refuses a bad one with a {@code JMSException} whose error code is
 * {@code INVALID_ARGUMENT} and whose message names it. Defaults are JMS's: persistent, priority 4, no expiry, no delay.
 * Not thread-safe.
 */
public final class NewMessage
{
    private static final byte[] NULL_TEXT = {(byte)0xFF};

    private final String bodyType;
    private final Object body;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private String jmsType;
    private Object correlationId;
    private String replyTo;
    private boolean replyToTopic;
    private boolean persistent = true;
    private int priority = 4;
    private long timeToLiveMs;
    private long deliveryDelayMs;

    private NewMessage(final String bodyType, final Object body)
    {
        this.bodyType = bodyType;
        this.body = body;
    }

    /**
     * @param text the text, null for a text message without one.
     * @return a text message.
     */
    public static NewMessage text(final String text)
    {
        return null == text ? new NewMessage(Argument.TEXT_BODY, NULL_TEXT) : new NewMessage(Argument.TEXT_BODY, text);
    }

    /**
     * @param bytes the body.
     * @return a bytes message.
     */
    public static NewMessage bytes(final byte[] bytes)
    {
        return new NewMessage(Argument.BYTES_BODY, Objects.requireNonNull(bytes, "bytes").clone());
    }

    /**
     * @param entries the body's entries: boolean, byte, short, char, int, long, float, double, string, byte[] or
     *                null values.
     * @return a map message.
     */
    public static NewMessage map(final Map<String, Object> entries)
    {
        return new NewMessage(Argument.MAP_BODY, new LinkedHashMap<>(Objects.requireNonNull(entries, "entries")));
    }

    /**
     * A message whose body is given as the raw bytes {@link MessageDetail#body()} shows: what an import sends, so
     * that the body arrives byte for byte.
     *
     * @param bodyType MESSAGE, TEXT, BYTES, MAP, STREAM or OBJECT (any case).
     * @param rawBody  the body's raw bytes; empty for MESSAGE.
     * @return the message.
     */
    public static NewMessage encoded(final String bodyType, final byte[] rawBody)
    {
        return new NewMessage(Objects.requireNonNull(bodyType, "bodyType"), rawBody.clone());
    }

    /**
     * @param type JMSType.
     * @return this.
     */
    public NewMessage jmsType(final String type)
    {
        this.jmsType = type;
        return this;
    }

    /**
     * @param correlationId JMSCorrelationID.
     * @return this.
     */
    public NewMessage correlationId(final String correlationId)
    {
        this.correlationId = correlationId;
        return this;
    }

    /**
     * @param correlationId JMSCorrelationID as bytes ({@code setJMSCorrelationIDAsBytes}).
     * @return this.
     */
    public NewMessage correlationIdBytes(final byte[] correlationId)
    {
        this.correlationId = null == correlationId ? null : correlationId.clone();
        return this;
    }

    /**
     * @param destination the JMSReplyTo destination's name.
     * @param topic       true if it is a topic.
     * @return this.
     */
    public NewMessage replyTo(final String destination, final boolean topic)
    {
        this.replyTo = destination;
        this.replyToTopic = topic;
        return this;
    }

    /**
     * @param persistent true (the default) for PERSISTENT, false for NON_PERSISTENT.
     * @return this.
     */
    public NewMessage persistent(final boolean persistent)
    {
        this.persistent = persistent;
        return this;
    }

    /**
     * @param priority JMSPriority, 0 to 9.
     * @return this.
     */
    public NewMessage priority(final int priority)
    {
        this.priority = priority;
        return this;
    }

    /**
     * @param timeToLiveMs how long the message lives, in ms; 0 (the default) for ever.
     * @return this.
     */
    public NewMessage timeToLiveMs(final long timeToLiveMs)
    {
        this.timeToLiveMs = timeToLiveMs;
        return this;
    }

    /**
     * @param deliveryDelayMs how long the broker holds the message before delivering it, in ms.
     * @return this.
     */
    public NewMessage deliveryDelayMs(final long deliveryDelayMs)
    {
        this.deliveryDelayMs = deliveryDelayMs;
        return this;
    }

    /**
     * @param name  a property name (a JMS identifier).
     * @param value a boolean, byte, short, int, long, float, double or string.
     * @return this.
     */
    public NewMessage property(final String name, final Object value)
    {
        properties.put(name, value);
        return this;
    }

    /**
     * The arguments of a {@code sendMessage} request for this message.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> arguments(final String destination, final boolean topic)
    {
        final Map<String, Object> arguments = Request.of(Operation.SEND_MESSAGE, Argument.NAME, destination,
            Argument.TYPE, Argument.type(topic), Argument.BODY_TYPE, bodyType);
        if (body instanceof Map)
        {
            ((Map<String, Object>)body).forEach((name, value) -> arguments.put(Argument.MAP_PREFIX + name, value));
        }
        else if (null != body)
        {
            arguments.put(Argument.BODY, body);
        }
        putIfSet(arguments, Argument.JMS_TYPE, jmsType);
        putIfSet(arguments, Argument.CORRELATION_ID, correlationId);
        if (null != replyTo && !replyTo.isEmpty())
        {
            arguments.put(Argument.REPLY_TO, replyTo);
            arguments.put(Argument.REPLY_TO_TYPE, Argument.type(replyToTopic));
        }
        arguments.put(Argument.DELIVERY_MODE, persistent ? Argument.PERSISTENT : Argument.NON_PERSISTENT);
        arguments.put(Argument.PRIORITY, priority);
        arguments.put(Argument.TIME_TO_LIVE, timeToLiveMs);
        arguments.put(Argument.DELIVERY_DELAY, deliveryDelayMs);
        properties.forEach((name, value) -> arguments.put(Argument.PROPERTY_PREFIX + name, value));
        return arguments;
    }

    private static void putIfSet(final Map<String, Object> arguments, final String name, final Object value)
    {
        if (null != value)
        {
            arguments.put(name, value);
        }
    }
}
