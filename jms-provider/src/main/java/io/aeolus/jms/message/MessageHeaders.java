package io.aeolus.jms.message;

import io.aeolus.jms.AeolusDestination;
import jakarta.jms.Message;

/**
 * The JMS header fields of one message, and the producing connection's id. A plain holder: {@link AeolusMessage}
 * applies the JMS rules when the application sets them, and {@link MessageFrameCodec} maps them to and from the wire.
 * Not thread-safe.
 */
final class MessageHeaders
{
    String messageId;
    long timestamp;
    /** Set when the correlation id is a string; never set together with {@link #correlationIdBytes}. */
    String correlationId;
    /** Set when the correlation id was given as bytes (non-portable in JMS). */
    byte[] correlationIdBytes;
    AeolusDestination destination;
    AeolusDestination replyTo;
    int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
    boolean redelivered;
    String type;
    long expiration;
    int priority = Message.DEFAULT_PRIORITY;
    long deliveryTime;
    long producerConnectionId;
}
