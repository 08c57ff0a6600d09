package io.aeolus.management;

import java.util.Locale;

/**
 * What a broker-side bulk job does.
 */
public enum JobKind
{
    /** Dead letters back to the destination they came from. */
    RETRY,
    /** Messages to another queue. */
    MOVE,
    /** Messages into the trash. */
    PURGE;

    /**
     * @return the kind's name in a request and reply.
     */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a kind's name, any case, surrounding blanks ignored.
     * @return the kind.
     * @throws IllegalArgumentException if no kind has that name.
     */
    public static JobKind parse(final String name)
    {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
