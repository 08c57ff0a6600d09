package io.aeolus.ra;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

/**
 * The consumer of an {@link AeolusContextHandle}: a {@link MessageConsumer} of its session handle in the
 * simplified API's form. Message listeners are refused in a container (Jakarta Messaging 3.1 §12.2).
 */
final class ContextConsumer implements JMSConsumer
{
    private final MessageConsumer consumer;

    ContextConsumer(final MessageConsumer consumer)
    {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector()
    {
        return RuntimeExceptions.call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener()
    {
        throw refused("getMessageListener");
    }

    @Override
    public void setMessageListener(final MessageListener listener)
    {
        throw refused("setMessageListener");
    }

    private static IllegalStateRuntimeException refused(final String method)
    {
        return new IllegalStateRuntimeException("JMSConsumer." + method + " must not be used in a Jakarta EE " +
            "container (Jakarta Messaging 3.1 §12.2): use a message-driven bean");
    }

    @Override
    public Message receive()
    {
        return RuntimeExceptions.call(consumer::receive);
    }

    @Override
    public Message receive(final long timeout)
    {
        return RuntimeExceptions.call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait()
    {
        return RuntimeExceptions.call(consumer::receiveNoWait);
    }

    @Override
    public void close()
    {
        RuntimeExceptions.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(final Class<T> type)
    {
        return body(receive(), type);
    }

    @Override
    public <T> T receiveBody(final Class<T> type, final long timeout)
    {
        return body(receive(timeout), type);
    }

    @Override
    public <T> T receiveBodyNoWait(final Class<T> type)
    {
        return body(receiveNoWait(), type);
    }

    private static <T> T body(final Message message, final Class<T> type)
    {
        return null == message ? null : RuntimeExceptions.call(() -> message.getBody(type));
    }
}
