package io.aeolus.store;

/**
 * The kind of a journaled destination. The code is what the {@code destinations.type} column holds.
 */
public enum DestinationType
{
    /**
     * Point-to-point: the destination has one reference queue of the same name.
     */
    QUEUE(1),

    /**
     * Publish/subscribe: the messages live in the reference queues of the topic's durable subscriptions.
     */
    TOPIC(2);

    private final int code;

    DestinationType(final int code)
    {
        this.code = code;
    }

    /**
     * The stable code stored in the journal.
     *
     * @return the code, never reused for another type.
     */
    public int code()
    {
        return code;
    }

    /**
     * The type stored under a code.
     *
     * @param code as returned by {@link #code()}.
     * @return the type.
     * @throws IllegalArgumentException if no type has this code (a journal written by a newer version).
     */
    public static DestinationType fromCode(final int code)
    {
        for (final DestinationType type : values())
        {
            if (type.code == code)
            {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown destination type code: " + code);
    }
}
