package io.aeolus.cluster;

import io.aeolus.transport.ClusterFraming;
import io.aeron.cluster.service.ClientSession;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;

/**
 * One client's two streams of frames through the group, as every member keeps them: the last client sequence
 * applied (a frame sent again after a leader change is dropped, so each is applied once) and the frames sent to the
 * client that it has not acknowledged yet (a new leader sends them again when the client asks). Replicated state:
 * changed only by log events, written to snapshots. An encrypted session's messages are sealed as they are offered
 * ({@link StreamCrypto}); the frames kept are clear, as the engine's state is. Service thread only.
 */
final class ClientStream
{
    final long sessionId;
    long applied;
    long nextEgress = 1;
    long egressBytes;
    boolean connected;
    final ArrayDeque<byte[]> egress = new ArrayDeque<>();
    /** The session's encryption, null when it is clear. */
    StreamCrypto crypto;
    /** The last ingress sequence accepted, as a snapshot held it, until the encryption is restored with it. */
    long restoredIngressSequence;
    /** Frames applied since the client last heard from the group: not replicated, decides when to acknowledge. */
    int unacknowledgedFrames;

    ClientStream(final long sessionId)
    {
        this.sessionId = sessionId;
    }

    /**
     * Wraps a frame, keeps it until acknowledged and offers it (a follower's offer does nothing).
     */
    void send(final ClientSession session, final DirectBuffer frame, final int offset, final int length)
    {
        final byte[] message = new byte[ClusterFraming.HEADER_LENGTH + length];
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        ClusterFraming.putHeader(buffer, 0, nextEgress++, applied);
        buffer.putBytes(ClusterFraming.HEADER_LENGTH, frame, offset, length);
        egress.addLast(message);
        egressBytes += message.length;
        unacknowledgedFrames = 0;
        if (null != session)
        {
            // Back-pressure or a client not yet connected to this leader: the client sees the gap and asks again.
            offer(session, buffer, message.length);
        }
    }

    /**
     * The client took every frame up to this sequence.
     */
    void onAcknowledged(final long sequence)
    {
        while (!egress.isEmpty() && ClusterFraming.sequence(new UnsafeBuffer(egress.peekFirst()), 0) <= sequence)
        {
            egressBytes -= egress.pollFirst().length;
        }
    }

    /**
     * Sends again every frame after this sequence, in order, then says so ({@link ClusterFraming#RESYNC}); if the
     * session does not take them all, the client asks again.
     */
    void resend(final ClientSession session, final long after, final UnsafeBuffer scratch)
    {
        onAcknowledged(after);
        if (null == session)
        {
            return;
        }
        for (final byte[] message : egress)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(message);
            buffer.putLong(ClusterFraming.ACKNOWLEDGED_OFFSET, applied, java.nio.ByteOrder.LITTLE_ENDIAN);
            if (offer(session, buffer, message.length) < 0)
            {
                return;
            }
        }
        ClusterFraming.putHeader(scratch, 0, ClusterFraming.RESYNC, applied);
        offer(session, scratch, ClusterFraming.HEADER_LENGTH);
    }

    /**
     * Tells the client how far its frames were applied, without a frame (a heartbeat).
     */
    void acknowledge(final ClientSession session, final UnsafeBuffer scratch)
    {
        unacknowledgedFrames = 0;
        if (null != session)
        {
            ClusterFraming.putHeader(scratch, 0, ClusterFraming.CONTROL, applied);
            scratch.putLong(ClusterFraming.LAST_SENT_OFFSET, nextEgress - 1, java.nio.ByteOrder.LITTLE_ENDIAN);
            offer(session, scratch, ClusterFraming.CONTROL_LENGTH);
        }
    }

    private long offer(final ClientSession session, final DirectBuffer buffer, final int length)
    {
        return null == crypto ? session.offer(buffer, 0, length) : crypto.offer(session, buffer, 0, length);
    }
}
