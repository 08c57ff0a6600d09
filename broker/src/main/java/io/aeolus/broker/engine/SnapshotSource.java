package io.aeolus.broker.engine;

import org.agrona.MutableDirectBuffer;

/**
 * Where an engine snapshot's bytes come back from, in the order they were written. Called on the engine's thread.
 */
@FunctionalInterface
public interface SnapshotSource
{
    /**
     * Reads the next bytes of the snapshot.
     *
     * @param buffer receives them.
     * @param offset where the first goes.
     * @param length the most to read.
     * @return how many were read, at least 1, or -1 once the snapshot has no more.
     */
    int read(MutableDirectBuffer buffer, int offset, int length);
}
