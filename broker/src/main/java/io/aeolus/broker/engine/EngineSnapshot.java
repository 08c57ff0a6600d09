package io.aeolus.broker.engine;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the engine's whole state to a snapshot, and restores a snapshot into a fresh engine, so that the restored
 * engine, fed the same inputs as the original from then on, gives the same outputs (what Aeron Cluster needs to
 * catch a member up or to restart it without replaying its whole log).
 * <p>
 * The snapshot holds: the engine's clock and id counters; every queue, topic and subscription (durable, shared,
 * non-durable, wildcard) with its counters, paging state (how many messages are paged out and from where: those
 * stay in the durable store, referenced, since restore's page reads give them back), dispatch position, expiry scan
 * and message-group bindings; every entry waiting, scheduled (with its timer, under the same id) or in flight, with
 * its delivery count, delivery id and the message's bytes (each message once); every connection with its sessions,
 * producers, consumers (credit, pulls, in-flight deliveries), temporary destinations, send refusals, local
 * transactions' held sends; the XA branches with their sessions, held sends and acknowledged deliveries; producer
 * flow control; the answers waiting for the durable store; the durable subscriptions' registries; the routing
 * rules made at run time (those of the config file are written to be compared: a restore into an engine given
 * another config file is refused) and the last-value queues' index ({@link RoutingSnapshot}); the topics' retention
 * logs, the replays running and the subscriptions catching up on retained messages ({@link RetentionSnapshot}).
 * <p>
 * Messages in memory are snapshotted as bytes, not as references to the journal: a cluster member has no shared
 * journal, a non-persistent message has no journal record at all, and restore must not wait for reads. Messages
 * paged out are the exception: they exist only in the durable store, which a restore is given with the engine.
 * <p>
 * Format, version {@value #VERSION}: a 16-byte header (the bytes "AESN", version, body length, all
 * little-endian), the body in sections, a CRC-32 of the body. A snapshot that is truncated, corrupted or of another
 * version is refused with an {@link IllegalArgumentException} naming the problem, before the engine is touched.
 * Version 1 (before routing rules and last-value queues were in snapshots) is refused too: restored, it would lose
 * the rules made at run time, and with them the routing a continuation must repeat; so is version 2 (before rules
 * made at run time carried a transformation, and before retention logs), which would lose those and the retained
 * messages; so is version 3 (before subscriptions caught up on retained messages a slice at a time), which would
 * lose the cursors of those catching up, and with them the messages published while they caught up. Version 6 writes a
 * retention log's journaled messages as references (id, sequence, length, expiration: their bodies are in the
 * journal the restore is given, like paged-out messages) rather than as bytes, and adds, after the clock and counters,
 * the settings administrators gave destinations at run time ({@link DestinationSettings}). Version 4 still reads:
 * its retained persistent messages are taken back by reference when the engine journals, and its destinations have
 * no settings of their own. (Version 5 was a development format of either change alone and never written by a
 * release.) Version 7 may hold queues' retention logs too (keyed {@code queue:<name>} among the topics' logs); a
 * version 6 snapshot reads, as one without any.
 * Not in a snapshot: the engine's wiring (egress, durability, management port, ack observer, settings and security,
 * given again to the fresh engine) and management replies waiting for durability (a snapshot is refused while one
 * waits). Engine thread only; allocates.
 */
public final class EngineSnapshot
{
    /** First four bytes of every snapshot, the ASCII letters "AESN" (read as a little-endian int). */
    public static final int MAGIC = 0x4E534541;
    /** The format this engine writes and reads. */
    public static final int VERSION = 7;
    /** The oldest format this engine still reads. */
    public static final int OLDEST_VERSION = 4;
    /** The first format with retained messages as references and the settings of single destinations. */
    static final int REFERENCES_AND_SETTINGS_SINCE = 6;
    /** The first format that may hold queues' retention logs (under the key {@code queue:<name>}). */
    static final int QUEUE_RETENTION_SINCE = 7;
    /** The most bytes handed to a {@link SnapshotSink} or asked of a {@link SnapshotSource} in one call. */
    public static final int CHUNK_LENGTH = 8 * 1024;
    static final int HEADER_LENGTH = 16;
    static final int TRAILER_LENGTH = 4;

    private EngineSnapshot()
    {
    }

    /**
     * Writes the engine's state. Take it between two inputs, never during one.
     *
     * @param engine the engine.
     * @param sink   where the bytes go.
     * @return the snapshot's length in bytes.
     * @throws IllegalStateException if a management reply waits for durability.
     */
    public static long write(final MessagingEngine engine, final SnapshotSink sink)
    {
        return write(engine, sink, VERSION);
    }

