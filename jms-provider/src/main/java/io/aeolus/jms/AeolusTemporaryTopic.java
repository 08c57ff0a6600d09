package io.aeolus.jms;

import io.aeolus.transport.codecs.DestinationType;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A temporary topic that lives as long as the connection that created it. Only that connection holds an owner and
 * can {@link #delete()} it; a copy received in a message's {@code JMSReplyTo}, deserialized or looked up in JNDI has
 * none. Equality ignores the owner. Immutable and thread-safe.
 */
public final class AeolusTemporaryTopic extends AeolusDestination implements TemporaryTopic
{
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /**
     * Names a temporary topic.
     *
     * @param name  of the topic, unique to the broker; not null or empty.
     * @param owner the connection that created it, or null for a copy that cannot delete it.
     */
    public AeolusTemporaryTopic(final String name, final TemporaryDestinationOwner owner)
    {
        super(name);
        this.owner = owner;
    }

    @Override
    public DestinationType destinationType()
    {
        return DestinationType.TEMPORARY_TOPIC;
    }

    @Override
    public String getTopicName()
    {
        return name();
    }

    @Override
    public void delete() throws JMSException
    {
        if (null == owner)
        {
            throw new IllegalStateException(
                "temporary topic " + name() + " can only be deleted through the connection that created it");
        }
        owner.deleteTemporaryDestination(this);
    }
}
