package io.aeolus.cluster;

import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Authorizer;
import io.aeolus.broker.security.Principal;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SourceAddress;
import io.aeron.ChannelUri;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a broker group's client session is, as the {@link ClusterAuthenticator} put it into the log
 * ({@code ClientSession.encodedPrincipal()}): the user name and the roles it had when it logged in, so that every
 * member applies the same permissions without reading its own users file (which could differ for a moment). An
 * empty principal is a development-mode anonymous client. Stateless.
 * <p>
 * Layout: {@code version:uint8 (1) | name (modified UTF-8, as DataOutput.writeUTF) | roleCount:int32 | roles}; a
 * member of the group logged in to put its JMX changes into the log ({@link MemberLogin}) is
 * {@code version:uint8 (2) | memberId:int32 LE}: only the group's authenticator writes principals into the log, so
 * no client can pose as a member. An encrypted session's principal is {@code version:uint8 (3)}, the same name and
 * roles, then {@code wrappedLength:int32 | wrapped keys} ({@link GroupSessionKeys}): only the member that logged the
 * client in ever saw its keys in clear.
 */
final class ClusterPrincipal
{
    /** The principal of an anonymous client (development mode). */
    static final byte[] ANONYMOUS = new byte[0];
    private static final int VERSION = 1;
    private static final int MEMBER_VERSION = 2;
    private static final int ENCRYPTED_VERSION = 3;
    private static final int MAX_WRAPPED_LENGTH = 1024;
    private static final int MEMBER_LENGTH = 5;

    private ClusterPrincipal()
    {
    }

    /**
     * @param principal an authenticated user.
     * @return its encoded form for the log.
     */
    static byte[] encode(final Principal principal)
    {
        return encode(principal, null);
    }

    /**
     * @param principal   an authenticated user.
     * @param wrappedKeys its session's keys wrapped for the log ({@link GroupSessionKeys#wrap}), or null when the
     *                    session is clear.
     * @return its encoded form for the log.
     */
    static byte[] encode(final Principal principal, final byte[] wrappedKeys)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeByte(null == wrappedKeys ? VERSION : ENCRYPTED_VERSION);
            out.writeUTF(principal.name());
            out.writeInt(principal.roles().size());
            for (final String role : new TreeSet<>(principal.roles()))
            {
                out.writeUTF(role);
            }
            if (null != wrappedKeys)
            {
                out.writeInt(wrappedKeys.length);
                out.write(wrappedKeys);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * @param memberId a member's id.
     * @return the encoded principal of that member's own session ({@link MemberLogin}).
     */
    static byte[] member(final int memberId)
    {
        return new byte[]{(byte)MEMBER_VERSION, (byte)memberId, (byte)(memberId >>> 8), (byte)(memberId >>> 16),
            (byte)(memberId >>> 24)};
    }

    /**
     * @param encoded a session's encoded principal.
     * @return the member id if it is a member's own session, else -1.
     */
    static int memberId(final byte[] encoded)
    {
        if (null == encoded || encoded.length != MEMBER_LENGTH || encoded[0] != MEMBER_VERSION)
        {
            return -1;
        }
        return (encoded[1] & 0xFF) | (encoded[2] & 0xFF) << 8 | (encoded[3] & 0xFF) << 16 | (encoded[4] & 0xFF) << 24;
    }

    /**
     * @param encoded a session's encoded principal.
     * @return the session's wrapped keys if it is encrypted, else null.
     * @throws IllegalArgumentException if the principal says it is encrypted but its keys are unreadable.
     */
    static byte[] wrappedKeys(final byte[] encoded)
    {
        if (null == encoded || encoded.length == 0 || encoded[0] != ENCRYPTED_VERSION)
        {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded)))
        {
            in.readUnsignedByte();
            readUser(in, encoded.length);
            final int length = in.readInt();
            if (length < 0 || length > MAX_WRAPPED_LENGTH)
            {
                throw new IOException("wrapped keys of " + length + " bytes");
            }
            final byte[] wrapped = new byte[length];
            in.readFully(wrapped);
            return wrapped;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("the session's principal holds unreadable keys: " + ex.getMessage(),
                ex);
        }
    }

    /**
     * @param memberId a member's id.
     * @return the name of its session's principal.
     */
    static String memberName(final int memberId)
    {
        return "member " + memberId;
    }

    /**
     * The principal of a session that sent its Connect, or the reason it may not connect.
     *
     * @param encoded         the session's encoded principal.
     * @param responseChannel the session's response channel: where the client is.
     * @param mode            the security mode.
     * @param authorizer      the service thread's authorizer.
     * @param refusal         receives the client's error message when the result is null.
     * @return the principal, or null if refused.
     */
    static Principal decode(final byte[] encoded, final String responseChannel, final SecurityMode mode,
        final Authorizer authorizer, final StringBuilder refusal)
    {
        final String source = source(responseChannel);
        if (null == encoded || encoded.length == 0)
        {
            if (mode != SecurityMode.DEV)
            {
                refusal.append("authentication failed: this broker group requires a user name and password");
                return null;
            }
            if (!SourceAddress.isLocal(source))
            {
                refusal.append("authentication failed: anonymous access is allowed only from the broker's own " +
                    "host (development mode)");
                return null;
            }
            return authorizer.anonymous(source);
        }
        final int memberId = memberId(encoded);
        if (memberId >= 0)
        {
            // A member's own session: what its JMX asks, with every permission (JMX has its own access control).
            return authorizer.principal(memberName(memberId), Set.of(AccessPolicy.ADMIN_ROLE), source);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded)))
        {
            final int version = in.readUnsignedByte();
            if (version != VERSION && version != ENCRYPTED_VERSION)
            {
                throw new IOException("unknown version");
            }
            final Set<String> roles = new TreeSet<>();
            final String name = readUser(in, encoded.length, roles);
            return authorizer.principal(name, roles, source);
        }
        catch (final IOException ex)
        {
            refusal.append("authentication failed: the session's principal is unreadable (").append(ex.getMessage())
                .append(')');
            return null;
        }
    }

    /**
     * @param responseChannel a session's response channel, e.g. {@code aeron:udp?endpoint=10.0.0.7:40122|...}.
     * @return the client's address as the single broker names a source ({@code host:port}), or the channel itself.
     */
    static String source(final String responseChannel)
    {
        try
        {
            final String endpoint = ChannelUri.parse(responseChannel).get("endpoint");
            return null == endpoint ? responseChannel : endpoint;
        }
        catch (final RuntimeException ex)
        {
            return String.valueOf(responseChannel);
        }
    }

    private static void readUser(final DataInputStream in, final int encodedLength) throws IOException
    {
        readUser(in, encodedLength, new TreeSet<>());
    }

    private static String readUser(final DataInputStream in, final int encodedLength, final Set<String> roles)
        throws IOException
    {
        final String name = in.readUTF();
        final int count = in.readInt();
        if (count < 0 || count > encodedLength)
        {
            throw new IOException("role count " + count);
        }
        for (int i = 0; i < count; i++)
        {
            roles.add(in.readUTF());
        }
        return name;
    }
}
