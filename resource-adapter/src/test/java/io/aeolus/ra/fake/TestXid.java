package io.aeolus.ra.fake;

import javax.transaction.xa.Xid;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * A random Xid, as a transaction manager would make.
 */
public record TestXid(byte[] gtrid, byte[] bqual) implements Xid
{
    public static TestXid random()
    {
        final UUID uuid = UUID.randomUUID();
        return new TestXid(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits()).array(), new byte[]{7});
    }

    @Override
    public int getFormatId()
    {
        return 4242;
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
        return other instanceof Xid xid && 4242 == xid.getFormatId() &&
            Arrays.equals(gtrid, xid.getGlobalTransactionId()) && Arrays.equals(bqual, xid.getBranchQualifier());
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(gtrid);
    }
}
