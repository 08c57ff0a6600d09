package io.aeolus.cluster;

import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The encryption of one client's cluster session, as each member of a broker group holds it.
 * <p>
 * Ingress: the client seals every message (its framing header and frame); the messages enter the log sealed and
 * every member opens them as it applies them ({@link #open}). The opener's state (the last sequence accepted) changes
 * only with the log, so every member accepts and refuses the same messages: a replayed, reordered, tampered or clear
 * message is dropped by all alike. It is in the service's snapshot ({@link #lastAccepted()}).
 * <p>
 * Egress: only the leader's messages reach the client, so only the leader seals ({@link #offer}); a follower seals
 * and sends nothing. The key is the session's, shared by every member, so the nonces of two leaders must differ:
 * each leadership term's frames take sequences from {@code term << } {@value #TERM_SHIFT} up (Raft has one leader
 * per term, and a member that restarts leads only in a new term), which also keeps them above every earlier
 * leader's, as the client's opener requires. Not replicated: a new leader starts its term's sequences afresh.
 * <p>
 * Service thread only.
 */
final class StreamCrypto
{
    /** Bits of an egress sequence below the leadership term: 2^40 frames per session and term. */
    static final int TERM_SHIFT = 40;
    /** Terms up to this fit above the shift in a positive sequence. */
    static final long MAX_TERM_ID = (1L << (Long.SIZE - 1 - TERM_SHIFT)) - 1;

    private final long sessionId;
    private final TransportKeys keys;
    private final FrameOpener opener;
    private final String keysProblem;
    private final Leadership leadership;
    private FrameSealer sealer;
    private long sealerTermId = -1;
    private String problem;

    private StreamCrypto(final long sessionId, final TransportKeys keys, final long lastAccepted,
        final String keysProblem, final Leadership leadership)
    {
        this.sessionId = sessionId;
        this.keys = keys;
        this.opener = null == keys ? null : keys.brokerOpener(sessionId, lastAccepted);
        this.keysProblem = keysProblem;
        this.leadership = leadership;
    }

    /**
     * @param session      a client's session.
     * @param sessionKey   the group's session key, or null if this member has none.
     * @param lastAccepted the last ingress sequence accepted (from a snapshot), 0 for a new session.
     * @param leadership   who leads in which term, as this member's service knows it.
     * @return the session's encryption, or null if the session is clear. When the keys do not open on this member
     *         the result refuses every message and {@link #keysProblem()} says why.
     */
    static StreamCrypto of(final ClientSession session, final byte[] sessionKey, final long lastAccepted,
        final Leadership leadership)
    {
        final long sessionId = session.id();
        final byte[] wrapped;
        try
        {
            wrapped = ClusterPrincipal.wrappedKeys(session.encodedPrincipal());
        }
        catch (final IllegalArgumentException ex)
        {
            return new StreamCrypto(sessionId, null, 0, ex.getMessage(), leadership);
        }
        if (null == wrapped)
        {
            return null;
        }
        try
        {
            return new StreamCrypto(sessionId, GroupSessionKeys.unwrap(sessionKey, wrapped, sessionId), lastAccepted,
                null, leadership);
        }
        catch (final IllegalArgumentException ex)
        {
            return new StreamCrypto(sessionId, null, 0, ex.getMessage(), leadership);
        }
    }

    /**
     * @return why this member has no keys for the session, or null if it has them.
     */
    String keysProblem()
    {
        return keysProblem;
    }

    /**
     * Opens a message from the log into {@link #buffer()}.
     *
     * @return the inner length, or -1 if refused ({@link #problem()} says why).
     */
    int open(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == opener)
        {
            problem = keysProblem;
            return -1;
        }
        final int innerLength = opener.open(buffer, offset, length);
        problem = innerLength < 0 ? opener.problem() : null;
        return innerLength;
    }

    /**
     * @return where {@link #open} put the last message opened; valid until the next call.
     */
    UnsafeBuffer buffer()
    {
        return opener.buffer();
    }

    /**
     * @return why the last message was refused.
     */
    String problem()
    {
        return problem;
    }

    /**
     * @return the highest ingress sequence accepted, for the snapshot.
     */
    long lastAccepted()
    {
        return null == opener ? 0 : opener.lastSequence();
    }

    /**
     * Seals a message and offers it when this member leads the term it has applied; else sends nothing (a follower,
     * or a new leader still applying an earlier term: the client asks again for what it misses).
     *
     * @return the offer's result, or {@link ClientSession#MOCKED_OFFER} when nothing was sent.
     */
    long offer(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        final long termId = leadership.leadingTermId();
        if (termId < 0 || null == keys)
        {
            return ClientSession.MOCKED_OFFER;
        }
        if (null == sealer || sealerTermId != termId)
        {
            sealer = keys.brokerSealer(sessionId, firstSequence(termId));
            sealerTermId = termId;
        }
        final int sealedLength = sealer.seal(buffer, offset, length);
        return session.offer(sealer.buffer(), 0, sealedLength);
    }

    /**
     * @param termId a leadership term.
     * @return the sequence of the first frame its leader seals to a client.
     * @throws IllegalStateException if the term is beyond {@link #MAX_TERM_ID}.
     */
    static long firstSequence(final long termId)
    {
        if (termId < 0 || termId > MAX_TERM_ID)
        {
            throw new IllegalStateException("leadership term " + termId + " outside 0.." + MAX_TERM_ID +
                ": no egress sequences left for encrypted sessions");
        }
        return (termId << TERM_SHIFT) + 1;
    }

    /**
     * Who leads which term, as the service learns it from the log's new-term events and its role. Service thread.
     */
    static final class Leadership
    {
        private Cluster cluster;
        private long termId = -1;
        private int leaderMemberId = -1;

        void cluster(final Cluster cluster)
        {
            this.cluster = cluster;
        }

        void onNewTerm(final long termId, final int leaderMemberId)
        {
            this.termId = termId;
            this.leaderMemberId = leaderMemberId;
        }

        /**
         * @return the term this member leads, or -1 if it does not lead the last term it applied.
         */
        long leadingTermId()
        {
            return null != cluster && cluster.role() == Cluster.Role.LEADER &&
                leaderMemberId == cluster.memberId() ? termId : -1;
        }
    }
}
