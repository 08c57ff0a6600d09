package io.aeolus.jms;

import io.aeolus.jms.message.AeolusMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

/**
 * The simplified API's consumer: an {@link AeolusMessageConsumer} with unchecked exceptions, and receives that return
 * the body alone. Thread rules are the classic consumer's: receive on one thread at a time, close from any thread.
 */
public final class AeolusJMSConsumer implements JMSConsumer
{
    private final AeolusMessageConsumer consumer;

    AeolusJMSConsumer(final AeolusMessageConsumer consumer)
    {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector()
    {
        return Unchecked.call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener()
    {
        return Unchecked.call(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(final MessageListener listener)
    {
        Unchecked.run(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive()
    {
        return Unchecked.call(consumer::receive);
    }

    @Override
    public Message receive(final long timeout)
    {
        return Unchecked.call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait()
    {
        return Unchecked.call(consumer::receiveNoWait);
    }

    @Override
    public void close()
    {
        Unchecked.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(final Class<T> c)
    {
        return receiveBody(c, 0, false);
    }

    @Override
    public <T> T receiveBody(final Class<T> c, final long timeout)
    {
        return receiveBody(c, timeout, false);
    }

    @Override
    public <T> T receiveBodyNoWait(final Class<T> c)
    {
        return receiveBody(c, 0, true);
    }

    private <T> T receiveBody(final Class<T> type, final long timeout, final boolean noWait)
    {
        return Unchecked.call(() ->
        {
            final AeolusMessage message = consumer.takeUnconsumed(timeout, noWait);
            if (null == message)
            {
                return null;
            }
            // JMS: receiveBody serves neither a bare Message nor a StreamMessage, though getBody does a Message.
            final boolean readable = (message instanceof TextMessage || message instanceof BytesMessage ||
                message instanceof MapMessage || message instanceof ObjectMessage) && message.isBodyAssignableTo(type);
            if (!readable && consumer.sessionAcknowledgesAutomatically())
            {
                // JMS: as if receiveBody had not been called; the message comes next again, and is not redelivered.
                consumer.putBack(message);
                throw cannotRead(message, type);
            }
            // CLIENT_ACKNOWLEDGE and transacted: as if it had succeeded; recover or rollback brings it back.
            consumer.consumed(message.deliveryId());
            if (!readable)
            {
                throw cannotRead(message, type);
            }
            return message.getBody(type);
        });
    }

    private static MessageFormatException cannotRead(final Message message, final Class<?> type)
    {
        return new MessageFormatException("receiveBody cannot return the body of a " +
            message.getClass().getSimpleName() + " as " + type.getName() +
            " (JMS: only a Text, Bytes, Map or Object message whose body is assignable to the type)");
    }

    @Override
    public String toString()
    {
        return "AeolusJMSConsumer{consumerId=" + consumer.consumerId() + '}';
    }
}
