package io.aeolus.transport.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The SCRAM-SHA-256 primitives of RFC 5802 (section 3) with the hash of RFC 7677: {@code Hi} (PBKDF2 with
 * HMAC-SHA-256), the derived keys, proofs and signatures, nonces, and the message syntax helpers (attribute lookup,
 * user name escaping). Stateless and thread-safe; every method allocates.
 */
public final class Scram
{
    /** The mechanism's name, as SASL registers it. */
    public static final String MECHANISM = "SCRAM-SHA-256";

    /** RFC 7677: the iteration count is at least 4096; lower counts are refused by both ends. */
    public static final int MIN_ITERATIONS = 4096;

    /** Iterations that make a password guess cost about as much as OWASP recommends for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** Length of SHA-256 output, and so of every key, signature and proof. */
    public static final int KEY_LENGTH = 32;

    /** Random bytes in a nonce before base64 (24 bytes: 192 bits, 32 printable characters). */
    public static final int NONCE_BYTES = 24;

    /** Iteration counts above this are refused: a hostile broker must not make a client compute for hours. */
    public static final int MAX_ITERATIONS = 10_000_000;

    /** The GS2 header this implementation sends and accepts: no channel binding, no authorisation identity. */
    public static final String GS2_HEADER = "n,,";

    /** {@code c=} of the client-final-message: base64 of the GS2 header. */
    public static final String CHANNEL_BINDING = "c=" + base64(GS2_HEADER.getBytes(StandardCharsets.US_ASCII));

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram()
    {
    }

    /**
     * RFC 5802 {@code Hi(str, salt, i)}: PBKDF2 with HMAC-SHA-256 and an output of one hash length.
     *
     * @param password   the normalised password bytes ({@link #normalize(String)}).
     * @param salt       the user's salt.
     * @param iterations the iteration count, at least {@link #MIN_ITERATIONS}.
     * @return the salted password.
     */
    public static byte[] hi(final byte[] password, final byte[] salt, final int iterations)
    {
        if (iterations < 1)
        {
            throw new IllegalArgumentException("iteration count must be positive, got " + iterations);
        }
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            // HMAC with an empty key is valid but SecretKeySpec refuses it: a zero-length password gets one zero
            // byte, which HMAC pads to the same block (RFC 2104 pads short keys with zeros).
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, HMAC));
            mac.update(salt);
            mac.update(new byte[]{0, 0, 0, 1});
            final byte[] u = mac.doFinal();
            final byte[] result = u.clone();
            for (int i = 1; i < iterations; i++)
            {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < result.length; j++)
                {
                    result[j] ^= u[j];
                }
            }
            return result;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    /**
     * @param key  the HMAC key.
     * @param data the message.
     * @return HMAC-SHA-256 of the message.
     */
    public static byte[] hmac(final byte[] key, final byte[] data)
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, HMAC));
            return mac.doFinal(data);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    /**
     * @param data what to hash.
     * @return SHA-256 of the data.
     */
    public static byte[] sha256(final byte[] data)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("SHA-256 unavailable", ex);
        }
    }

    /**
     * @param saltedPassword from {@link #hi(byte[], byte[], int)}.
     * @return {@code ClientKey := HMAC(SaltedPassword, "Client Key")}.
     */
    public static byte[] clientKey(final byte[] saltedPassword)
    {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    /**
     * @param saltedPassword from {@link #hi(byte[], byte[], int)}.
     * @return {@code ServerKey := HMAC(SaltedPassword, "Server Key")}.
     */
    public static byte[] serverKey(final byte[] saltedPassword)
    {
        return hmac(saltedPassword, SERVER_KEY);
    }

    /**
     * @param a first operand.
     * @param b second operand, of the same length.
     * @return a XOR b.
     */
    public static byte[] xor(final byte[] a, final byte[] b)
    {
        if (a.length != b.length)
        {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        final byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++)
        {
            result[i] = (byte)(a[i] ^ b[i]);
        }
        return result;
    }

    /**
     * Prepares a password given at login for hashing: SASLprep ({@link SaslPrep#query(String)}), then UTF-8. Both
     * ends of Aeolus use this same function.
     *
     * @param password the password as typed.
     * @return its UTF-8 bytes after SASLprep.
     * @throws IllegalArgumentException if SASLprep refuses the password (the message names the code point).
     */
    public static byte[] normalize(final String password)
    {
        return SaslPrep.query(password).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return a fresh nonce: {@link #NONCE_BYTES} bytes from a {@link SecureRandom}, base64 (printable, no comma).
     */
    public static String nonce()
    {
        final byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return base64(bytes);
    }

    /**
     * @param length how many bytes.
     * @return random bytes from a {@link SecureRandom}.
     */
    public static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * @param bytes what to encode.
     * @return standard base64 with padding, as SCRAM uses.
     */
    public static String base64(final byte[] bytes)
    {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @param text standard base64.
     * @return the decoded bytes.
     * @throws IllegalArgumentException if the text is not base64.
     */
    public static byte[] fromBase64(final String text)
    {
        return Base64.getDecoder().decode(text);
    }

    /**
     * RFC 5802 {@code saslname}: a user name with ',' and '=' escaped as {@code =2C} and {@code =3D}.
     *
     * @param user the user name.
     * @return the escaped name.
     */
    public static String escapeUser(final String user)
    {
        return user.replace("=", "=3D").replace(",", "=2C");
    }

    /**
     * @param saslName an escaped user name.
     * @return the user name.
     * @throws IllegalArgumentException if an '=' is not followed by 2C or 3D.
     */
    public static String unescapeUser(final String saslName)
    {
        final StringBuilder sb = new StringBuilder(saslName.length());
        for (int i = 0; i < saslName.length(); i++)
        {
            final char c = saslName.charAt(i);
            if (c != '=')
            {
                sb.append(c);
            }
            else if (saslName.startsWith("=2C", i))
            {
                sb.append(',');
                i += 2;
            }
            else if (saslName.startsWith("=3D", i))
            {
                sb.append('=');
                i += 2;
            }
            else
            {
                throw new IllegalArgumentException("invalid escape in user name");
            }
        }
        return sb.toString();
    }

    /**
     * Finds an attribute of a SCRAM message, such as {@code r} in {@code r=abc,s=def,i=4096}.
     *
     * @param message the message, attributes separated by commas.
     * @param name    the one-letter attribute name.
     * @return its value, or null if absent.
     */
    public static String attribute(final String message, final char name)
    {
        int start = 0;
        while (start <= message.length())
        {
            int end = message.indexOf(',', start);
            if (end < 0)
            {
                end = message.length();
            }
            if (end - start >= 2 && message.charAt(start) == name && message.charAt(start + 1) == '=')
            {
                return message.substring(start + 2, end);
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * @param nonce a nonce received from the peer.
     * @return true if it is non-empty printable ASCII without a comma, as RFC 5802's {@code printable} requires.
     */
    public static boolean isPrintable(final String nonce)
    {
        if (nonce.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++)
        {
            final char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares in time independent of where the arrays differ.
     *
     * @param a one value.
     * @param b the other.
     * @return true if equal.
     */
    public static boolean constantTimeEquals(final byte[] a, final byte[] b)
    {
        return MessageDigest.isEqual(a, b);
    }
}
