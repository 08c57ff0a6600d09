package io.aeolus.cluster;

import io.aeolus.broker.security.Authenticator;
import io.aeolus.broker.security.Handshake;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.transport.ClusterLogin;
import io.aeron.security.SessionProxy;

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
    private final Map<Long, Login> logins = new TreeMap<>();

    /**
     * @param authenticator the broker's logins (its users, mechanisms, throttle and audit log).
     * @param mode          the security mode: development mode admits anonymous clients (from loopback only).
     */
    ClusterAuthenticator(final Authenticator authenticator, final SecurityMode mode)
    {
        this.authenticator = authenticator;
        this.mode = mode;
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
        if (null != user && user.isEmpty() && mode == SecurityMode.DEV)
        {
            // Anonymous in development mode: the service checks the client's address.
            login.principal = ClusterPrincipal.ANONYMOUS;
            return;
        }
        final String source = "cluster session " + sessionId;
        login.handshake = null == user ? authenticator.onConnect("", null, source, nowNs) :
            authenticator.onConnect(user, null == initial || initial.length > Authenticator.MAX_MESSAGE_LENGTH ?
            null : initial, source, nowNs);
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final Login login = logins.get(sessionId);
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
        if (null != login.principal && null == login.handshake)
        {
            authenticate(proxy, sessionId, login.principal);
            return;
        }
        authenticator.poll(TimeUnit.MILLISECONDS.toNanos(nowMs), RELEASED);
        final Handshake handshake = login.handshake;
        if (login.verifying)
        {
            if (login.verified)
            {
                authenticate(proxy, sessionId, ClusterPrincipal.encode(handshake.principal()));
            }
            else if (login.refused)
            {
                logins.remove(sessionId);
                proxy.reject();
            }
            return;
        }
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
                logins.remove(sessionId);
                proxy.reject();
                break;
            default:
                break;
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

    private static final class Login
    {
        final long startedNs;
        Handshake handshake;
        byte[] principal;
        boolean challenged;
        boolean verifying;
        boolean verified;
        boolean refused;

        Login(final long startedNs)
        {
            this.startedNs = startedNs;
        }
    }
}
