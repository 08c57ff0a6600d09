package io.aeolus.jms;

import javax.transaction.xa.Xid;
import java.util.Arrays;

/**
 * An Xid as the broker listed it in a recover, compared by value with any other {@link Xid}. Immutable.
 */
final class AeolusXid implements Xid
{
    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    AeolusXid(final int formatId, final byte[] gtrid, final byte[] bqual)
    {
        this.formatId = formatId;
        this.gtrid = gtrid.clone();
        this.bqual = bqual.clone();
    }

    @Override
    public int getFormatId()
    {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId()
    {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier()
    {
        return bqual.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Xid xid && formatId == xid.getFormatId() &&
            Arrays.equals(gtrid, xid.getGlobalTransactionId()) && Arrays.equals(bqual, xid.getBranchQualifier());
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
    }

    @Override
    public String toString()
    {
        final java.util.HexFormat hex = java.util.HexFormat.of();
        return formatId + ":" + hex.formatHex(gtrid) + ":" + hex.formatHex(bqual);
    }
}
