package io.aeolus.console.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message the console sends, already validated by the send dialog; immutable.
 *
 * @param destination     destination name.
 * @param destinationType queue or topic.
 * @param bodyType        {@link BodyType#TEXT}, {@link BodyType#BYTES} or {@link BodyType#MAP}.
 * @param text            the body of a text message, else empty.
 * @param bytes           the body of a bytes message, else empty; copied on the way in and out.
 * @param map             the entries of a map message (string values), else empty; in entry order.
 * @param jmsType         JMSType, empty for none.
 * @param correlationId   JMSCorrelationID, empty for none.
 * @param properties      application properties, values of the JMS property types (String, Boolean, Byte, Short,
 *                        Integer, Long, Float, Double); in entry order.
 * @param persistent      true for PERSISTENT delivery.
 * @param priority        JMS priority, 0 to 9.
 * @param timeToLiveMs    time to live in milliseconds, 0 for never expires.
 * @param deliveryDelayMs delivery delay in milliseconds, 0 for none.
 */
public record OutgoingMessage(
    String destination,
    DestinationType destinationType,
    BodyType bodyType,
    String text,
    byte[] bytes,
    Map<String, String> map,
    String jmsType,
    String correlationId,
    Map<String, Object> properties,
    boolean persistent,
    int priority,
    long timeToLiveMs,
    long deliveryDelayMs)
{
    /**
     * Copies the mutable parts and checks the ranges.
     */
    public OutgoingMessage
    {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(destinationType, "destinationType");
        if (bodyType != BodyType.TEXT && bodyType != BodyType.BYTES && bodyType != BodyType.MAP)
        {
            throw new IllegalArgumentException("the console sends text, bytes or map messages, not " + bodyType);
        }
        if (priority < 0 || priority > 9 || timeToLiveMs < 0 || deliveryDelayMs < 0)
        {
            throw new IllegalArgumentException("priority 0-9, time to live and delivery delay >= 0");
        }
        text = null == text ? "" : text;
        bytes = null == bytes ? new byte[0] : bytes.clone();
        map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        jmsType = null == jmsType ? "" : jmsType;
        correlationId = null == correlationId ? "" : correlationId;
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The body of a bytes message, copied; allocates.
     *
     * @return the bytes.
     */
    @Override
    public byte[] bytes()
    {
        return bytes.clone();
    }
}
