package io.aeolus.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSubscriber;

/**
 * The session {@code QueueConnection.createQueueSession} makes: a {@link AeolusSession} that refuses the topic
 * domain's methods with {@link IllegalStateException}, every overload (JMS 1.1 §4.11, table 4-1, kept in 3.1, and
 * the shared and durable consumers JMS 2.0 added). Thread-safe as its session is.
 */
public final class AeolusQueueSession extends AeolusSession
{
    AeolusQueueSession(final AeolusConnection connection, final long sessionId, final int sessionMode)
    {
        super(connection, sessionId, sessionMode);
    }

    @Override
    public Topic createTopic(final String topicName) throws IllegalStateException
    {
        throw refused("createTopic");
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws IllegalStateException
    {
        throw refused("createTemporaryTopic");
    }

    @Override
    public TopicSubscriber createDurableSubscriber(final Topic topic, final String name) throws IllegalStateException
    {
        throw refused("createDurableSubscriber");
    }

    @Override
    public TopicSubscriber createDurableSubscriber(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal) throws IllegalStateException
    {
        throw refused("createDurableSubscriber");
    }

    @Override
    public MessageConsumer createDurableConsumer(final Topic topic, final String name) throws IllegalStateException
    {
        throw refused("createDurableConsumer");
    }

    @Override
    public MessageConsumer createDurableConsumer(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal) throws IllegalStateException
    {
        throw refused("createDurableConsumer");
    }

    @Override
    public MessageConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName)
        throws IllegalStateException
    {
        throw refused("createSharedConsumer");
    }

    @Override
    public MessageConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName,
        final String messageSelector) throws IllegalStateException
    {
        throw refused("createSharedConsumer");
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(final Topic topic, final String name)
        throws IllegalStateException
    {
        throw refused("createSharedDurableConsumer");
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(final Topic topic, final String name,
        final String messageSelector) throws IllegalStateException
    {
        throw refused("createSharedDurableConsumer");
    }

    @Override
    public void unsubscribe(final String name) throws IllegalStateException
    {
        throw refused("unsubscribe");
    }

    @Override
    public TopicSubscriber createSubscriber(final Topic topic) throws IllegalStateException
    {
        throw refused("createSubscriber");
    }

    @Override
    public TopicSubscriber createSubscriber(final Topic topic, final String messageSelector, final boolean noLocal)
        throws IllegalStateException
    {
        throw refused("createSubscriber");
    }

    @Override
    public TopicPublisher createPublisher(final Topic topic) throws IllegalStateException
    {
        throw refused("createPublisher");
    }

    private static IllegalStateException refused(final String method)
    {
        return new IllegalStateException(
            "a QueueSession does not support " + method + ", a method of the topic domain (JMS 4.11)");
    }
}
