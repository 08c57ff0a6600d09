package io.aeolus.jms;

import io.aeolus.transport.codecs.DestinationType;
import jakarta.jms.Topic;

/**
 * A named topic: each message goes to every subscription. Immutable and thread-safe.
 */
public final class AeolusTopic extends AeolusDestination implements Topic
{
    private static final long serialVersionUID = 1L;

    /**
     * Names a topic; this does not create it on the broker.
     *
     * @param name of the topic, not null or empty.
     */
    public AeolusTopic(final String name)
    {
        super(name);
    }

    @Override
    public DestinationType destinationType()
    {
        return DestinationType.TOPIC;
    }

    @Override
    public String getTopicName()
    {
        return name();
    }
}
