package io.aeolus.transport.crypto;

import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.SealedDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * Opens the {@code Sealed} frames of one direction of one connection (see {@link FrameSealer}): checks the frame's
 * shape, its connection id and that its sequence is above the last one accepted (Aeron delivers a publication's frames
 * in order, so a lower or equal one is a replay), then decrypts and verifies the tag. Only a frame that passes all of
 * it moves the sequence on; any other is refused with {@link #problem()} saying why, and the caller drops it.
 * <p>
 * One {@link Cipher} and one plaintext buffer per opener, reused for every frame. Not thread-safe: one polling thread.
 */
public final class FrameOpener
{
    private static final int AAD_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + SealedDecoder.BLOCK_LENGTH;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[FrameSealer.NONCE_LENGTH];
    private final long connectionId;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final UnsafeBuffer plain = new UnsafeBuffer(new byte[0]);
    private byte[] plainArray = new byte[1024];
    private byte[] sealedArray = new byte[1024];
    private long lastSequence;
    private String problem;

    FrameOpener(final byte[] key, final byte[] salt, final long connectionId)
    {
        this(key, salt, connectionId, 0);
    }

    FrameOpener(final byte[] key, final byte[] salt, final long connectionId, final long lastAccepted)
    {
        this.lastSequence = lastAccepted;
        this.cipher = FrameSealer.newCipher();
        this.key = new SecretKeySpec(key, "AES");
        System.arraycopy(salt, 0, nonce, 0, TransportKeys.NONCE_SALT_LENGTH);
        this.connectionId = connectionId;
        plain.wrap(plainArray);
    }

    /**
     * @param buffer holds a frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @return true if the frame is a {@code Sealed} frame (authentic or not), by its header.
     */
    public static boolean isSealed(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= MessageHeaderDecoder.ENCODED_LENGTH &&
            buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) == SealedDecoder.TEMPLATE_ID &&
            (buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == SealedDecoder.SCHEMA_ID;
    }

    /**
     * Opens a sealed frame into this opener's buffer, valid until the next call.
     *
     * @param buffer holds the sealed frame.
     * @param offset of the sealed frame.
     * @param length of the sealed frame.
     * @return the inner frame's length, at index 0 of {@link #buffer()}; or -1 if the frame is refused.
     */
    public int open(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!isSealed(buffer, offset, length))
        {
            return refuse(length < MessageHeaderDecoder.ENCODED_LENGTH ? "frame of " + length + " bytes" :
                "clear frame (template " + (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) +
                ") on an encrypted connection");
        }
        headerDecoder.wrap(buffer, offset);
        if (length < FrameSealer.OVERHEAD || headerDecoder.blockLength() != SealedDecoder.BLOCK_LENGTH)
        {
            return refuse("sealed frame of " + length + " bytes, block length " + headerDecoder.blockLength() +
                ": malformed");
        }
        final long frameConnectionId = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH,
            ByteOrder.LITTLE_ENDIAN);
        final long sequence = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + 8,
            ByteOrder.LITTLE_ENDIAN);
        final long dataLength = buffer.getInt(offset + AAD_LENGTH, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        if (frameConnectionId != connectionId)
        {
            return refuse("sealed frame for connection " + frameConnectionId + ", not " + connectionId);
        }
        if (sequence <= lastSequence)
        {
            return refuse("sealed frame " + sequence + " replayed or out of order (last accepted " +
                lastSequence + ")");
        }
        if (dataLength != length - FrameSealer.DATA_OFFSET)
        {
            return refuse("sealed frame's data length " + dataLength + " does not match the frame");
        }
        if (sealedArray.length < length)
        {
            sealedArray = new byte[Math.max(length, sealedArray.length * 2)];
        }
        buffer.getBytes(offset, sealedArray, 0, length);
        final int plainLength = length - FrameSealer.OVERHEAD;
        if (plainArray.length < plainLength)
        {
            plainArray = new byte[Math.max(plainLength, plainArray.length * 2)];
            plain.wrap(plainArray);
        }
        return decrypt(sequence, length) ? plainLength : -1;
    }

    /**
     * @return the buffer {@link #open} writes inner frames to.
     */
    public UnsafeBuffer buffer()
    {
        return plain;
    }

    /**
     * @return why the last refused frame was refused, or null if the last one was opened.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * @return the highest sequence accepted so far, 0 before the first frame.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    private boolean decrypt(final long sequence, final int length)
    {
        FrameSealer.putSequence(nonce, sequence);
        try
        {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(FrameSealer.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(sealedArray, 0, AAD_LENGTH);
            cipher.doFinal(sealedArray, FrameSealer.DATA_OFFSET, length - FrameSealer.DATA_OFFSET, plainArray, 0);
        }
        catch (final AEADBadTagException ex)
        {
            refuse("sealed frame " + sequence + " failed authentication (tampered, or not sealed with this " +
                "connection's key)");
            return false;
        }
        catch (final GeneralSecurityException ex)
        {
            refuse("sealed frame " + sequence + " could not be opened: " + ex);
            return false;
        }
        lastSequence = sequence;
        problem = null;
        return true;
    }

    private int refuse(final String reason)
    {
        problem = reason;
        return -1;
    }
}
