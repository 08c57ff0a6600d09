package io.aeolus.console.backend;

/**
 * What an import of a message file did; immutable.
 *
 * @param imported messages sent to the queue.
 * @param expired  messages skipped because their time to live had run out.
 */
public record ImportCount(int imported, int expired)
{
    /**
     * Validates.
     */
    public ImportCount
    {
        if (imported < 0 || expired < 0)
        {
            throw new IllegalArgumentException("counts must not be negative: " + imported + ", " + expired);
        }
    }
}
