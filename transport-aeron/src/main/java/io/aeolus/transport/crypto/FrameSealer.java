package io.aeolus.transport.crypto;

import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.SealedEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * Seals the frames of one direction of one connection: each whole frame becomes the data of a {@code Sealed} frame,
 * encrypted and authenticated with AES-256-GCM under the direction's key. The nonce is the direction's 4-byte salt and
 * the frame's sequence number, which starts at 1 (or where the owner says: a broker group's leader starts each term
 * above the last) and grows by one per frame, so a nonce is never used twice under a key. The associated data is the
 * {@code Sealed} frame's header, connection id and sequence.
 * <p>
 * One {@link Cipher} and one output buffer per sealer, reused for every frame. Not thread-safe: one owner (the
 * broker's conductor, or the client's send lock).
 */
public final class FrameSealer
{
    /** Length of the GCM authentication tag, in bytes. */
    public static final int TAG_LENGTH = 16;

    /** Offset of the ciphertext in a sealed frame. */
    public static final int DATA_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + SealedEncoder.BLOCK_LENGTH + SealedEncoder.dataHeaderLength();

    /** How many bytes sealing adds to a frame. */
    public static final int OVERHEAD = DATA_OFFSET + TAG_LENGTH;

    static final int NONCE_LENGTH = 12;
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final long connectionId;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SealedEncoder sealedEncoder = new SealedEncoder();
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[0]);
    private byte[] outputArray = new byte[1024];
    private byte[] inputArray = new byte[0];
    private long nextSequence;

    FrameSealer(final byte[] key, final byte[] salt, final long connectionId)
    {
        this(key, salt, connectionId, 1);
    }

    FrameSealer(final byte[] key, final byte[] salt, final long connectionId, final long firstSequence)
    {
        if (firstSequence < 1)
        {
            throw new IllegalArgumentException("first sequence must be at least 1, got " + firstSequence);
        }
        this.nextSequence = firstSequence;
        this.cipher = newCipher();
        this.key = new SecretKeySpec(key, "AES");
        System.arraycopy(salt, 0, nonce, 0, TransportKeys.NONCE_SALT_LENGTH);
        this.connectionId = connectionId;
        output.wrap(outputArray);
    }

    /**
     * Seals a frame into this sealer's buffer, valid until the next call.
     *
     * @param buffer holds the frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @return the sealed frame's length; it starts at index 0 of {@link #buffer()}.
     */
    public int seal(final DirectBuffer buffer, final int offset, final int length)
    {
        final int sealedLength = OVERHEAD + length;
        if (outputArray.length < sealedLength)
        {
            outputArray = new byte[Math.max(sealedLength, outputArray.length * 2)];
            output.wrap(outputArray);
        }
        final byte[] array = buffer.byteArray();
        if (null != array)
        {
            sealInto(array, buffer.wrapAdjustment() + offset, length, outputArray);
        }
        else
        {
            if (inputArray.length < length)
            {
                inputArray = new byte[Math.max(length, inputArray.length * 2)];
            }
            buffer.getBytes(offset, inputArray, 0, length);
            sealInto(inputArray, 0, length, outputArray);
        }
        return sealedLength;
    }

    /**
     * Seals a frame into a new array of exactly its sealed length, for large frames the sender keeps.
     *
     * @param frame  the frame's bytes from index 0.
     * @param length of the frame.
     * @return the sealed frame.
     */
    public byte[] sealToNewArray(final byte[] frame, final int length)
    {
        final byte[] sealed = new byte[OVERHEAD + length];
        sealInto(frame, 0, length, sealed);
        return sealed;
    }

    /**
     * @return the buffer {@link #seal} writes to.
     */
    public UnsafeBuffer buffer()
    {
        return output;
    }

    /**
     * @return the sequence the next sealed frame gets.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    private void sealInto(final byte[] input, final int inputOffset, final int length, final byte[] target)
    {
        final long sequence = nextSequence++;
        final UnsafeBuffer out = target == outputArray ? output : new UnsafeBuffer(target);
        sealedEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .connectionId(connectionId)
            .sequence(sequence);
        out.putInt(DATA_OFFSET - SealedEncoder.dataHeaderLength(), length + TAG_LENGTH, ByteOrder.LITTLE_ENDIAN);
        putSequence(nonce, sequence);
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(target, 0, DATA_OFFSET - SealedEncoder.dataHeaderLength());
            cipher.doFinal(input, inputOffset, length, target, DATA_OFFSET);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot seal frame " + sequence + ": " + ex, ex);
        }
    }

    static void putSequence(final byte[] nonce, final long sequence)
    {
        for (int i = 0; i < 8; i++)
        {
            nonce[NONCE_LENGTH - 1 - i] = (byte)(sequence >>> (8 * i));
        }
    }

    static Cipher newCipher()
    {
        try
        {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JVM offers no " + TRANSFORMATION + ": " + ex, ex);
        }
    }
}
