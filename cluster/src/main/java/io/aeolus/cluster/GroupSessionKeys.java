package io.aeolus.cluster;

import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.transport.crypto.TransportKeys;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How an encrypted client session's keys reach every member of a broker group. The leader derives them from the
 * SCRAM-SHA-256 login, as a single broker does ({@link TransportKeys}); it then wraps them
 * ({@link TransportKeys#wrap}) under the group's <em>session key</em> and puts them, so wrapped, into the session's
 * principal ({@link ClusterPrincipal}), which Aeron Cluster writes into the replicated log and into snapshots. Each
 * member unwraps them when it applies the session, so every member, and any later leader, holds the same keys, while
 * neither the log nor a snapshot holds them in clear.
 * <p>
 * The session key is an HMAC-SHA-256 of a fixed label keyed by the users file's key ({@code users.key}), which every
 * member already holds (as for {@link MemberLogin}'s member key, with another label): the operator manages no other
 * secret. The wrapped keys are bound to the session id, so they cannot be moved to another session. Stateless.
 * <p>
 * Why not send the SCRAM exchange's proof through the log and let each member recover the keys from the user's
 * StoredKey? A member that replays the log after the user's password changed (a restart) would recover other keys
 * than the other members, and drop frames they applied: the wrapped keys depend on no user's credential.
 */
final class GroupSessionKeys
{
    private static final byte[] KEY_LABEL = "aeolus-group-session-keys-v1".getBytes(StandardCharsets.US_ASCII);

    private GroupSessionKeys()
    {
    }

    /**
     * The group's session key, derived from its users file's key.
     *
     * @param security the member's security settings.
     * @return the key, or null when the member has no users file key (another login module, or no users file).
     * @throws UncheckedIOException if the key file exists but cannot be read.
     */
    static byte[] key(final SecuritySettings security)
    {
        return UsersFileKey.derive(security, KEY_LABEL);
    }

    /**
     * @param sessionKey the group's session key.
     * @param keys       a session's keys.
     * @param sessionId  the session's id.
     * @return the keys wrapped for the log.
     */
    static byte[] wrap(final byte[] sessionKey, final TransportKeys keys, final long sessionId)
    {
        return keys.wrap(sessionKey, associatedData(sessionId));
    }

    /**
     * @param sessionKey the group's session key, or null if this member has none.
     * @param wrapped    the wrapped keys from the session's principal.
     * @param sessionId  the session's id.
     * @return the session's keys.
     * @throws IllegalArgumentException naming the cause when they do not open (this member's users.key differs from
     *                                  the leader's, or it has none).
     */
    static TransportKeys unwrap(final byte[] sessionKey, final byte[] wrapped, final long sessionId)
    {
        if (null == sessionKey)
        {
            throw new IllegalArgumentException("session " + sessionId + " is encrypted and this member has no users " +
                "file key (users.key) to open its keys with");
        }
        try
        {
            return TransportKeys.unwrap(sessionKey, wrapped, associatedData(sessionId));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("the keys of encrypted session " + sessionId + " do not open on this " +
                "member: its users.key differs from the one of the member that logged the client in (" +
                ex.getMessage() + ")", ex);
        }
    }

    private static byte[] associatedData(final long sessionId)
    {
        return ByteBuffer.allocate(Long.BYTES + KEY_LABEL.length).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(sessionId).put(KEY_LABEL).array();
    }
}
