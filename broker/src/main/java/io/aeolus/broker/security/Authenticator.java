package io.aeolus.broker.security;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.crypto.TransportEncryption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the login of each Connect: anonymous (development mode, from the broker's host only), SCRAM-SHA-256 against
 * the login module's stored credentials, or PLAIN checked on the security thread. Every failure gives the client
 * the same "authentication failed" whatever was wrong (the audit log gets the detail), and the {@link LoginThrottle}
 * holds answers after repeated failures. Conductor thread only.
 * <p>
 * The conductor calls {@link #onConnect} for a Connect and {@link #onResponse} for an {@code AuthResponse}, then acts
 * on the {@link Handshake}'s status; it calls {@link #poll} from its timer to get back handshakes whose answer was
 * held or checked elsewhere.
 */
public final class Authenticator
{
    /** The client's message for every failed login. */
    public static final String FAILED = "authentication failed";

    /** Longest credentials or SCRAM message accepted; real ones are under 200 bytes. */
    public static final int MAX_MESSAGE_LENGTH = 1024;

    private static final long EXPIRE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final SecurityMode mode;
    private final Set<AuthMechanism> mechanisms;
    private final LoginModule loginModule;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final PlainVerifier plainVerifier;
    private final byte[] secret;
    private final Supplier<String> nonces;
    private final ArrayList<Handshake> held = new ArrayList<>();
    private final Consumer<PlainVerifier.Attempt> onPlainResult = this::onPlainResult;
    private Consumer<Handshake> ready;
    private long nowNs;
    private long nextExpiryNs;

    Authenticator(
        final SecurityMode mode,
        final Set<AuthMechanism> mechanisms,
        final LoginModule loginModule,
        final Authorizer authorizer,
        final AuditLog audit,
        final LoginThrottle throttle,
        final PlainVerifier plainVerifier,
        final byte[] secret,
        final Supplier<String> nonces)
    {
        this.mode = mode;
        this.mechanisms = mechanisms.isEmpty() ? EnumSet.noneOf(AuthMechanism.class) : EnumSet.copyOf(mechanisms);
        this.loginModule = loginModule;
        this.authorizer = authorizer;
        this.audit = audit;
        this.throttle = throttle;
        this.plainVerifier = plainVerifier;
        this.secret = secret.clone();
        this.nonces = nonces;
    }

    /**
     * A Connect arrived. Allocates (a login is not the hot path).
     *
     * @param user        the user name in the Connect; empty for anonymous.
     * @param credentials the Connect's credentials, or null if longer than {@link #MAX_MESSAGE_LENGTH}.
     * @param source      the client's source identity ({@code aeron:ipc} or the UDP address and port).
     * @param nowNs       the conductor's time.
     * @return the handshake; act on its {@link Handshake#status()}.
     */
    public Handshake onConnect(final String user, final byte[] credentials, final String source, final long nowNs)
    {
        return onConnect(user, credentials, source, nowNs, TransportEncryption.OFF);
    }

    /**
     * A Connect arrived. Allocates (a login is not the hot path).
     *
     * @param user        the user name in the Connect; empty for anonymous.
     * @param credentials the Connect's credentials, or null if longer than {@link #MAX_MESSAGE_LENGTH}.
     * @param source      the client's source identity ({@code aeron:ipc} or the UDP address and port).
     * @param nowNs       the conductor's time.
     * @param encryption  the broker's transport encryption for this client ({@link EncryptionPolicy#forSource}):
     *                    {@code REQUIRED} refuses logins that cannot encrypt (anonymous, PLAIN, or a SCRAM client
     *                    that does not offer it).
     * @return the handshake; act on its {@link Handshake#status()}.
     */
    public Handshake onConnect(final String user, final byte[] credentials, final String source, final long nowNs,
        final TransportEncryption encryption)
    {
        this.nowNs = nowNs;
        final Handshake handshake = new Handshake(user, source);
        final boolean scram = null != credentials && credentials.length > 0 &&
            AuthMechanism.of(credentials) == AuthMechanism.SCRAM_SHA_256;
        if (encryption == TransportEncryption.REQUIRED && !scram)
        {
            final AuthMechanism mechanism = null == credentials || credentials.length == 0 ? null :
                AuthMechanism.of(credentials);
            fail(handshake, null == credentials || credentials.length == 0 ? "anonymous" : null == mechanism ?
                "unknown" : mechanism.mechanismName(), "login cannot encrypt; the broker requires it", FAILED +
                ": this broker requires transport encryption (" + EncryptionPolicy.OPTION + "=required), which " +
                "needs a user name and SCRAM-SHA-256");
            return handshake;
        }
        if (null != credentials && credentials.length == 0)
        {
            onNoCredentials(handshake);
            return handshake;
        }
        final AuthMechanism mechanism = null == credentials ? null : AuthMechanism.of(credentials);
        if (null == mechanism)
        {
            fail(handshake, "unknown", null == credentials ? "credentials too long" : "unknown mechanism", FAILED);
            return handshake;
        }
        handshake.mechanism = mechanism;
        if (!mechanisms.contains(mechanism))
        {
            fail(handshake, mechanism.mechanismName(), "mechanism not enabled",
                FAILED + ": mechanism " + mechanism.mechanismName() + " is not enabled on this broker");
            return handshake;
        }
        if (user.isEmpty())
        {
            fail(handshake, mechanism.mechanismName(), "no user name", FAILED);
            return handshake;
        }
        final String initialResponse = new String(AuthMechanism.initialResponse(credentials), StandardCharsets.UTF_8);
        if (mechanism == AuthMechanism.PLAIN)
        {
            if (!plainVerifier.submit(handshake, initialResponse))
            {
                fail(handshake, mechanism.mechanismName(), "too many password checks in flight", FAILED);
            }
            return handshake;
        }
        startScram(handshake, initialResponse, encryption);
        return handshake;
    }

    /**
     * The client answered a challenge.
     *
     * @param handshake the login it belongs to.
     * @param data      the AuthResponse's data, or null if longer than {@link #MAX_MESSAGE_LENGTH}.
     * @param nowNs     the conductor's time.
     */
    public void onResponse(final Handshake handshake, final byte[] data, final long nowNs)
    {
        this.nowNs = nowNs;
        final String mechanismName = null == handshake.mechanism ? "unknown" : handshake.mechanism.mechanismName();
        if (handshake.status != Handshake.Status.CHALLENGE || null == handshake.exchange)
        {
            fail(handshake, mechanismName, "AuthResponse without a challenge", FAILED);
            return;
        }
        if (null == data)
        {
            fail(handshake, mechanismName, "AuthResponse too long", FAILED);
            return;
        }
        final String serverFinal = handshake.exchange.onClientFinal(new String(data, StandardCharsets.UTF_8));
        if (null == serverFinal)
        {
            fail(handshake, mechanismName, handshake.exchange.failure(), FAILED);
            return;
        }
        handshake.transportKeys = handshake.exchange.transportKeys();
        handshake.exchange = null;
        succeed(handshake, authorizer.principal(handshake.user, handshake.account.roles(), handshake.source),
            serverFinal.getBytes(StandardCharsets.UTF_8), mechanismName);
    }

    /**
     * Hands back the handshakes whose answer is due: held answers whose delay ended, and PLAIN checks done on the
     * security thread. Conductor thread, from its timer.
     *
     * @param nowNs the conductor's time.
     * @param ready receives each handshake whose status is now {@link Handshake.Status#SUCCEEDED} or
     *              {@link Handshake.Status#FAILED}.
     * @return work done.
     */
    public int poll(final long nowNs, final Consumer<Handshake> ready)
    {
        this.nowNs = nowNs;
        this.ready = ready;
        int workCount = null == plainVerifier ? 0 : plainVerifier.drainResults(onPlainResult);
        for (int i = held.size() - 1; i >= 0; i--)
        {
            final Handshake handshake = held.get(i);
            if (nowNs - handshake.releaseNs >= 0)
            {
                held.remove(i);
                handshake.status = handshake.outcome;
                ready.accept(handshake);
                workCount++;
            }
        }
        if (nowNs - nextExpiryNs >= 0)
        {
            nextExpiryNs = nowNs + EXPIRE_INTERVAL_NS;
            workCount += throttle.expire(nowNs);
        }
        return workCount;
    }

    /**
     * Checks a user's password with the login module, for protocols whose connect carries one (MQTT). Any thread;
     * may block and hashes slowly (the users file derives the credential): never on the conductor.
     *
     * @param user     the user name.
     * @param password the password.
     * @return the user's roles, or null if the user is unknown, the password wrong, or the login module cannot
     * check passwords.
     */
    public Set<String> checkPassword(final String user, final String password)
    {
        if (!loginModule.supportsPlain() || user.isEmpty())
        {
            return null;
        }
        try
        {
            return loginModule.login(user, password);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return the security mode.
     */
    public SecurityMode mode()
    {
        return mode;
    }

    /**
     * @return the failure counts behind the answer delays.
     */
    public LoginThrottle throttle()
    {
        return throttle;
    }

    /**
     * @return logins whose answer is being held.
     */
    public int heldAnswers()
    {
        return held.size();
    }

    private void onNoCredentials(final Handshake handshake)
    {
        handshake.mechanism = null;
        if (!handshake.user.isEmpty())
        {
            fail(handshake, "none", "user name without credentials", FAILED);
        }
        else if (mode != SecurityMode.DEV)
        {
            fail(handshake, "anonymous", "anonymous client: this broker requires authentication",
                FAILED + ": this broker requires a user name and password");
        }
        else if (!SourceAddress.isLocal(handshake.source))
        {
            fail(handshake, "anonymous", "anonymous client from another host",
                FAILED + ": anonymous access is allowed only from the broker's own host (development mode)");
        }
        else
        {
            succeed(handshake, authorizer.anonymous(handshake.source), null, "anonymous");
        }
    }

    private void startScram(final Handshake handshake, final String clientFirst, final TransportEncryption encryption)
    {
        final UserAccount account = loginModule.lookup(handshake.user);
        final boolean known = null != account && null != account.credential();
        handshake.account = account;
        handshake.exchange = new ScramServerExchange(handshake.user,
            known ? account.credential() : credentialOfUnknown(handshake.user), known, nonces.get(),
            encryption);
        final String serverFirst = handshake.exchange.onClientFirst(clientFirst);
        if (null == serverFirst)
        {
            final String clientMessage = handshake.exchange.clientMessage();
            fail(handshake, Scram.MECHANISM, handshake.exchange.failure(), null == clientMessage ? FAILED :
                clientMessage);
            return;
        }
        handshake.message = serverFirst.getBytes(StandardCharsets.UTF_8);
        handshake.status = Handshake.Status.CHALLENGE;
    }

    /**
     * A credential for a user that does not exist, the same on every attempt (derived from the secret), with the
     * iteration count most real users have: the challenge looks like a real user's, and the proof never matches.
     */
    private ScramCredential credentialOfUnknown(final String user)
    {
        final byte[] name = user.getBytes(StandardCharsets.UTF_8);
        final byte[] salt = Arrays.copyOf(Scram.hmac(secret, concat("salt:", name)), 16);
        return new ScramCredential(salt, loginModule.typicalIterations(),
            Scram.hmac(secret, concat("stored:", name)), Scram.hmac(secret, concat("server:", name)));
    }

    private static byte[] concat(final String prefix, final byte[] name)
    {
        final byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        final byte[] result = Arrays.copyOf(head, head.length + name.length);
        System.arraycopy(name, 0, result, head.length, name.length);
        return result;
    }

    private void onPlainResult(final PlainVerifier.Attempt attempt)
    {
        final Handshake handshake = attempt.handshake;
        if (null != attempt.roles)
        {
            succeed(handshake, authorizer.principal(handshake.user, attempt.roles, handshake.source), null,
                AuthMechanism.PLAIN.mechanismName());
        }
        else
        {
            fail(handshake, AuthMechanism.PLAIN.mechanismName(), "wrong password or unknown user", FAILED);
        }
        if (handshake.status != Handshake.Status.PENDING)
        {
            ready.accept(handshake);
        }
    }

    private void succeed(final Handshake handshake, final Principal principal, final byte[] serverFinal,
        final String mechanismName)
    {
        throttle.onSuccess(handshake.user);
        audit.authenticationSucceeded(principal.displayName(), handshake.source, mechanismName);
        handshake.principal = principal;
        handshake.message = serverFinal;
        answer(handshake, Handshake.Status.SUCCEEDED,
            throttle.releaseTime(handshake.sourceHost, handshake.user, nowNs));
    }

    private void fail(final Handshake handshake, final String mechanismName, final String reason,
        final String clientMessage)
    {
        audit.authenticationFailed(handshake.user.isEmpty() ? "anonymous" : handshake.user, handshake.source,
            mechanismName, reason);
        handshake.exchange = null;
        handshake.message = null;
        handshake.failureMessage = clientMessage;
        answer(handshake, Handshake.Status.FAILED, throttle.onFailure(handshake.sourceHost, handshake.user, nowNs));
    }

    private void answer(final Handshake handshake, final Handshake.Status outcome, final long releaseNs)
    {
        if (releaseNs - nowNs > 0)
        {
            handshake.status = Handshake.Status.PENDING;
            handshake.outcome = outcome;
            handshake.releaseNs = releaseNs;
            held.add(handshake);
        }
        else
        {
            handshake.status = outcome;
        }
    }
}
