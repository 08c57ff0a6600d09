package io.aeolus.management;

import java.util.Locale;

/**
 * Where a broker-side bulk job is.
 */
public enum JobState
{
    /** Working through its messages. */
    RUNNING,
    /** Stopped by an administrator; it can resume. */
    PAUSED,
    /** Stopped for good by an administrator. */
    CANCELLED,
    /** Every message visited. */
    DONE;

    /**
     * @return true if the job will do nothing more.
     */
    public boolean finished()
    {
        return this == CANCELLED || this == DONE;
    }

    /**
     * @param name a state's name, any case, surrounding blanks ignored.
     * @return the state.
     * @throws IllegalArgumentException if no state has that name.
     */
    public static JobState parse(final String name)
    {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
