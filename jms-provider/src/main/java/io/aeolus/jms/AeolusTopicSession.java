package io.aeolus.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.TemporaryQueue;

/**
 * The session {@code TopicConnection.createTopicSession} makes: a {@link AeolusSession} that refuses the queue
 * domain's methods with {@link IllegalStateException}, every overload (JMS 1.1 §4.11, table 4-1, kept in 3.1).
 * Thread-safe as its session is.
 */
public final class AeolusTopicSession extends AeolusSession
{
    AeolusTopicSession(final AeolusConnection connection, final long sessionId, final int sessionMode)
    {
        super(connection, sessionId, sessionMode);
    }

    @Override
    public Queue createQueue(final String queueName) throws IllegalStateException
    {
        throw refused("createQueue");
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws IllegalStateException
    {
        throw refused("createTemporaryQueue");
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue) throws IllegalStateException
    {
        throw refused("createBrowser");
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue, final String messageSelector) throws IllegalStateException
    {
        throw refused("createBrowser");
    }

    @Override
    public QueueReceiver createReceiver(final Queue queue) throws IllegalStateException
    {
        throw refused("createReceiver");
    }

    @Override
    public QueueReceiver createReceiver(final Queue queue, final String messageSelector) throws IllegalStateException
    {
        throw refused("createReceiver");
    }

    @Override
    public QueueSender createSender(final Queue queue) throws IllegalStateException
    {
        throw refused("createSender");
    }

    private static IllegalStateException refused(final String method)
    {
        return new IllegalStateException(
            "a TopicSession does not support " + method + ", a method of the queue domain (JMS 4.11)");
    }
}
