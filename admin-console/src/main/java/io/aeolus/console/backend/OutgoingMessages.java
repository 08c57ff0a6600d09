package io.aeolus.console.backend;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.Map;

/**
 * Sends an {@link OutgoingMessage} with a plain JMS producer, exactly as an application would: the broker checks
 * the user's {@code send} permission, routes it and journals it like any other message. The session is the
 * caller's and is used by one thread.
 */
final class OutgoingMessages
{
    private OutgoingMessages()
    {
    }

    /**
     * Sends a message on a session; blocks until the broker accepted it (persistent) or it left (non-persistent).
     *
     * @param session a session used by the calling thread only.
     * @param message the message.
     * @throws JMSException when the broker refuses it or the send fails.
     */
    static void send(final Session session, final OutgoingMessage message) throws JMSException
    {
        final Destination destination = message.destinationType() == DestinationType.TOPIC ?
            session.createTopic(message.destination()) : session.createQueue(message.destination());
        final MessageProducer producer = session.createProducer(destination);
        try
        {
            producer.setDeliveryDelay(message.deliveryDelayMs());
            producer.send(toJms(session, message),
                message.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT,
                message.priority(), message.timeToLiveMs());
        }
        finally
        {
            producer.close();
        }
    }

    static Message toJms(final Session session, final OutgoingMessage message) throws JMSException
    {
        final Message jms;
        switch (message.bodyType())
        {
            case BYTES:
                final jakarta.jms.BytesMessage bytes = session.createBytesMessage();
                bytes.writeBytes(message.bytes());
                jms = bytes;
                break;
            case MAP:
                final MapMessage map = session.createMapMessage();
                for (final Map.Entry<String, String> entry : message.map().entrySet())
                {
                    map.setString(entry.getKey(), entry.getValue());
                }
                jms = map;
                break;
            default:
                jms = session.createTextMessage(message.text());
                break;
        }
        if (!message.jmsType().isEmpty())
        {
            jms.setJMSType(message.jmsType());
        }
        if (!message.correlationId().isEmpty())
        {
            jms.setJMSCorrelationID(message.correlationId());
        }
        for (final Map.Entry<String, Object> property : message.properties().entrySet())
        {
            jms.setObjectProperty(property.getKey(), property.getValue());
        }
        return jms;
    }
}
