package io.aeolus.transport.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The keys of one encrypted connection, derived by both ends from their SCRAM-SHA-256 exchange with HKDF-SHA256
 * (RFC 5869): the input key is the exchange's ClientKey, which the client computes from the password and the broker
 * recovers from the client's proof and its StoredKey, and which an eavesdropper cannot compute; the salt is the
 * SHA-256 of the exchange's AuthMessage, which holds both nonces and so differs in every login. Four outputs: a
 * 256-bit AES key and a 4-byte nonce salt for each direction.
 * <p>
 * A broker group hands a connection's keys from the member that logged the client in to every other member through
 * its replicated log: {@link #wrap} seals the keys' secret (HKDF's pseudorandom key) under a key the members share,
 * and {@link #unwrap} gives the same keys back on each member, so the log and snapshots never hold them in clear.
 * Thread-safe: immutable.
 */
public final class TransportKeys
{
    /** AES key length in bytes. */
    public static final int KEY_LENGTH = 32;

    /** Length of the per-direction part of the GCM nonce, in bytes. */
    public static final int NONCE_SALT_LENGTH = 4;

    /** Length of a wrapped key set ({@link #wrap}): nonce, sealed secret, tag. */
    public static final int WRAPPED_LENGTH = FrameSealer.NONCE_LENGTH + KEY_LENGTH + FrameSealer.TAG_LENGTH;

    private static final byte[] LABEL = "aeolus transport v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] prk;
    private final byte[] clientToBrokerKey;
    private final byte[] brokerToClientKey;
    private final byte[] clientToBrokerSalt;
    private final byte[] brokerToClientSalt;

    private TransportKeys(final byte[] prk)
    {
        this.prk = prk;
        clientToBrokerKey = expand(prk, "client to broker key", KEY_LENGTH);
        brokerToClientKey = expand(prk, "broker to client key", KEY_LENGTH);
        clientToBrokerSalt = expand(prk, "client to broker nonce", NONCE_SALT_LENGTH);
        brokerToClientSalt = expand(prk, "broker to client nonce", NONCE_SALT_LENGTH);
    }

    /**
     * @param clientKey   the exchange's ClientKey, HMAC(SaltedPassword, "Client Key").
     * @param authMessage the exchange's AuthMessage as both ends computed it for the proofs.
     * @return the connection's keys.
     */
    public static TransportKeys derive(final byte[] clientKey, final byte[] authMessage)
    {
        final byte[] labelled = Arrays.copyOf(LABEL, LABEL.length + authMessage.length);
        System.arraycopy(authMessage, 0, labelled, LABEL.length, authMessage.length);
        try
        {
            final byte[] salt = MessageDigest.getInstance("SHA-256").digest(labelled);
            return new TransportKeys(hmac(salt, clientKey));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JVM offers no SHA-256: " + ex, ex);
        }
    }

    /**
     * @param connectionId stamped on every sealed frame.
     * @return what the client seals its frames with.
     */
    public FrameSealer clientSealer(final long connectionId)
    {
        return new FrameSealer(clientToBrokerKey, clientToBrokerSalt, connectionId);
    }

    /**
     * @param connectionId stamped on every sealed frame.
     * @return what the broker seals its frames with.
     */
    public FrameSealer brokerSealer(final long connectionId)
    {
        return new FrameSealer(brokerToClientKey, brokerToClientSalt, connectionId);
    }

    /**
     * @param connectionId the only connection id a frame may carry.
     * @return what the client opens the broker's frames with.
     */
    public FrameOpener clientOpener(final long connectionId)
    {
        return new FrameOpener(brokerToClientKey, brokerToClientSalt, connectionId);
    }

    /**
     * @param connectionId the only connection id a frame may carry.
     * @return what the broker opens the client's frames with.
     */
    public FrameOpener brokerOpener(final long connectionId)
    {
        return new FrameOpener(clientToBrokerKey, clientToBrokerSalt, connectionId);
    }

    /**
     * @param connectionId  stamped on every sealed frame.
     * @param firstSequence the sequence of the first frame sealed, at least 1: a broker group's leader starts each
     *                      leadership term's frames above every earlier leader's, so no two senders use a nonce twice.
     * @return what a broker group's leader seals its frames to the client with.
     */
    public FrameSealer brokerSealer(final long connectionId, final long firstSequence)
    {
        return new FrameSealer(brokerToClientKey, brokerToClientSalt, connectionId, firstSequence);
    }

    /**
     * @param connectionId the only connection id a frame may carry.
     * @param lastAccepted the highest sequence already accepted (a broker group member restored from a snapshot);
     *                     only frames above it open.
     * @return what the broker opens the client's frames with.
     */
    public FrameOpener brokerOpener(final long connectionId, final long lastAccepted)
    {
        return new FrameOpener(clientToBrokerKey, clientToBrokerSalt, connectionId, lastAccepted);
    }

    /**
     * Seals these keys for another holder of the wrapping key: AES-256-GCM of the keys' secret under a fresh random
     * nonce, bound to the associated data (a broker group binds the client's session id, so the keys cannot be moved
     * to another session). Allocates.
     *
     * @param wrappingKey    32 bytes shared by the holders.
     * @param associatedData authenticated with the keys, not hidden.
     * @return {@link #WRAPPED_LENGTH} bytes: nonce, ciphertext, tag.
     */
    public byte[] wrap(final byte[] wrappingKey, final byte[] associatedData)
    {
        final byte[] wrapped = new byte[WRAPPED_LENGTH];
        final byte[] nonce = new byte[FrameSealer.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, wrapped, 0, nonce.length);
        try
        {
            final Cipher cipher = FrameSealer.newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
                new GCMParameterSpec(FrameSealer.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(prk, 0, prk.length, wrapped, nonce.length);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot wrap transport keys: " + ex, ex);
        }
        return wrapped;
    }

    /**
     * The keys {@link #wrap} sealed. Allocates.
     *
     * @param wrappingKey    the key they were wrapped with.
     * @param wrapped        what {@link #wrap} returned.
     * @param associatedData the same associated data.
     * @return the keys.
     * @throws IllegalArgumentException if the wrapped keys do not open with this key and data (another wrapping key,
     *                                  other data, or changed bytes).
     */
    public static TransportKeys unwrap(final byte[] wrappingKey, final byte[] wrapped, final byte[] associatedData)
    {
        if (null == wrapped || wrapped.length != WRAPPED_LENGTH)
        {
            throw new IllegalArgumentException("wrapped transport keys of " + (null == wrapped ? 0 : wrapped.length) +
                " bytes, expected " + WRAPPED_LENGTH);
        }
        try
        {
            final Cipher cipher = FrameSealer.newCipher();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
                new GCMParameterSpec(FrameSealer.TAG_LENGTH * 8, wrapped, 0, FrameSealer.NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            return new TransportKeys(cipher.doFinal(wrapped, FrameSealer.NONCE_LENGTH,
                wrapped.length - FrameSealer.NONCE_LENGTH));
        }
        catch (final AEADBadTagException ex)
        {
            throw new IllegalArgumentException("wrapped transport keys do not open with this wrapping key (another " +
                "key, or changed)", ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot unwrap transport keys: " + ex, ex);
        }
    }

    /**
     * HKDF-Expand for outputs of at most one block (32 bytes): T(1) = HMAC(PRK, info | 0x01), cut to length.
     */
    private static byte[] expand(final byte[] prk, final String info, final int length)
    {
        final byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
        final byte[] input = Arrays.copyOf(infoBytes, infoBytes.length + 1);
        input[infoBytes.length] = 1;
        return Arrays.copyOf(hmac(prk, input), length);
    }

    private static byte[] hmac(final byte[] key, final byte[] data)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JVM offers no HmacSHA256: " + ex, ex);
        }
    }
}
