package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.store.XaBranchRecord;

import java.util.List;
import java.util.TreeMap;

/**
 * The XA branches' part of an {@link EngineSnapshot}, in Xid order: each branch's state and timeout, the sessions
 * working on it and those suspended, the sends it holds, the deliveries it acknowledged (entries held by the branch,
 * not by any queue or consumer) and, after a restart, the acknowledgements whose entries are still paged out.
 * Engine thread only.
 */
final class XaSnapshot
{
    private final MessagingEngine engine;
    private final DestinationsSnapshot destinations;
    private final ConnectionsSnapshot connections;

    XaSnapshot(final MessagingEngine engine, final DestinationsSnapshot destinations,
        final ConnectionsSnapshot connections)
    {
        this.engine = engine;
        this.destinations = destinations;
        this.connections = connections;
    }

    void write(final SnapshotWriter out)
    {
        final TreeMap<BranchId, XaBranch> branches = branchesOf(engine).branches();
        out.writeInt(branches.size());
        for (final XaBranch branch : branches.values())
        {
            writeBranchId(out, branch.id);
            out.writeLong(branch.ownerConnectionId);
            out.writeByte(branch.state.ordinal());
            out.writeByte(branch.rollbackReason.ordinal());
            out.writeString(branch.rollbackCause);
            out.writeLong(branch.deadlineMs);
            out.writeLong(branch.preparedMs);
            out.writeString(branch.lastConsumer);
            writeSessions(out, branch.associated);
            writeSessions(out, branch.suspended);
            out.writeInt(branch.sends.size());
            for (final BrokerMessage message : branch.sends)
            {
                out.writeMessage(message);
            }
            out.writeInt(branch.acked.size());
            for (final QueueEntry entry : branch.acked)
            {
                out.writeInt(destinations.storeId(entry.queue()));
                destinations.writeEntry(out, entry);
            }
            out.writeInt(branch.pendingAcks.size());
            for (final XaBranchRecord.Ack ack : branch.pendingAcks)
            {
                out.writeString(ack.queue());
                out.writeLong(ack.messageId());
            }
        }
    }

    void read(final SnapshotReader in)
    {
        final TreeMap<BranchId, XaBranch> branches = branchesOf(engine).branches();
        final int branchCount = in.readCount("XA branches");
        for (int i = 0; i < branchCount; i++)
        {
            final XaBranch branch = new XaBranch(readBranchId(in), in.readLong());
            branch.state = in.readEnum(XaBranch.State.values(), "XA branch state");
            branch.rollbackReason = in.readEnum(EngineError.values(), "error");
            branch.rollbackCause = in.readString();
            branch.deadlineMs = in.readLong();
            branch.preparedMs = in.readLong();
            branch.lastConsumer = in.readString();
            readSessions(in, branch.associated);
            readSessions(in, branch.suspended);
            final int sendCount = in.readCount("XA sends");
            for (int j = 0; j < sendCount; j++)
            {
                branch.sends.add(in.readMessage());
            }
            final int ackCount = in.readCount("XA acknowledgements");
            for (int j = 0; j < ackCount; j++)
            {
                branch.acked.add(destinations.readEntry(in, destinations.store(in.readInt())));
            }
            final int pendingCount = in.readCount("XA acknowledgements paged out");
            for (int j = 0; j < pendingCount; j++)
            {
                final String queue = in.readString();
                if (null == queue)
                {
                    throw new IllegalArgumentException("snapshot corrupted: an XA acknowledgement names no queue");
                }
                branch.pendingAcks.add(new XaBranchRecord.Ack(queue, in.readLong()));
            }
            if (null != branches.put(branch.id, branch))
            {
                throw new IllegalArgumentException("snapshot corrupted: XA branch " + branch.id + " twice");
            }
            branchesOf(engine).locks().relock(branch);
        }
        connections.resolveBranches(branches);
    }

    /**
     * @return the engine's XA branches (its XA door is them).
     */
    static XaBranches branchesOf(final MessagingEngine engine)
    {
        return (XaBranches)engine.xa();
    }

    static void writeBranchId(final SnapshotWriter out, final BranchId id)
    {
        out.writeInt(id.formatId());
        out.writeBytes(id.gtrid());
        out.writeBytes(id.bqual());
    }

    static BranchId readBranchId(final SnapshotReader in)
    {
        final int formatId = in.readInt();
        final byte[] gtrid = in.readBytes();
        final byte[] bqual = in.readBytes();
        try
        {
            return new BranchId(formatId, gtrid, bqual);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("snapshot corrupted: XA branch id: " + ex.getMessage(), ex);
        }
    }

    private void writeSessions(final SnapshotWriter out, final List<SessionState> working)
    {
        out.writeInt(working.size());
        for (final SessionState session : working)
        {
            out.writeLong(connections.connectionOf(session));
            out.writeLong(session.sessionId);
        }
    }

    private void readSessions(final SnapshotReader in, final List<SessionState> working)
    {
        final int count = in.readCount("XA sessions");
        for (int i = 0; i < count; i++)
        {
            working.add(connections.session(in.readLong(), in.readLong()));
        }
    }
}
