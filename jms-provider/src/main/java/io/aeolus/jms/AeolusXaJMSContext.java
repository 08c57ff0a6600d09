package io.aeolus.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;
import java.io.Serializable;

/**
 * The simplified API's XA context: an {@link AeolusJMSContext} whose session is an {@link AeolusXASession}, so its
 * sends and receives belong to the branch its {@link XAResource} is started on. {@link #commit()} and
 * {@link #rollback()} throw {@link TransactionInProgressRuntimeException}. Same threading rules as a JMSContext.
 */
public final class AeolusXaJMSContext implements XAJMSContext
{
    private final AeolusJMSContext context;

    AeolusXaJMSContext(final AeolusJMSContext context)
    {
        this.context = context;
    }

    @Override
    public JMSContext getContext()
    {
        return this;
    }

    @Override
    public XAResource getXAResource()
    {
        return ((AeolusXASession)Unchecked.call(context::session)).getXAResource();
    }

    @Override
    public boolean getTransacted()
    {
        context.getSessionMode();
        return true;
    }

    @Override
    public void commit()
    {
        context.getSessionMode();
        throw new TransactionInProgressRuntimeException("an XA context is committed by its transaction manager, " +
            "through its XAResource");
    }

    @Override
    public void rollback()
    {
        context.getSessionMode();
        throw new TransactionInProgressRuntimeException("an XA context is rolled back by its transaction manager, " +
            "through its XAResource");
    }

    @Override
    public JMSContext createContext(final int sessionMode)
    {
        return context.createContext(sessionMode);
    }

    @Override
    public JMSProducer createProducer()
    {
        return context.createProducer();
    }

    @Override
    public String getClientID()
    {
        return context.getClientID();
    }

    @Override
    public void setClientID(final String clientID)
    {
        context.setClientID(clientID);
    }

    @Override
    public ConnectionMetaData getMetaData()
    {
        return context.getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener()
    {
        return context.getExceptionListener();
    }

    @Override
    public void setExceptionListener(final ExceptionListener listener)
    {
        context.setExceptionListener(listener);
    }

    @Override
    public void start()
    {
        context.start();
    }

    @Override
    public void stop()
    {
        context.stop();
    }

    @Override
    public void setAutoStart(final boolean autoStart)
    {
        context.setAutoStart(autoStart);
    }

    @Override
    public boolean getAutoStart()
    {
        return context.getAutoStart();
    }

    @Override
    public void close()
    {
        context.close();
    }

    @Override
    public BytesMessage createBytesMessage()
    {
        return context.createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage()
    {
        return context.createMapMessage();
    }

    @Override
    public Message createMessage()
    {
        return context.createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage()
    {
        return context.createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(final Serializable object)
    {
        return context.createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage()
    {
        return context.createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage()
    {
        return context.createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(final String text)
    {
        return context.createTextMessage(text);
    }

    @Override
    public int getSessionMode()
    {
        return context.getSessionMode();
    }

    @Override
    public void recover()
    {
        context.recover();
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination)
    {
        return context.createConsumer(destination);
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination, final String messageSelector)
    {
        return context.createConsumer(destination, messageSelector);
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination, final String messageSelector,
        final boolean noLocal)
    {
        return context.createConsumer(destination, messageSelector, noLocal);
    }

    @Override
    public Queue createQueue(final String queueName)
    {
        return context.createQueue(queueName);
    }

    @Override
    public Topic createTopic(final String topicName)
    {
        return context.createTopic(topicName);
    }

    @Override
    public JMSConsumer createDurableConsumer(final Topic topic, final String name)
    {
        return context.createDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createDurableConsumer(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal)
    {
        return context.createDurableConsumer(topic, name, messageSelector, noLocal);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(final Topic topic, final String name)
    {
        return context.createSharedDurableConsumer(topic, name);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(final Topic topic, final String name, final String messageSelector)
    {
        return context.createSharedDurableConsumer(topic, name, messageSelector);
    }

    @Override
    public JMSConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName)
    {
        return context.createSharedConsumer(topic, sharedSubscriptionName);
    }

    @Override
    public JMSConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName,
        final String messageSelector)
    {
        return context.createSharedConsumer(topic, sharedSubscriptionName, messageSelector);
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue)
    {
        return context.createBrowser(queue);
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue, final String messageSelector)
    {
        return context.createBrowser(queue, messageSelector);
    }

    @Override
    public TemporaryQueue createTemporaryQueue()
    {
        return context.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic()
    {
        return context.createTemporaryTopic();
    }

    @Override
    public void unsubscribe(final String name)
    {
        context.unsubscribe(name);
    }

    @Override
    public void acknowledge()
    {
        context.acknowledge();
    }
}
