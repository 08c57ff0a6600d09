package io.aeolus.jms.xa;

import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * An Xid for tests, as a transaction manager would make one.
 */
final class TestXid implements Xid
{
    private final byte[] gtrid;
    private final byte[] bqual;

    TestXid(final String gtrid, final String bqual)
    {
        this.gtrid = gtrid.getBytes(StandardCharsets.UTF_8);
        this.bqual = bqual.getBytes(StandardCharsets.UTF_8);
    }

    static TestXid random()
    {
        return new TestXid(UUID.randomUUID().toString(), "b1");
    }

    @Override
    public int getFormatId()
    {
        return 0x4145;
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
        return other instanceof Xid xid && getFormatId() == xid.getFormatId() &&
            Arrays.equals(gtrid, xid.getGlobalTransactionId()) && Arrays.equals(bqual, xid.getBranchQualifier());
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(gtrid);
    }

    @Override
    public String toString()
    {
        return new String(gtrid, StandardCharsets.UTF_8);
    }
}
