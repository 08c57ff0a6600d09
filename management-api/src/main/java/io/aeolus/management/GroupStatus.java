package io.aeolus.management;

import java.util.List;
import java.util.Map;

/**
 * A broker group as one of its members sees it: the answer to {@link Operation#GROUP}. Over JMS the leader answers,
 * so the positions and lags are the leader's view; a follower's own view (JMX) knows only its own position and the
 * leader's.
 *
 * @param answeringMemberId the member whose view this is.
 * @param leaderMemberId    the leader's member id, -1 if none is known.
 * @param leadershipTermId  the current leadership term, -1 before any.
 * @param commitPosition    the log position the answering member has applied, bytes.
 * @param leaderView        true if the answering member led the group when it answered (the lags are then known).
 * @param members           every member, in member id order.
 */
public record GroupStatus(int answeringMemberId, int leaderMemberId, long leadershipTermId, long commitPosition,
    boolean leaderView, List<GroupMember> members)
{
    private static final String ANSWERING_MEMBER_ID = "answeringMemberId";
    private static final String LEADER_MEMBER_ID = "leaderMemberId";
    private static final String TERM = "leadershipTermId";
    private static final String COMMIT_POSITION = "commitPosition";
    private static final String LEADER_VIEW = "leaderView";

    /**
     * Copies the members.
     */
    public GroupStatus
    {
        members = List.copyOf(members);
    }

    /**
     * @return the leader's row, null if no member is known to lead.
     */
    public GroupMember leader()
    {
        for (final GroupMember member : members)
        {
            if (member.leader())
            {
                return member;
            }
        }
        return null;
    }

    /**
     * @param out a reply body.
     */
    public void write(final Map<String, Object> out)
    {
        out.put(ANSWERING_MEMBER_ID, answeringMemberId);
        out.put(LEADER_MEMBER_ID, leaderMemberId);
        out.put(TERM, leadershipTermId);
        out.put(COMMIT_POSITION, commitPosition);
        out.put(LEADER_VIEW, leaderView);
        Reply.putRows(out, members, GroupMember::write);
    }

    /**
     * @param in a reply body.
     * @return the group written there.
     */
    public static GroupStatus read(final Map<String, Object> in)
    {
        return new GroupStatus(Reply.intValue(in, ANSWERING_MEMBER_ID), Reply.intValue(in, LEADER_MEMBER_ID),
            Reply.longValue(in, TERM), Reply.longValue(in, COMMIT_POSITION), Reply.booleanValue(in, LEADER_VIEW),
            Reply.rows(in, GroupMember::read));
    }
}
