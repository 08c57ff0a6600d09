package io.aeolus.jms.admin;

import java.util.Map;

/**
 * One message as a browse shows it. The body is text for a TextMessage, base64 for a BytesMessage, the values for a
 * MapMessage or StreamMessage, and the class name alone for an ObjectMessage (never deserialized); bodies over
 * 64 Ki characters are cut and flagged {@code truncated}.
 *
 * @param messageId     JMSMessageID.
 * @param correlationId JMSCorrelationID, empty if none.
 * @param type          JMSType, empty if none.
 * @param replyTo       the JMSReplyTo destination's name, empty if none.
 * @param timestamp     JMSTimestamp, ms since the epoch.
 * @param expiration    JMSExpiration, ms since the epoch, 0 for never.
 * @param priority      JMSPriority.
 * @param persistent    true for JMSDeliveryMode PERSISTENT.
 * @param deliveryCount deliveries so far.
 * @param bodyType      MESSAGE, TEXT, BYTES, MAP, STREAM or OBJECT.
 * @param bodySize      the encoded body's size in bytes.
 * @param body          the body as described above, null if none.
 * @param truncated     true if the body was cut.
 * @param properties    the message's properties.
 */
public record MessageInfo(String messageId, String correlationId, String type, String replyTo, long timestamp,
    long expiration, int priority, boolean persistent, int deliveryCount, String bodyType, int bodySize, String body,
    boolean truncated, Map<String, Object> properties)
{
}