    /**
     * Writes the engine's state in a format of choice: for the tests that the oldest format still reads.
     *
     * @throws IllegalStateException if that format cannot hold the state (version 4: a message held by reference, or
     *                               a destination's own settings).
     */
    static long write(final MessagingEngine engine, final SnapshotSink sink, final int version)
    {
        final SnapshotWriter out = new SnapshotWriter(version);
        final Destinations destinations = engine.destinations();
        out.writeLong(engine.nowMs());
        out.writeLong(destinations.nextMessageId);
        out.writeLong(destinations.lastPosition);
        out.writeBoolean(destinations.expiryScan.scanning);
        out.writeInt(destinations.expiryScan.index);
        out.writeLong(destinations.expiryScan.nextScanMs);
        destinations.settings.write(out);
        final DestinationsSnapshot destinationsPart = new DestinationsSnapshot(engine);
        final ConnectionsSnapshot connectionsPart = new ConnectionsSnapshot(engine, destinationsPart);
        final RoutingSnapshot routingPart = new RoutingSnapshot(engine, destinationsPart);
        routingPart.nameEntries(out);
        destinationsPart.writeStructure(out);
        connectionsPart.write(out);
        destinationsPart.writeContents(out);
        new XaSnapshot(engine, destinationsPart, connectionsPart).write(out);
        connectionsPart.writeWaiting(out);
        routingPart.write(out);
        new RetentionSnapshot(engine).write(out);
        return out.finish(sink);
    }

    /**
     * Restores a snapshot into a fresh engine: one made with the same settings, security and host limits as the
     * one snapshotted, given its egress and durability, that has taken no input yet. The frame is checked before
     * the engine is touched; if the body then proves corrupted, the engine is left half-restored: discard it.
     *
     * @param engine the fresh engine.
     * @param source where the bytes come from.
     * @throws IllegalArgumentException naming what is wrong with the snapshot.
     * @throws IllegalStateException    if the engine is not fresh.
     */
    public static void restore(final MessagingEngine engine, final SnapshotSource source)
    {
        if (!engine.connections().isEmpty() || engine.awaitingDurability() != 0 ||
            !XaSnapshot.branchesOf(engine).branches().isEmpty() || RoutingSnapshot.hasRunTimeRules(engine))
        {
            throw new IllegalStateException("a snapshot is restored only into a fresh engine");
        }
        final SnapshotReader in = SnapshotReader.open(source);
        engine.advanceTime(in.readLong());
        final Destinations destinations = engine.destinations();
        destinations.nextMessageId = in.readLong();
        destinations.lastPosition = in.readLong();
        destinations.expiryScan.scanning = in.readBoolean();
        destinations.expiryScan.index = in.readInt();
        destinations.expiryScan.nextScanMs = in.readLong();
        if (in.version() >= REFERENCES_AND_SETTINGS_SINCE)
        {
            destinations.settings.read(in);
        }
        final DestinationsSnapshot destinationsPart = new DestinationsSnapshot(engine);
        final ConnectionsSnapshot connectionsPart = new ConnectionsSnapshot(engine, destinationsPart);
        destinationsPart.readStructure(in);
        connectionsPart.read(in);
        destinationsPart.readContents(in, connectionsPart);
        new XaSnapshot(engine, destinationsPart, connectionsPart).read(in);
        connectionsPart.readWaiting(in);
        new RoutingSnapshot(engine, destinationsPart).read(in);
        new RetentionSnapshot(engine).read(in);
        in.end();
    }

    /**
     * @return a sink that collects the snapshot in memory, and {@link BytesSink#source()} to read it back.
     */
    public static BytesSink bytesSink()
    {
        return new BytesSink();
    }

    /**
     * A snapshot held in memory: for tests, and for an adapter that sends a snapshot in one piece.
     */
    public static final class BytesSink implements SnapshotSink
    {
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
        private int length;

        /** {@inheritDoc} */
        public void write(final DirectBuffer source, final int offset, final int length)
        {
            buffer.putBytes(this.length, source, offset, length);
            this.length += length;
        }

        /**
         * @return a copy of the bytes written.
         */
        public byte[] toByteArray()
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }

        /**
         * @return a source reading the bytes written so far.
         */
        public SnapshotSource source()
        {
            return EngineSnapshot.source(toByteArray());
        }
    }

    /**
     * @param bytes a snapshot.
     * @return a source that reads it.
     */
    public static SnapshotSource source(final byte[] bytes)
    {
        return new SnapshotSource()
        {
            private int position;

            public int read(final MutableDirectBuffer buffer, final int offset, final int length)
            {
                if (position >= bytes.length)
                {
                    return -1;
                }
                final int count = Math.min(length, bytes.length - position);
                buffer.putBytes(offset, bytes, position, count);
                position += count;
                return count;
            }
        };
    }
}
