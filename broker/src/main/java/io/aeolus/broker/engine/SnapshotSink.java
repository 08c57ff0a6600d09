package io.aeolus.broker.engine;

import org.agrona.DirectBuffer;

/**
 * Where an engine snapshot's bytes go, in order: a file, a byte array, or (for Aeron Cluster) an Archive
 * publication. The engine hands over ranges of at most {@link EngineSnapshot#CHUNK_LENGTH} bytes; the range is valid
 * only during the call. Called on the engine's thread.
 */
@FunctionalInterface
public interface SnapshotSink
{
    /**
     * Takes the next bytes of the snapshot.
     *
     * @param buffer holds the bytes.
     * @param offset of the first byte.
     * @param length how many.
     */
    void write(DirectBuffer buffer, int offset, int length);
}
