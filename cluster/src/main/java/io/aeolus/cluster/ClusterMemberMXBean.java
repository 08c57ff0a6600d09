package io.aeolus.cluster;

/**
 * A broker group member as JMX shows it ({@code io.aeolus:type=ClusterMember,member=<id>}): read outside the
 * replicated state machine, any thread.
 */
public interface ClusterMemberMXBean
{
    /**
     * @return this member's id.
     */
    int getMemberId();

    /**
     * @return every member's host:port (client port), in member id order.
     */
    String getMembers();

    /**
     * @return LEADER, FOLLOWER or CANDIDATE.
     */
    String getRole();

    /**
     * @return the leader's member id as of the last term this member applied, -1 before any.
     */
    int getLeaderMemberId();

    /**
     * @return the leadership term this member last applied, -1 before any.
     */
    long getLeadershipTermId();

    /**
     * @return the log position of the last event this member applied.
     */
    long getLogPosition();

    /**
     * @return client sessions open in the group, as this member has applied them.
     */
    int getConnections();

    /**
     * @return client messages dropped as malformed or out of order.
     */
    long getDroppedFrames();

    /**
     * @return true if this member started from a snapshot.
     */
    boolean isStartedFromSnapshot();

    /**
     * @return errors its components reported since it started.
     */
    long getErrorCount();

    /**
     * @return true if this member led the group when it last asked its consensus module: only then are the other
     *         members' positions current and their lags known.
     */
    boolean isLeaderView();

    /**
     * @return each member's log position as this member last heard it, by member id; -1 if never heard.
     */
    long[] getMemberLogPositions();

    /**
     * @return how many bytes each member's log trails the leader's, by member id; -1 where not known (this member
     *         does not lead, or never heard of that one).
     */
    long[] getMemberLagBytes();

    /**
     * @return one line per member: id, endpoint, role, term, log position, lag and how long ago it was heard of.
     */
    String[] getGroupMembers();
}
