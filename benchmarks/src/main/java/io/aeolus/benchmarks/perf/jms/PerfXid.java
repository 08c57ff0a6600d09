package io.aeolus.benchmarks.perf.jms;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import javax.transaction.xa.Xid;

/**
 * The transaction branch identifiers the xa workload makes, as a transaction manager would: a global transaction id
 * unique to the run, the thread and the transaction, and a branch qualifier. Immutable.
 */
final class PerfXid implements Xid
{
    /** A format id of our own; 0 would claim the OSI CCR format. */
    static final int FORMAT_ID = 0x4165_5846;

    private final byte[] globalTransactionId;
    private final byte[] branchQualifier;

    /**
     * @param run         unique to the run (a random number).
     * @param thread      the thread's index.
     * @param transaction the transaction's number on that thread.
     */
    PerfXid(final long run, final int thread, final long transaction)
    {
        this.globalTransactionId = ByteBuffer.allocate(20).putLong(run).putInt(thread).putLong(transaction).array();
        this.branchQualifier = ByteBuffer.allocate(4).putInt(1).array();
    }

    @Override
    public int getFormatId()
    {
        return FORMAT_ID;
    }

    @Override
    public byte[] getGlobalTransactionId()
    {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] getBranchQualifier()
    {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof Xid))
        {
            return false;
        }
        final Xid xid = (Xid)other;
        return FORMAT_ID == xid.getFormatId() &&
            Arrays.equals(globalTransactionId, xid.getGlobalTransactionId()) &&
            Arrays.equals(branchQualifier, xid.getBranchQualifier());
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(globalTransactionId) * 31 + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString()
    {
        return "PerfXid[" + HexFormat.of().formatHex(globalTransactionId) + "]";
    }
}
