package io.aeolus.cluster;

import io.aeolus.broker.security.AuditLog;
import io.aeolus.broker.security.Authenticator;
import io.aeolus.broker.security.Handshake;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.transport.ClusterLogin;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.security.SessionProxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Logs a broker group's clients in, in Aeron Cluster's consensus module (on the leader), with the single broker's
 * {@link Authenticator}: the same users, mechanisms, answers ("authentication failed", whatever was wrong), audit
 * lines and delays after repeated failures. The credentials are {@link ClusterLogin}'s. SCRAM-SHA-256 takes two
 * challenges: the server-first-message, then the server-final-message, which the client must accept; PLAIN is
 * checked on the security thread. An authenticated session carries its {@link ClusterPrincipal} into the log, so
 * every member (and a new leader after a failover) knows who the session is without logging it in again.
 * <p>
 * A member of the group logs in to put its JMX changes into the log with {@link MemberLogin}: the user name
 * {@link MemberLogin#USER}, one challenge, and an answer keyed by the member key, checked here; its session's
 * principal is the member's ({@link ClusterPrincipal#member(int)}). Without the key (no users file key on this
 * member) such a login is refused.
 * <p>
 * Transport encryption is negotiated in the SCRAM exchange as on a single broker, with the group's mode
 * ({@code aeolus.broker.transport.encryption}: {@code on} or {@code required}; {@code auto} and {@code off} are clear
 * in a group, which cannot tell a client's host at login). An encrypted session's keys go into its principal, wrapped
 * under the group's session key ({@link GroupSessionKeys}), so every member can open its frames. A login refused for
 * a reason the client must know (encryption required, a mechanism not enabled, no user name) is told with a challenge
 * {@link ClusterLogin#REFUSAL_PREFIX}{@code <reason>} before the rejection: Aeron's own rejection carries no reason.
 * <p>
 * An anonymous client passes only in development mode; the service then admits it only from a loopback address
 * (the consensus module does not tell the authenticator where a client is). Consensus module thread only.
 */
final class ClusterAuthenticator implements io.aeron.security.Authenticator
{
    /** A login not finished after this long is forgotten (the consensus module has timed its session out). */
    private static final long FORGET_AFTER_NS = TimeUnit.MINUTES.toNanos(1);
    private static final Consumer<Handshake> RELEASED = handshake ->
    {
    };

    private final Authenticator authenticator;
    private final SecurityMode mode;
    private final byte[] memberKey;
    private final AuditLog audit;
    private final TransportEncryption encryption;
    private final byte[] sessionKey;
    private final Map<Long, Login> logins = new TreeMap<>();

    /**
     * @param authenticator the broker's logins (its users, mechanisms, throttle and audit log).
     * @param mode          the security mode: development mode admits anonymous clients (from loopback only).
     */
    ClusterAuthenticator(final Authenticator authenticator, final SecurityMode mode)
    {
        this(authenticator, mode, null, null);
    }

    /**
     * @param authenticator the broker's logins (its users, mechanisms, throttle and audit log).
     * @param mode          the security mode: development mode admits anonymous clients (from loopback only).
     * @param memberKey     the member key that members' own logins prove ({@link MemberLogin#key}); null to
     *                      refuse them.
     * @param audit         where members' logins are recorded; null for nowhere.
     */
    ClusterAuthenticator(final Authenticator authenticator, final SecurityMode mode, final byte[] memberKey,
        final AuditLog audit)
    {
        this(authenticator, mode, memberKey, audit, TransportEncryption.OFF, null);
    }

    /**
     * @param authenticator the broker's logins (its users, mechanisms, throttle and audit log).
     * @param mode          the security mode: development mode admits anonymous clients (from loopback only).
     * @param memberKey     the member key that members' own logins prove ({@link MemberLogin#key}); null to
     *                      refuse them.
     * @param audit         where members' logins are recorded; null for nowhere.
     * @param encryption    the group's transport encryption: {@code OFF}, {@code ON} or {@code REQUIRED}.
     * @param sessionKey    what encrypted sessions' keys are wrapped with ({@link GroupSessionKeys#key}); needed
     *                      unless {@code encryption} is {@code OFF}.
     */
    ClusterAuthenticator(final Authenticator authenticator, final SecurityMode mode, final byte[] memberKey,
        final AuditLog audit, final TransportEncryption encryption, final byte[] sessionKey)
    {
        if (encryption != TransportEncryption.OFF && null == sessionKey)
        {
            throw new IllegalArgumentException("transport encryption " + encryption.text() + " needs the group's " +
                "session key");
        }
        this.encryption = encryption;
        this.sessionKey = null == sessionKey ? null : sessionKey.clone();
        this.authenticator = authenticator;
        this.mode = mode;
        this.memberKey = null == memberKey ? null : memberKey.clone();
        this.audit = audit;
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final long nowNs = TimeUnit.MILLISECONDS.toNanos(nowMs);
        forgetStale(nowNs);
        final Login login = new Login(nowNs);
        logins.put(sessionId, login);
        final String user = ClusterLogin.user(encodedCredentials);
        final byte[] initial = ClusterLogin.initialResponse(encodedCredentials);
        if (MemberLogin.USER.equals(user))
        {
            login.member = new MemberAttempt(initial, Scram.randomBytes(MemberLogin.CHALLENGE_LENGTH));
            return;
        }
        if (null != user && user.isEmpty() && mode == SecurityMode.DEV)
        {
            // Anonymous in development mode: the service checks the client's address.
            login.principal = ClusterPrincipal.ANONYMOUS;
            return;
        }
        final String source = "cluster session " + sessionId;
        login.handshake = null == user ? authenticator.onConnect("", null, source, nowNs) :
            authenticator.onConnect(user, null == initial || initial.length > Authenticator.MAX_MESSAGE_LENGTH ?
            null : initial, source, nowNs, encryption);
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final Login login = logins.get(sessionId);
        if (null != login && null != login.member)
        {
            login.member.answer = null == encodedCredentials ? new byte[0] : encodedCredentials;
            return;
        }
        if (null != login && login.refusalTold)
        {
            login.refused = true;
            return;
        }
        if (null == login || null == login.handshake)
        {
            return;
        }
        if (login.verifying)
        {
            login.verified = Arrays.equals(ClusterLogin.SERVER_VERIFIED, encodedCredentials);
            login.refused = !login.verified;
            return;
        }
        login.challenged = false;
        authenticator.onResponse(login.handshake, null == encodedCredentials ||
            encodedCredentials.length > Authenticator.MAX_MESSAGE_LENGTH ? null : encodedCredentials,
            TimeUnit.MILLISECONDS.toNanos(nowMs));
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        decide(sessionProxy, nowMs);
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        decide(sessionProxy, nowMs);
    }

    /**
     * @return logins in progress.
     */
    int pending()
    {
        return logins.size();
    }

    private void decide(final SessionProxy proxy, final long nowMs)
    {
        final long sessionId = proxy.sessionId();
        final Login login = logins.get(sessionId);
        if (null == login)
        {
            proxy.reject();
            return;
        }
        if (null != login.member)
        {
            decideMember(proxy, sessionId, login.member);
            return;
        }
        if (null != login.principal && null == login.handshake)
        {
            authenticate(proxy, sessionId, login.principal);
            return;
        }
        if (login.verifying || login.refusalTold)
        {
            // The client answered the server-final-message, or heard why it is refused.
            if (login.verified)
            {
                authenticate(proxy, sessionId, principal(login.handshake, sessionId));
            }
            else if (login.refused)
            {
                logins.remove(sessionId);
                proxy.reject();
            }
            return;
        }
        authenticator.poll(TimeUnit.MILLISECONDS.toNanos(nowMs), RELEASED);
        onStatus(proxy, sessionId, login, login.handshake);
    }

    private void onStatus(final SessionProxy proxy, final long sessionId, final Login login, final Handshake handshake)
    {
        switch (handshake.status())
        {
            case CHALLENGE:
                if (!login.challenged && proxy.challenge(handshake.challenge()))
                {
                    login.challenged = true;
                }
                break;
            case SUCCEEDED:
                if (null == handshake.serverFinal())
                {
                    authenticate(proxy, sessionId, ClusterPrincipal.encode(handshake.principal()));
                }
                else if (proxy.challenge(handshake.serverFinal()))
                {
                    // The client checks the group's signature before it counts as logged in.
                    login.verifying = true;
                }
                break;
            case FAILED:
                if (!tellRefusal(proxy, login, handshake))
                {
                    logins.remove(sessionId);
                    proxy.reject();
                }
                break;
            default:
                break;
        }
    }

    /**
     * @return the principal for the log: the user and roles, and, when the session is encrypted, its keys wrapped.
     */
    private byte[] principal(final Handshake handshake, final long sessionId)
    {
        final TransportKeys keys = handshake.transportKeys();
        return null == keys ? ClusterPrincipal.encode(handshake.principal()) :
            ClusterPrincipal.encode(handshake.principal(), GroupSessionKeys.wrap(sessionKey, keys, sessionId));
    }

    /**
     * A refusal whose reason the client must know (not the plain "authentication failed", which says nothing on
     * purpose) is told in a challenge first; the client answers, and the session is rejected then.
     *
     * @return true if the challenge was sent.
     */
    private static boolean tellRefusal(final SessionProxy proxy, final Login login, final Handshake handshake)
    {
        final String reason = handshake.failureMessage();
        if (null == reason || Authenticator.FAILED.equals(reason) || !proxy.challenge(
            (ClusterLogin.REFUSAL_PREFIX + reason).getBytes(StandardCharsets.UTF_8)))
        {
            return false;
        }
        login.refusalTold = true;
        return true;
    }

    /**
     * A member's own login: challenge once, then check the answer against the member key.
     */
    private void decideMember(final SessionProxy proxy, final long sessionId, final MemberAttempt attempt)
    {
        final String source = "cluster session " + sessionId;
        final int memberId = MemberLogin.memberId(attempt.initial);
        if (null == memberKey || memberId < 0)
        {
            logins.remove(sessionId);
            proxy.reject();
            refused(source, null == memberKey ? "this member has no users file key to check a member's login " +
                "with" : "malformed member login");
            return;
        }
        if (null == attempt.answer)
        {
            if (!attempt.challenged && proxy.challenge(attempt.challenge))
            {
                attempt.challenged = true;
            }
            return;
        }
        if (MemberLogin.verify(memberKey, attempt.initial, attempt.challenge, attempt.answer))
        {
            if (proxy.authenticate(ClusterPrincipal.member(memberId)))
            {
                logins.remove(sessionId);
                if (null != audit)
                {
                    audit.authenticationSucceeded(ClusterPrincipal.memberName(memberId), source,
                        MemberLogin.MECHANISM);
                }
            }
            return;
        }
        logins.remove(sessionId);
        proxy.reject();
        refused(source, "the answer does not prove the member key (users.key differs, or not a member)");
    }

    private void refused(final String source, final String reason)
    {
        if (null != audit)
        {
            audit.authenticationFailed(MemberLogin.USER, source, MemberLogin.MECHANISM, reason);
        }
    }

    private void authenticate(final SessionProxy proxy, final long sessionId, final byte[] principal)
    {
        if (proxy.authenticate(principal))
        {
            logins.remove(sessionId);
        }
    }

    private void forgetStale(final long nowNs)
    {
        final Iterator<Login> iterator = logins.values().iterator();
        while (iterator.hasNext())
        {
            if (nowNs - iterator.next().startedNs > FORGET_AFTER_NS)
            {
                iterator.remove();
            }
        }
    }

    private static final class MemberAttempt
    {
        final byte[] initial;
        final byte[] challenge;
        byte[] answer;
        boolean challenged;

        MemberAttempt(final byte[] initial, final byte[] challenge)
        {
            this.initial = initial;
            this.challenge = challenge;
        }
    }

    private static final class Login
    {
        final long startedNs;
        Handshake handshake;
        MemberAttempt member;
        byte[] principal;
        boolean challenged;
        boolean verifying;
        boolean verified;
        boolean refused;
        boolean refusalTold;

        Login(final long startedNs)
        {
            this.startedNs = startedNs;
        }
    }
}
