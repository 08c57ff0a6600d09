package io.aeolus.jms.message;

import io.aeolus.jms.AeolusDestination;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

/**
 * Copies a message of any provider into a new, writable Aeolus message through the JMS API alone.
 */
final class ForeignMessageCopier
{
    private ForeignMessageCopier()
    {
    }

    static AeolusMessage copy(final Message foreign) throws JMSException
    {
        final AeolusMessage copy = newMessageLike(foreign);
        copyHeaders(foreign, copy);
        copy.copyPropertiesFrom(foreign);
        copy.copyBodyFrom(foreign);
        return copy;
    }

    private static AeolusMessage newMessageLike(final Message foreign)
    {
        if (foreign instanceof TextMessage)
        {
            return new AeolusTextMessage();
        }
        if (foreign instanceof BytesMessage)
        {
            return new AeolusBytesMessage();
        }
        if (foreign instanceof MapMessage)
        {
            return new AeolusMapMessage();
        }
        if (foreign instanceof StreamMessage)
        {
            return new AeolusStreamMessage();
        }
        if (foreign instanceof ObjectMessage)
        {
            return new AeolusObjectMessage();
        }

        return new AeolusMessage();
    }

    private static void copyHeaders(final Message foreign, final AeolusMessage copy) throws JMSException
    {
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        copyCorrelationId(foreign, copy);
        copy.setJMSReplyTo(toAeolusOrNull(foreign.getJMSReplyTo()));
        copy.setJMSDestination(toAeolusOrNull(foreign.getJMSDestination()));
        final int deliveryMode = foreign.getJMSDeliveryMode();
        if (DeliveryMode.PERSISTENT == deliveryMode || DeliveryMode.NON_PERSISTENT == deliveryMode)
        {
            copy.setJMSDeliveryMode(deliveryMode);
        }
        copy.setJMSRedelivered(foreign.getJMSRedelivered());
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        final int priority = foreign.getJMSPriority();
        if (priority >= 0 && priority <= 9)
        {
            copy.setJMSPriority(priority);
        }
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
    }

    private static void copyCorrelationId(final Message foreign, final AeolusMessage copy) throws JMSException
    {
        final String correlationId = foreign.getJMSCorrelationID();
        if (null != correlationId)
        {
            copy.setJMSCorrelationID(correlationId);
            return;
        }

        try
        {
            copy.setJMSCorrelationIDAsBytes(foreign.getJMSCorrelationIDAsBytes());
        }
        catch (final JMSException | UnsupportedOperationException ex)
        {
            // JMS: byte[] correlation ids are optional for providers; without one there is nothing to copy.
        }
    }

    /**
     * JMS: a foreign message's {@code JMSReplyTo} may be a destination the provider cannot handle; it need not be
     * preserved.
     */
    private static AeolusDestination toAeolusOrNull(final Destination destination)
    {
        try
        {
            return AeolusDestination.toAeolus(destination);
        }
        catch (final JMSException ex)
        {
            return null;
        }
    }
}
