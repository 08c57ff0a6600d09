package io.aeolus.transport.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The keys of one encrypted connection, derived by both ends from their SCRAM-SHA-256 exchange with HKDF-SHA256
 * (RFC 5869): the input key is the exchange's ClientKey, which the client computes from the password and the broker
 * recovers from the client's proof and its StoredKey, and which an eavesdropper cannot compute; the salt is the
 * SHA-256 of the exchange's AuthMessage, which holds both nonces and so differs in every login. Four outputs: a
 * 256-bit AES key and a 4-byte nonce salt for each direction. Thread-safe: immutable.
 */
public final class TransportKeys
{
    /** AES key length in bytes. */
    public static final int KEY_LENGTH = 32;

    /** Length of the per-direction part of the GCM nonce, in bytes. */
    public static final int NONCE_SALT_LENGTH = 4;

    private static final byte[] LABEL = "aeolus transport v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] clientToBrokerKey;
    private final byte[] brokerToClientKey;
    private final byte[] clientToBrokerSalt;
    private final byte[] brokerToClientSalt;

    private TransportKeys(final byte[] prk)
    {
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
