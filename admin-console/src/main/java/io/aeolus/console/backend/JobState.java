package io.aeolus.console.backend;

import java.util.Locale;

/**
 * Where a bulk job is in its life.
 */
public enum JobState
{
    /** Taking messages, at its rate. */
    RUNNING,
    /** Held; resumes where it stopped. */
    PAUSED,
    /** Stopped for good before the end: what it did stays done, the rest stays where it was. */
    CANCELLED,
    /** Finished. */
    DONE;

    /**
     * Whether the job has ended, done or cancelled.
     *
     * @return true once it will change nothing more.
     */
    public boolean finished()
    {
        return this == CANCELLED || this == DONE;
    }

    /**
     * The state a broker names in a job listing, in any case.
     *
     * @param name e.g. {@code RUNNING}.
     * @return the state.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static JobState parse(final String name)
    {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
