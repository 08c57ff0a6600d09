package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One member of a broker group as management lists it ({@link Operation#GROUP}). Positions are byte positions in the
 * group's replicated log; the lag is how far the member's log trails the leader's, as the leader last heard it.
 *
 * @param memberId         the member's id.
 * @param endpoint         its client endpoint, host:port.
 * @param leader           true for the member leading the group.
 * @param leadershipTermId the term the member last reported, -1 if it was never heard from.
 * @param logPosition      its log position as last reported, -1 if it was never heard from.
 * @param lagBytes         the leader's log position minus this member's, -1 if not known (the member is not
 *                         heard from, or the view is not the leader's).
 * @param lastHeardAgoMs   how long ago the answering member last heard of this member's log position, ms; -1 if never.
 */
public record GroupMember(int memberId, String endpoint, boolean leader, long leadershipTermId, long logPosition,
    long lagBytes, long lastHeardAgoMs)
{
    private static final String MEMBER_ID = "memberId";
    private static final String ENDPOINT = "endpoint";
    private static final String LEADER = "leader";
    private static final String TERM = "leadershipTermId";
    private static final String LOG_POSITION = "logPosition";
    private static final String LAG_BYTES = "lagBytes";
    private static final String LAST_HEARD = "lastHeardAgoMs";

    /**
     * Checks that the endpoint is present.
     */
    public GroupMember
    {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * @return LEADER or FOLLOWER.
     */
    public String role()
    {
        return leader ? "LEADER" : "FOLLOWER";
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + MEMBER_ID, memberId);
        out.put(prefix + ENDPOINT, endpoint);
        out.put(prefix + LEADER, leader);
        out.put(prefix + TERM, leadershipTermId);
        out.put(prefix + LOG_POSITION, logPosition);
        out.put(prefix + LAG_BYTES, lagBytes);
        out.put(prefix + LAST_HEARD, lastHeardAgoMs);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the row written there.
     */
    public static GroupMember read(final Map<String, Object> in, final String prefix)
    {
        return new GroupMember(Reply.intValue(in, prefix + MEMBER_ID), Reply.string(in, prefix + ENDPOINT),
            Reply.booleanValue(in, prefix + LEADER), Reply.longValue(in, prefix + TERM),
            Reply.longValue(in, prefix + LOG_POSITION), Reply.longValue(in, prefix + LAG_BYTES),
            Reply.longValue(in, prefix + LAST_HEARD));
    }
}
