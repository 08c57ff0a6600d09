package io.aeolus.ra;

import javax.transaction.xa.Xid;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * The Xid of a container-driven local transaction, which the adapter runs as a one-phase XA branch of its own.
 */
final class LocalXid implements Xid
{
    /** "AEOL". */
    private static final int FORMAT_ID = 0x41454F4C;

    private final byte[] gtrid;

    LocalXid()
    {
        final UUID uuid = UUID.randomUUID();
        gtrid = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits()).array();
    }

    @Override
    public int getFormatId()
    {
        return FORMAT_ID;
    }

    @Override
    public byte[] getGlobalTransactionId()
    {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier()
    {
        return new byte[]{1};
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Xid xid && FORMAT_ID == xid.getFormatId() &&
            Arrays.equals(gtrid, xid.getGlobalTransactionId()) &&
            Arrays.equals(new byte[]{1}, xid.getBranchQualifier());
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(gtrid);
    }

    @Override
    public String toString()
    {
        return "LocalXid[" + java.util.HexFormat.of().formatHex(gtrid) + "]";
    }
}
