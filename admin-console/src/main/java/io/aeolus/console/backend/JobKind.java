package io.aeolus.console.backend;

import java.util.Locale;

/**
 * What a bulk job does with the messages it takes.
 */
public enum JobKind
{
    /** Dead letters back to the destination each came from. */
    RETRY,
    /** Messages to another queue. */
    MOVE,
    /** Messages into the trash, from which they can be restored for a while. */
    PURGE;

    /**
     * The kind a broker names in a job listing, in any case.
     *
     * @param name e.g. {@code retry}.
     * @return the kind.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static JobKind parse(final String name)
    {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
