package io.aeolus.broker.engine;

import io.aeolus.store.XaBranchRecord;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An XA branch's identity, the Xid: format id, global transaction id and branch qualifier, compared by value.
 * Branches are ordered by format id, then gtrid, then bqual (unsigned bytes), so that whatever walks them walks them
 * in an order given by the inputs. Immutable: the arrays are copied in and never handed out.
 */
public final class BranchId implements Comparable<BranchId>
{
    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    /**
     * @param formatId the format id; -1 (the null Xid) is refused.
     * @param gtrid    1 to 64 bytes.
     * @param bqual    0 to 64 bytes.
     * @throws IllegalArgumentException naming the field that is out of range.
     */
    public BranchId(final int formatId, final byte[] gtrid, final byte[] bqual)
    {
        if (-1 == formatId)
        {
            throw new IllegalArgumentException("format id -1 is the null Xid");
        }
        Objects.requireNonNull(gtrid, "gtrid");
        Objects.requireNonNull(bqual, "bqual");
        if (gtrid.length < 1 || gtrid.length > XaBranchRecord.MAX_ID_LENGTH)
        {
            throw new IllegalArgumentException("gtrid must be 1 to 64 bytes: " + gtrid.length);
        }
        if (bqual.length > XaBranchRecord.MAX_ID_LENGTH)
        {
            throw new IllegalArgumentException("bqual must be 0 to 64 bytes: " + bqual.length);
        }
        this.formatId = formatId;
        this.gtrid = gtrid.clone();
        this.bqual = bqual.clone();
    }

    /**
     * @return the format id.
     */
    public int formatId()
    {
        return formatId;
    }

    /**
     * @return a copy of the global transaction id.
     */
    public byte[] gtrid()
    {
        return gtrid.clone();
    }

    /**
     * @return a copy of the branch qualifier.
     */
    public byte[] bqual()
    {
        return bqual.clone();
    }

    /**
     * {@inheritDoc}
     */
    public int compareTo(final BranchId other)
    {
        final int byFormat = Integer.compare(formatId, other.formatId);
        if (0 != byFormat)
        {
            return byFormat;
        }
        final int byGtrid = Arrays.compareUnsigned(gtrid, other.gtrid);
        return 0 != byGtrid ? byGtrid : Arrays.compareUnsigned(bqual, other.bqual);
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        return other instanceof BranchId id && formatId == id.formatId && Arrays.equals(gtrid, id.gtrid) &&
            Arrays.equals(bqual, id.bqual);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
    }

    /**
     * @return {@code formatId:gtrid-hex:bqual-hex}, for people and logs.
     */
    public String toString()
    {
        final HexFormat hex = HexFormat.of();
        return formatId + ":" + hex.formatHex(gtrid) + ":" + hex.formatHex(bqual);
    }

    /**
     * Parses {@link #toString()}'s form (what an administrator copies from a listing).
     *
     * @param text {@code formatId:gtrid-hex:bqual-hex}.
     * @return the id.
     * @throws IllegalArgumentException if the text is not of that form.
     */
    public static BranchId parse(final String text)
    {
        final String[] parts = null == text ? new String[0] : text.split(":", -1);
        if (parts.length != 3)
        {
            throw new IllegalArgumentException("an XA branch is written formatId:gtrid-hex:bqual-hex, not " + text);
        }
        try
        {
            final HexFormat hex = HexFormat.of();
            return new BranchId(Integer.parseInt(parts[0]), hex.parseHex(parts[1]), hex.parseHex(parts[2]));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("an XA branch is written formatId:gtrid-hex:bqual-hex, not " + text, ex);
        }
    }
}
