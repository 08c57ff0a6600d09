package io.aeolus.broker.destination;

import io.aeolus.broker.selector.SelectorSource;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.message.PropertiesCodec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a selector the headers and properties of one queue entry, reading each from the encoded message only when
 * the selector asks for it: no message is decoded whole. Reused for every evaluation; conductor thread only. Public
 * for the engine's routing rules and last-value queues, which read a message the same way.
 */
public final class MessageSelectorSource implements SelectorSource
{
    private final Map<String, byte[]> utf8Names = new HashMap<>();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();
    private BrokerMessage message;
    private int deliveryCount;

    MessageSelectorSource wrap(final QueueEntry entry)
    {
        this.message = entry.message;
        this.deliveryCount = entry.deliveryCount;
        return this;
    }

    /**
     * @param message the message to read from now on, as first delivered.
     * @return this.
     */
    public MessageSelectorSource wrap(final BrokerMessage message)
    {
        this.message = message;
        this.deliveryCount = 0;
        return this;
    }

    /**
     * @param message       the message to read from now on.
     * @param deliveryCount its deliveries so far (a message read back from the journal has its journaled count).
     * @return this.
     */
    public MessageSelectorSource wrap(final BrokerMessage message, final int deliveryCount)
    {
        this.message = message;
        this.deliveryCount = deliveryCount;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public Object valueOf(final String identifier)
    {
        switch (identifier)
        {
            case "JMSDeliveryMode":
                return message.isPersistent() ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority":
                return message.priority();
            case "JMSTimestamp":
                return message.timestampMs();
            case "JMSMessageID":
                return stringHeader(0);
            case "JMSCorrelationID":
                return stringHeader(1);
            case "JMSType":
                return stringHeader(2);
            case "JMSXDeliveryCount":
                return deliveryCount + 1;
            default:
                return property(identifier);
        }
    }

    private Object property(final String identifier)
    {
        try
        {
            // Names are encoded once per identifier, not on every evaluation.
            return PropertiesCodec.find(message.encoded(), message.propertiesOffset(), message.propertiesLength(),
                utf8Names.computeIfAbsent(identifier, MessageSelectorSource::utf8));
        }
        catch (final IllegalArgumentException ex)
        {
            // Malformed properties (the broker does not decode them all on arrival) read as absent: the selector
            // sees unknown, and the message cannot stall dispatch by throwing on every evaluation.
            return null;
        }
    }

    private String stringHeader(final int which)
    {
        headerDecoder.wrap(message.encoded(), 0);
        decoder.wrap(message.encoded(), MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        final String messageId = decoder.messageId();
        if (which == 0)
        {
            return messageId.isEmpty() ? null : messageId;
        }
        decoder.skipDestination();
        decoder.skipReplyTo();
        final int correlationLength = decoder.correlationIdLength();
        final byte[] correlation = new byte[correlationLength];
        decoder.getCorrelationId(correlation, 0, correlationLength);
        if (which == 1)
        {
            return correlationLength == 0 ? null : new String(correlation, StandardCharsets.UTF_8);
        }
        final String type = decoder.jmsType();
        return type.isEmpty() ? null : type;
    }

    private static byte[] utf8(final String name)
    {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
