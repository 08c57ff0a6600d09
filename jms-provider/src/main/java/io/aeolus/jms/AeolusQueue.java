package io.aeolus.jms;

import io.aeolus.transport.codecs.DestinationType;
import jakarta.jms.Queue;

/**
 * A named queue: each message goes to one consumer. Immutable and thread-safe.
 */
public final class AeolusQueue extends AeolusDestination implements Queue
{
    private static final long serialVersionUID = 1L;

    /**
     * Names a queue; this does not create it on the broker.
     *
     * @param name of the queue, not null or empty.
     */
    public AeolusQueue(final String name)
    {
        super(name);
    }

    @Override
    public DestinationType destinationType()
    {
        return DestinationType.QUEUE;
    }

    @Override
    public String getQueueName()
    {
        return name();
    }
}
