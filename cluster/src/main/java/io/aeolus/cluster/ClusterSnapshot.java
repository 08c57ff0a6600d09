package io.aeolus.cluster;

import io.aeolus.broker.engine.EngineSnapshot;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.nio.ByteOrder;
import java.util.Map;

/**
 * The service's snapshot: its own state (the timer, every client's streams with the frames kept for it), then the
 * engine's snapshot ({@link EngineSnapshot}), written to the Archive in ranges of at most
 * {@link EngineSnapshot#CHUNK_LENGTH} bytes. Format, little-endian: magic "AECS", version, the timer flag, the
 * stream count, each stream (session id, applied, next egress, connected, kept frames with their lengths; from
 * version 2 also the last ingress sequence its encryption accepted, 0 for a clear session), the engine snapshot's
 * length and bytes. An encrypted session's keys are not here: they are in its principal, wrapped
 * ({@link GroupSessionKeys}), which Aeron Cluster snapshots with the session. Version 1 is still read. Service thread
 * only; allocates.
 */
final class ClusterSnapshot
{
    static final int MAGIC = 0x53434541;
    static final int VERSION = 2;

    private ClusterSnapshot()
    {
    }

    /**
     * Writes the snapshot, waiting out back-pressure with the cluster's idle strategy.
     */
    static void write(final ExclusivePublication publication, final IdleStrategy idle, final boolean timerScheduled,
        final Map<Long, ClientStream> streams, final MessagingEngine engine)
    {
        final EngineSnapshot.BytesSink engineBytes = EngineSnapshot.bytesSink();
        EngineSnapshot.write(engine, engineBytes);
        final byte[] engineSnapshot = engineBytes.toByteArray();
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64 * 1024 + engineSnapshot.length);
        int at = 0;
        out.putInt(at, MAGIC, ByteOrder.LITTLE_ENDIAN);
        out.putInt(at + 4, VERSION, ByteOrder.LITTLE_ENDIAN);
        out.putInt(at + 8, timerScheduled ? 1 : 0, ByteOrder.LITTLE_ENDIAN);
        out.putInt(at + 12, streams.size(), ByteOrder.LITTLE_ENDIAN);
        at += 16;
        for (final ClientStream stream : streams.values())
        {
            out.putLong(at, stream.sessionId, ByteOrder.LITTLE_ENDIAN);
            out.putLong(at + 8, stream.applied, ByteOrder.LITTLE_ENDIAN);
            out.putLong(at + 16, stream.nextEgress, ByteOrder.LITTLE_ENDIAN);
            out.putInt(at + 24, stream.connected ? 1 : 0, ByteOrder.LITTLE_ENDIAN);
            out.putInt(at + 28, stream.egress.size(), ByteOrder.LITTLE_ENDIAN);
            out.putLong(at + 32, null == stream.crypto ? 0 : stream.crypto.lastAccepted(), ByteOrder.LITTLE_ENDIAN);
            at += 40;
            for (final byte[] frame : stream.egress)
            {
                out.putInt(at, frame.length, ByteOrder.LITTLE_ENDIAN);
                out.putBytes(at + 4, frame);
                at += 4 + frame.length;
            }
        }
        out.putInt(at, engineSnapshot.length, ByteOrder.LITTLE_ENDIAN);
        out.putBytes(at + 4, engineSnapshot);
        at += 4 + engineSnapshot.length;
        for (int offset = 0; offset < at; offset += EngineSnapshot.CHUNK_LENGTH)
        {
            final int length = Math.min(EngineSnapshot.CHUNK_LENGTH, at - offset);
            idle.reset();
            long result;
            while ((result = publication.offer(out, offset, length)) < 0)
            {
                if (result == ExclusivePublication.CLOSED || result == ExclusivePublication.MAX_POSITION_EXCEEDED)
                {
                    throw new IllegalStateException("snapshot publication refused the snapshot: " + result);
                }
                idle.idle();
            }
        }
    }

    /**
     * Reads a snapshot image to its end.
     *
     * @return its bytes.
     */
    static DirectBuffer read(final Image image, final IdleStrategy idle)
    {
        final ExpandableArrayBuffer in = new ExpandableArrayBuffer(64 * 1024);
        final int[] length = new int[1];
        idle.reset();
        while (!image.isEndOfStream())
        {
            final int fragments = image.poll((buffer, offset, fragmentLength, header) ->
            {
                in.putBytes(length[0], buffer, offset, fragmentLength);
                length[0] += fragmentLength;
            }, 64);
            if (0 == fragments)
            {
                if (image.isClosed() && !image.isEndOfStream())
                {
                    throw new IllegalStateException("snapshot image closed before its end");
                }
                idle.idle();
            }
        }
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer(Math.max(1, length[0]));
        result.putBytes(0, in, 0, length[0]);
        return new org.agrona.concurrent.UnsafeBuffer(result.byteArray(), 0, length[0]);
    }

    /**
     * Restores the service's state from a snapshot's bytes into empty streams and a fresh engine.
     *
     * @return whether the timer was scheduled.
     * @throws IllegalArgumentException naming what is wrong with the snapshot.
     */
    static boolean restore(final DirectBuffer in, final Map<Long, ClientStream> streams, final MessagingEngine engine)
    {
        if (in.capacity() < 16 || in.getInt(0, ByteOrder.LITTLE_ENDIAN) != MAGIC)
        {
            throw new IllegalArgumentException("not an Aeolus cluster snapshot (" + in.capacity() + " bytes)");
        }
        final int version = in.getInt(4, ByteOrder.LITTLE_ENDIAN);
        if (version != VERSION && version != 1)
        {
            throw new IllegalArgumentException("cluster snapshot version " + version + " not supported (this member " +
                "reads version " + VERSION + ")");
        }
        final boolean timerScheduled = in.getInt(8, ByteOrder.LITTLE_ENDIAN) != 0;
        final int count = in.getInt(12, ByteOrder.LITTLE_ENDIAN);
        int at = 16;
        for (int i = 0; i < count; i++)
        {
            final ClientStream stream = new ClientStream(in.getLong(at, ByteOrder.LITTLE_ENDIAN));
            stream.applied = in.getLong(at + 8, ByteOrder.LITTLE_ENDIAN);
            stream.nextEgress = in.getLong(at + 16, ByteOrder.LITTLE_ENDIAN);
            stream.connected = in.getInt(at + 24, ByteOrder.LITTLE_ENDIAN) != 0;
            final int frames = in.getInt(at + 28, ByteOrder.LITTLE_ENDIAN);
            if (version >= 2)
            {
                stream.restoredIngressSequence = in.getLong(at + 32, ByteOrder.LITTLE_ENDIAN);
                at += 8;
            }
            at += 32;
            for (int f = 0; f < frames; f++)
            {
                final int length = in.getInt(at, ByteOrder.LITTLE_ENDIAN);
                final byte[] frame = new byte[length];
                in.getBytes(at + 4, frame);
                stream.egress.addLast(frame);
                stream.egressBytes += length;
                at += 4 + length;
            }
            streams.put(stream.sessionId, stream);
        }
        final int engineLength = in.getInt(at, ByteOrder.LITTLE_ENDIAN);
        final byte[] engineSnapshot = new byte[engineLength];
        in.getBytes(at + 4, engineSnapshot);
        EngineSnapshot.restore(engine, EngineSnapshot.source(engineSnapshot));
        return timerScheduled;
    }
}
