package io.aeolus.transport;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramClient;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.security.CredentialsSupplier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A client's login to a broker group, carried by Aeron Cluster's connect and challenge messages: the same users and
 * mechanisms as a single broker's connect handshake. The client side is this {@link CredentialsSupplier}; the
 * static methods read the credentials on the group's side.
 * <p>
 * Credentials, little-endian: {@code userLength:uint16 | user (UTF-8) | mechanism-encoded initial response}
 * ({@link AuthMechanism#encode}); empty for an anonymous client. SCRAM-SHA-256 then takes two challenges: the
 * server-first-message (answered with the client-final-message), then the server-final-message, which the client
 * checks (answered with {@link #SERVER_VERIFIED}, or {@link #SERVER_NOT_VERIFIED}, which the group refuses), so a
 * client never logs in to a group that does not hold the user's credentials. PLAIN takes no challenge.
 * <p>
 * Transport encryption is negotiated inside the SCRAM messages as with a single broker ({@code t=} in both first
 * messages); when the group agrees, {@link #transportKeys()} gives the session's keys once the login is done. A group
 * that refuses a login for a reason the client must know (it requires encryption, the mechanism is not enabled)
 * challenges with {@link #REFUSAL_PREFIX} and the reason instead of the server-first-message, then rejects the session;
 * {@link #failure()} holds the reason.
 * <p>
 * A new SCRAM exchange starts at each {@link #encodedCredentials()} (each connect attempt). Not thread-safe: called
 * on the connecting thread only.
 */
public final class ClusterLogin implements CredentialsSupplier
{
    /** Longest user name, bytes of UTF-8. */
    public static final int MAX_USER_LENGTH = 1024;
    /** The client's answer to the server-final-message when the group's signature is right. */
    public static final byte[] SERVER_VERIFIED = "verified".getBytes(StandardCharsets.US_ASCII);
    /** The client's answer when it is wrong: the group refuses the session. */
    public static final byte[] SERVER_NOT_VERIFIED = "not-verified".getBytes(StandardCharsets.US_ASCII);

    /** Starts a group's challenge that refuses the login, as RFC 5802's server-error attribute does. */
    public static final String REFUSAL_PREFIX = "e=";

    private static final byte[] NONE = new byte[0];

    private final String user;
    private final byte[] password;
    private final AuthMechanism mechanism;
    private final TransportEncryption encryption;
    private ScramClient scram;
    private int challenges;
    private String failure;

    /**
     * @param user      the user name; empty for an anonymous client.
     * @param password  the password as UTF-8 bytes; copied.
     * @param mechanism SCRAM-SHA-256 or PLAIN.
     * @throws IllegalArgumentException if the user name is too long or SASLprep refuses the password.
     */
    public ClusterLogin(final String user, final byte[] password, final AuthMechanism mechanism)
    {
        this(user, password, mechanism, TransportEncryption.OFF);
    }

    /**
     * @param user       the user name; empty for an anonymous client.
     * @param password   the password as UTF-8 bytes; copied.
     * @param mechanism  SCRAM-SHA-256 or PLAIN.
     * @param encryption what to ask the group for (SCRAM-SHA-256 only): {@code REQUIRED} gives up a login with a group
     *                   that will not encrypt.
     * @throws IllegalArgumentException if the user name is too long, SASLprep refuses the password, or encryption is
     *                                  required without a user and SCRAM-SHA-256.
     */
    public ClusterLogin(final String user, final byte[] password, final AuthMechanism mechanism,
        final TransportEncryption encryption)
    {
        this.encryption = encryption;
        this.user = null == user ? "" : user;
        this.password = null == password ? NONE : password.clone();
        this.mechanism = mechanism;
        if (this.user.getBytes(StandardCharsets.UTF_8).length > MAX_USER_LENGTH)
        {
            throw new IllegalArgumentException("user name longer than " + MAX_USER_LENGTH + " bytes");
        }
        if (encryption == TransportEncryption.REQUIRED &&
            (this.user.isEmpty() || mechanism != AuthMechanism.SCRAM_SHA_256))
        {
            throw new IllegalArgumentException("encryption=required needs a user and SCRAM-SHA-256: the keys come " +
                "from the SCRAM exchange (" + (this.user.isEmpty() ? "no user given" : "mechanism is " +
                mechanism.mechanismName()) + ")");
        }
        if (!this.user.isEmpty() && mechanism == AuthMechanism.SCRAM_SHA_256)
        {
            // SASLprep now, so that a password it refuses fails here rather than inside Aeron's connect.
            try
            {
                Scram.normalize(new String(this.password, StandardCharsets.UTF_8));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("the password cannot be used: it " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public byte[] encodedCredentials()
    {
        challenges = 0;
        failure = null;
        scram = null;
        if (user.isEmpty())
        {
            return NONE;
        }
        final byte[] initial;
        if (mechanism == AuthMechanism.SCRAM_SHA_256)
        {
            scram = new ScramClient(user, new String(password, StandardCharsets.UTF_8), Scram.nonce(), encryption);
            initial = mechanism.encode(scram.clientFirstMessage().getBytes(StandardCharsets.UTF_8));
        }
        else
        {
            initial = mechanism.encode(password);
        }
        return encode(user, initial);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] onChallenge(final byte[] encodedChallenge)
    {
        challenges++;
        final String text = new String(encodedChallenge, StandardCharsets.UTF_8);
        if (text.startsWith(REFUSAL_PREFIX))
        {
            failure = text.substring(REFUSAL_PREFIX.length());
            return SERVER_NOT_VERIFIED;
        }
        if (null == scram)
        {
            failure = "the broker group sent a challenge this login does not expect";
            return SERVER_NOT_VERIFIED;
        }
        if (1 == challenges)
        {
            try
            {
                return scram.clientFinalMessage(text).getBytes(StandardCharsets.UTF_8);
            }
            catch (final IllegalArgumentException ex)
            {
                failure = ex.getMessage();
                return SERVER_NOT_VERIFIED;
            }
        }
        if (2 == challenges && scram.isServerFinalValid(text))
        {
            return SERVER_VERIFIED;
        }
        failure = "the broker group could not prove it holds the user's credentials";
        return SERVER_NOT_VERIFIED;
    }

    /**
     * @return the keys of the session once the group agreed to encrypt it and proved itself; else null.
     */
    public TransportKeys transportKeys()
    {
        return null != scram && challenges >= 2 && null == failure ? scram.transportKeys() : null;
    }

    /**
     * @return why this client gave up the last login, or null if it did not.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * @param user    the user name.
     * @param initial the mechanism-encoded initial response.
     * @return the credentials as sent.
     */
    public static byte[] encode(final String user, final byte[] initial)
    {
        final byte[] name = user.getBytes(StandardCharsets.UTF_8);
        final byte[] encoded = new byte[2 + name.length + initial.length];
        encoded[0] = (byte)name.length;
        encoded[1] = (byte)(name.length >>> 8);
        System.arraycopy(name, 0, encoded, 2, name.length);
        System.arraycopy(initial, 0, encoded, 2 + name.length, initial.length);
        return encoded;
    }

    /**
     * @param encoded credentials as received.
     * @return the user name, empty for an anonymous client, or null if malformed.
     */
    public static String user(final byte[] encoded)
    {
        if (null == encoded || encoded.length == 0)
        {
            return "";
        }
        final int length = userLength(encoded);
        return length < 0 ? null : new String(encoded, 2, length, StandardCharsets.UTF_8);
    }

    /**
     * @param encoded credentials as received.
     * @return the mechanism-encoded initial response (empty for an anonymous client), or null if malformed.
     */
    public static byte[] initialResponse(final byte[] encoded)
    {
        if (null == encoded || encoded.length == 0)
        {
            return NONE;
        }
        final int length = userLength(encoded);
        return length < 0 ? null : Arrays.copyOfRange(encoded, 2 + length, encoded.length);
    }

    private static int userLength(final byte[] encoded)
    {
        if (encoded.length < 2)
        {
            return -1;
        }
        final int length = (encoded[0] & 0xFF) | (encoded[1] & 0xFF) << 8;
        return length > MAX_USER_LENGTH || 2 + length > encoded.length ? -1 : length;
    }
}
