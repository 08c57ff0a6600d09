package io.aeolus.broker.security;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.crypto.TransportKeys;

/**
 * One client's login in progress, as the {@link Authenticator} reports it to the conductor: what to send next
 * ({@link Status#CHALLENGE}), the outcome ({@link Status#SUCCEEDED} with the principal, {@link Status#FAILED} with
 * the message), or nothing yet ({@link Status#PENDING}: a delayed answer or a password being checked on the
 * security thread; the handshake comes back through {@link Authenticator#poll}). Conductor thread only.
 */
public final class Handshake
{
    /**
     * Where the login stands.
     */
    public enum Status
    {
        /** Send {@link #challenge()} in an {@code AuthChallenge} and wait for the client's {@code AuthResponse}. */
        CHALLENGE,
        /** Authenticated: send {@link #serverFinal()} (if not null) in {@code AuthSuccess}, then ConnectResponse. */
        SUCCEEDED,
        /** Refused: answer {@code Error{SECURITY, failureMessage()}} and close. */
        FAILED,
        /** Nothing to send now; the handshake is handed back through {@link Authenticator#poll} when it is. */
        PENDING
    }

    final String user;
    final String source;
    final String sourceHost;
    Status status = Status.PENDING;
    Status outcome;
    long releaseNs;
    AuthMechanism mechanism;
    ScramServerExchange exchange;
    UserAccount account;
    byte[] message;
    Principal principal;
    String failureMessage;
    TransportKeys transportKeys;
    private Object attachment;

    Handshake(final String user, final String source)
    {
        this.user = user;
        this.source = source;
        this.sourceHost = SourceAddress.host(source);
    }

    /**
     * @return where the login stands.
     */
    public Status status()
    {
        return status;
    }

    /**
     * @return the challenge to send when {@link Status#CHALLENGE}.
     */
    public byte[] challenge()
    {
        return status == Status.CHALLENGE ? message : null;
    }

    /**
     * @return the server-final-message to send in {@code AuthSuccess} when {@link Status#SUCCEEDED} after SCRAM,
     *         or null when there is none (anonymous, PLAIN).
     */
    public byte[] serverFinal()
    {
        return status == Status.SUCCEEDED ? message : null;
    }

    /**
     * @return the keys to encrypt the connection with when {@link Status#SUCCEEDED} and encryption was negotiated;
     *         else null (the connection stays clear).
     */
    public TransportKeys transportKeys()
    {
        return status == Status.SUCCEEDED ? transportKeys : null;
    }

    /**
     * @return the authenticated principal when {@link Status#SUCCEEDED}.
     */
    public Principal principal()
    {
        return principal;
    }

    /**
     * @return the message for the client when {@link Status#FAILED}: "authentication failed", never saying whether
     *         the user or the password was wrong.
     */
    public String failureMessage()
    {
        return failureMessage;
    }

    /**
     * @return the user name the client gave.
     */
    public String user()
    {
        return user;
    }

    /**
     * @return where the client connected from.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return what the conductor attached (its connection).
     */
    public Object attachment()
    {
        return attachment;
    }

    /**
     * @param attachment the conductor's object for this login (its connection).
     */
    public void attachment(final Object attachment)
    {
        this.attachment = attachment;
    }
}
