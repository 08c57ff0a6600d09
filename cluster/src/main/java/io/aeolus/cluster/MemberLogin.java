package io.aeolus.cluster;

import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.transport.ClusterLogin;
import io.aeolus.transport.auth.Scram;
import io.aeron.security.CredentialsSupplier;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * How a member of a broker group logs in to its own group, to put the changes asked of it through JMX into the
 * group's log: a challenge and response keyed by a <em>member key</em>, an HMAC-SHA-256 of a fixed label keyed by the
 * users file's key ({@code users.key}), which every member holds already (the members share the users file and its
 * key). So the operator manages no other secret, and the key itself never crosses the network.
 * <p>
 * The member connects with the user name {@link #USER} (which no users file can hold: it has a space) and, as initial
 * response, {@code "aeolus-member-v1" | memberId:int32 LE | clientNonce (16 bytes)}. The leader's
 * {@link ClusterAuthenticator} challenges with a nonce of its own (32 bytes), and the member answers with
 * {@link #proof}: the HMAC of the initial response and the challenge under the member key. A fresh challenge per
 * login means a recorded answer cannot be replayed; without the key no answer fits. The session's principal is then
 * the member's ({@link ClusterPrincipal#member(int)}): the {@code admin} role, named {@code member <id>}.
 * <p>
 * The client side is this {@link CredentialsSupplier} (the connecting thread only); the static methods are the
 * group's side.
 */
final class MemberLogin implements CredentialsSupplier
{
    /** The user name of a member's login: a space keeps it out of every users file. */
    static final String USER = "aeolus member";
    /** The mechanism's name in the audit log. */
    static final String MECHANISM = "AEOLUS-MEMBER";
    static final int NONCE_LENGTH = 16;
    static final int CHALLENGE_LENGTH = 32;

    private static final byte[] LABEL = "aeolus-member-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_LABEL = "aeolus-member-login-key-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL_LENGTH = LABEL.length + Integer.BYTES + NONCE_LENGTH;

    private final int memberId;
    private final byte[] key;
    private byte[] initial;

    /**
     * @param memberId this member's id.
     * @param key      the member key ({@link #key(SecuritySettings)}).
     */
    MemberLogin(final int memberId, final byte[] key)
    {
        this.memberId = memberId;
        this.key = key.clone();
    }

    /**
     * The member key of a group, derived from its users file's key.
     *
     * @param security the member's security settings.
     * @return the key, or null when the member has no users file key (development mode without a users file, or
     *         another login module): then it logs in anonymously, which only development mode admits.
     * @throws UncheckedIOException if the key file exists but cannot be read.
     */
    static byte[] key(final SecuritySettings security)
    {
        return UsersFileKey.derive(security, KEY_LABEL);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] encodedCredentials()
    {
        initial = initialResponse(memberId, Scram.randomBytes(NONCE_LENGTH));
        return ClusterLogin.encode(USER, initial);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] onChallenge(final byte[] encodedChallenge)
    {
        return null == initial || null == encodedChallenge ? new byte[0] : proof(key, initial, encodedChallenge);
    }

    /**
     * @param memberId the member's id.
     * @param nonce    the client's nonce.
     * @return the initial response.
     */
    static byte[] initialResponse(final int memberId, final byte[] nonce)
    {
        return ByteBuffer.allocate(INITIAL_LENGTH).order(ByteOrder.LITTLE_ENDIAN).put(LABEL).putInt(memberId)
            .put(nonce).array();
    }

    /**
     * @param initial an initial response as received.
     * @return the member id it claims, or -1 if it is not a member's initial response.
     */
    static int memberId(final byte[] initial)
    {
        if (null == initial || initial.length != INITIAL_LENGTH ||
            !Arrays.equals(LABEL, Arrays.copyOf(initial, LABEL.length)))
        {
            return -1;
        }
        final int id = ByteBuffer.wrap(initial).order(ByteOrder.LITTLE_ENDIAN).getInt(LABEL.length);
        return id < 0 ? -1 : id;
    }

    /**
     * @param key       the member key.
     * @param initial   the member's initial response.
     * @param challenge the group's challenge.
     * @return the answer that proves the key.
     */
    static byte[] proof(final byte[] key, final byte[] initial, final byte[] challenge)
    {
        final byte[] data = Arrays.copyOf(initial, initial.length + challenge.length);
        System.arraycopy(challenge, 0, data, initial.length, challenge.length);
        return Scram.hmac(key, data);
    }

    /**
     * @param key       the member key.
     * @param initial   the member's initial response.
     * @param challenge the group's challenge.
     * @param answer    the member's answer.
     * @return true if the answer proves the key (compared in constant time).
     */
    static boolean verify(final byte[] key, final byte[] initial, final byte[] challenge, final byte[] answer)
    {
        return null != key && null != answer && MessageDigest.isEqual(proof(key, initial, challenge), answer);
    }
}
