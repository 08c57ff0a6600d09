package io.aeolus.store;

import java.util.Objects;

/**
 * A journaled destination, as recovered from the journal.
 *
 * @param name the destination name, as the broker knows it.
 * @param type queue or topic.
 */
public record Destination(String name, DestinationType type)
{
    /**
     * Longest destination, queue or subscription name the journal stores, in characters.
     */
    public static final int MAX_NAME_LENGTH = 1024;

    /**
     * Checks the fields.
     *
     * @param name the destination name, not null, at most {@link #MAX_NAME_LENGTH} characters.
     * @param type queue or topic, not null.
     */
    public Destination
    {
        requireName(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Checks a name the journal stores: not null and at most {@link #MAX_NAME_LENGTH} characters.
     *
     * @param name the name.
     * @param what what the name names, for the exception message.
     * @return the name.
     * @throws IllegalArgumentException if too long.
     */
    public static String requireName(final String name, final String what)
    {
        Objects.requireNonNull(name, what);
        if (name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException(what + " longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }
}
