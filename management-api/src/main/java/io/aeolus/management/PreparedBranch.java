package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One XA branch the broker holds, as management lists it: prepared and waiting for its transaction manager, or
 * completed heuristically by an administrator and waiting to be forgotten.
 *
 * @param xid          {@code formatId:gtrid-hex:bqual-hex}, what {@link Operation#COMMIT_XA_BRANCH} and
 *                     {@link Operation#ROLLBACK_XA_BRANCH} take as {@link Argument#NAME}.
 * @param state        ACTIVE, ROLLBACK_ONLY, PREPARED, HEURISTIC_COMMITTED or HEURISTIC_ROLLED_BACK.
 * @param preparedMs   when it was prepared, ms since the epoch; 0 if not prepared.
 * @param sends        messages it sends when committed.
 * @param acknowledged deliveries it acknowledges when committed, locked from other consumers until then.
 */
public record PreparedBranch(String xid, String state, long preparedMs, int sends, int acknowledged)
{
    private static final String XID = "xid";
    private static final String STATE = "state";
    private static final String PREPARED_MS = "preparedMs";
    private static final String SENDS = "sends";
    private static final String ACKNOWLEDGED = "acknowledged";

    /**
     * Checks that the texts are present.
     */
    public PreparedBranch
    {
        Objects.requireNonNull(xid, "xid");
        Objects.requireNonNull(state, "state");
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + XID, xid);
        out.put(prefix + STATE, state);
        out.put(prefix + PREPARED_MS, preparedMs);
        out.put(prefix + SENDS, sends);
        out.put(prefix + ACKNOWLEDGED, acknowledged);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the branch written there.
     */
    public static PreparedBranch read(final Map<String, Object> in, final String prefix)
    {
        return new PreparedBranch(Reply.string(in, prefix + XID), Reply.string(in, prefix + STATE),
            Reply.longValue(in, prefix + PREPARED_MS), Reply.intValue(in, prefix + SENDS),
            Reply.intValue(in, prefix + ACKNOWLEDGED));
    }
}
