package io.aeolus.jms;

import java.io.Serializable;
import java.util.Objects;

import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

import io.aeolus.transport.codecs.DestinationType;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;

/**
 * A named Aeolus queue or topic, temporary or not. Immutable and thread-safe. Two destinations are equal when they have
 * the same {@link #destinationType()} and {@link #name()}. Serializable and {@link Referenceable} so they can be bound
 * in JNDI; {@link AeolusObjectFactory} rebuilds them from the reference.
 */
public abstract class AeolusDestination implements Destination, Serializable, Referenceable
{
    /** Address type of the destination name in a JNDI {@link Reference}. */
    public static final String NAME_REF_ADDR = "name";

    private static final long serialVersionUID = 1L;

    private final String name;

    AeolusDestination(final String name)
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("destination name must not be null or empty");
        }
        this.name = name;
    }

    /**
     * Builds the destination a wire frame names.
     *
     * @param type of the destination; {@link DestinationType#NONE} means no destination.
     * @param name of the destination; null or empty means no destination.
     * @return the destination, or null if there is none. Temporary destinations built this way have no owner, so
     *         they cannot be deleted through them.
     */
    public static AeolusDestination of(final DestinationType type, final String name)
    {
        if (null == name || name.isEmpty() || null == type)
        {
            return null;
        }

        switch (type)
        {
            case QUEUE:
                return new AeolusQueue(name);
            case TOPIC:
                return new AeolusTopic(name);
            case TEMPORARY_QUEUE:
                return new AeolusTemporaryQueue(name, null);
            case TEMPORARY_TOPIC:
                return new AeolusTemporaryTopic(name, null);
            default:
                return null;
        }
    }

    /**
     * Converts any JMS destination to the Aeolus destination of the same kind and name, for example the
     * {@code JMSReplyTo} of another provider's message.
     *
     * @param destination to convert; may be null.
     * @return the same object if it already is an Aeolus destination, an equivalent one otherwise, or null for null.
     * @throws JMSException {@link InvalidDestinationException} if the destination is neither a queue nor a topic.
     */
    public static AeolusDestination toAeolus(final Destination destination) throws JMSException
    {
        if (null == destination || destination instanceof AeolusDestination)
        {
            return (AeolusDestination)destination;
        }
        if (destination instanceof TemporaryQueue)
        {
            return new AeolusTemporaryQueue(((TemporaryQueue)destination).getQueueName(), null);
        }
        if (destination instanceof TemporaryTopic)
        {
            return new AeolusTemporaryTopic(((TemporaryTopic)destination).getTopicName(), null);
        }
        if (destination instanceof Queue)
        {
            return new AeolusQueue(((Queue)destination).getQueueName());
        }
        if (destination instanceof Topic)
        {
            return new AeolusTopic(((Topic)destination).getTopicName());
        }

        throw new InvalidDestinationException("not a queue or a topic: " + destination.getClass().getName());
    }

    /**
     * The destination's name, as sent on the wire.
     *
     * @return the name, never null or empty.
     */
    public final String name()
    {
        return name;
    }

    /**
     * The kind of destination, as sent on the wire.
     *
     * @return the destination type, never {@link DestinationType#NONE}.
     */
    public abstract DestinationType destinationType();

    /**
     * Whether this is a temporary queue or topic.
     *
     * @return true for temporary destinations.
     */
    public final boolean isTemporary()
    {
        final DestinationType type = destinationType();
        return DestinationType.TEMPORARY_QUEUE == type || DestinationType.TEMPORARY_TOPIC == type;
    }

    /**
     * Whether this is a queue (point-to-point), temporary or not.
     *
     * @return true for queues, false for topics.
     */
    public final boolean isQueue()
    {
        final DestinationType type = destinationType();
        return DestinationType.QUEUE == type || DestinationType.TEMPORARY_QUEUE == type;
    }

    @Override
    public Reference getReference()
    {
        final Reference reference = new Reference(getClass().getName(), AeolusObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(NAME_REF_ADDR, name));
        return reference;
    }

    @Override
    public final boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof AeolusDestination))
        {
            return false;
        }

        final AeolusDestination that = (AeolusDestination)other;
        return destinationType() == that.destinationType() && name.equals(that.name);
    }

    @Override
    public final int hashCode()
    {
        return Objects.hash(destinationType().value(), name);
    }

    @Override
    public final String toString()
    {
        return uriScheme() + "://" + name;
    }

    private String uriScheme()
    {
        switch (destinationType())
        {
            case QUEUE:
                return "queue";
            case TOPIC:
                return "topic";
            case TEMPORARY_QUEUE:
                return "temp-queue";
            default:
                return "temp-topic";
        }
    }
}
