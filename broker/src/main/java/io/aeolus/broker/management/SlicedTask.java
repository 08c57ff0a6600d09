package io.aeolus.broker.management;

/**
 * Management work run in slices on the conductor's duty cycle, so that deliveries go on meanwhile: a scan, a lookup,
 * or a pass of a bulk operation through the messages paged out to the journal. Conductor thread only.
 */
interface SlicedTask
{
    /**
     * Does the next slice of the work.
     *
     * @param budget most messages to look at now.
     * @return messages looked at; once the last is done (or the work failed), its outcome has been handed on.
     */
    int step(int budget);

    /**
     * @return true once the work is over, done or failed.
     */
    boolean isDone();
}
