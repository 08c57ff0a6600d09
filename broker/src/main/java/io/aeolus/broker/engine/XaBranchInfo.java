package io.aeolus.broker.engine;

/**
 * One XA branch as management shows it.
 *
 * @param xid          {@code formatId:gtrid-hex:bqual-hex} ({@link BranchId#toString()}).
 * @param state        ACTIVE, ROLLBACK_ONLY, PREPARED, HEURISTIC_COMMITTED or HEURISTIC_ROLLED_BACK.
 * @param preparedMs   when it was prepared, ms since the epoch; 0 if not prepared.
 * @param sends        messages it sends when committed.
 * @param acknowledged deliveries it acknowledges when committed (locked until then).
 */
public record XaBranchInfo(String xid, String state, long preparedMs, int sends, int acknowledged)
{
}
