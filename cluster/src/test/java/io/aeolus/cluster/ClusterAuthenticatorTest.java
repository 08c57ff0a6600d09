package io.aeolus.cluster;

import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Authorizer;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.Limits;
import io.aeolus.broker.security.Principal;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.transport.ClusterLogin;
import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.security.CredentialsSupplier;
import io.aeron.security.SessionProxy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group's logins, driven as Aeron's consensus module drives an authenticator: a connect request, then the
 * session polled (connected, then challenged) until it is authenticated or rejected, with {@link ClusterLogin} as
 * the client.
 */
@Timeout(60)
class ClusterAuthenticatorTest
{
    @TempDir
    Path dir;

    private BrokerSecurity security;
    private long nowMs = 1_000;

    @AfterEach
    void close()
    {
        if (null != security)
        {
            security.close();
        }
    }

    @Test
    void shouldLogInWithScramAndCarryTheUserAndRolesInThePrincipal()
    {
        final ClusterAuthenticator authenticator = authenticator(SecurityMode.ON);
        final FakeSession session = login(authenticator, 7, new ClusterLogin("alice", utf8("alice-secret"),
            AuthMechanism.SCRAM_SHA_256));
        assertEquals(2, session.challenges, "server-first, then server-final");
        assertNotNull(session.principal);
        final Principal principal = ClusterPrincipal.decode(session.principal, "aeron:udp?endpoint=10.0.0.7:40122",
            SecurityMode.ON, new Authorizer(AccessPolicy.defaults(), security.audit()), new StringBuilder());
        assertEquals("alice", principal.name());
        assertEquals(Set.of("app", "ops"), principal.roles());
        assertEquals("10.0.0.7:40122", principal.source());
        assertEquals(0, authenticator.pending());
    }

    @Test
    void shouldLogAMemberInWithTheKeyDerivedFromTheUsersKeyAndRefuseAnyoneWithoutIt()
    {
        final ClusterAuthenticator plain = authenticator(SecurityMode.ON);
        final byte[] key = MemberLogin.key(security.settings());
        assertNotNull(key);
        final ClusterAuthenticator authenticator = new ClusterAuthenticator(security.authenticator(), SecurityMode.ON,
            key, security.audit());

        final FakeSession member = login(authenticator, 11, new MemberLogin(2, key));
        assertEquals(1, member.challenges);
        assertArrayEquals(ClusterPrincipal.member(2), member.principal);
        assertEquals(2, ClusterPrincipal.memberId(member.principal));
        final Principal principal = ClusterPrincipal.decode(member.principal, "aeron:udp?endpoint=10.0.0.2:40000",
            SecurityMode.ON, new Authorizer(AccessPolicy.defaults(), security.audit()), new StringBuilder());
        assertEquals("member 2", principal.name());
        assertEquals(Set.of(AccessPolicy.ADMIN_ROLE), principal.roles());

        final byte[] wrongKey = key.clone();
        wrongKey[0] ^= 1;
        assertTrue(login(authenticator, 12, new MemberLogin(2, wrongKey)).rejected, "a wrong key");
        assertTrue(login(authenticator, 13, new ClusterLogin(MemberLogin.USER, utf8("guess"),
            AuthMechanism.SCRAM_SHA_256)).rejected, "the member's name with a password");
        assertTrue(login(plain, 14, new MemberLogin(2, key)).rejected, "a group member without the key");
        assertEquals(-1, ClusterPrincipal.memberId(ClusterPrincipal.encode(principal)), "a user is no member");
    }

    @Test
    void shouldPutAnEncryptedSessionsKeysWrappedIntoThePrincipalAndTellAClearClientWhyItIsRefused()
    {
        authenticator(SecurityMode.ON);
        final byte[] sessionKey = GroupSessionKeys.key(security.settings());
        assertNotNull(sessionKey);
        final ClusterAuthenticator authenticator = new ClusterAuthenticator(security.authenticator(), SecurityMode.ON,
            null, security.audit(), TransportEncryption.REQUIRED, sessionKey);
        final ClusterLogin client = new ClusterLogin("alice", utf8("alice-secret"), AuthMechanism.SCRAM_SHA_256,
            TransportEncryption.REQUIRED);

        final FakeSession session = login(authenticator, 21, client);

        assertNotNull(session.principal);
        final TransportKeys groupKeys = GroupSessionKeys.unwrap(sessionKey, ClusterPrincipal.wrappedKeys(
            session.principal), 21);
        final byte[] frame = utf8("a frame the client seals");
        final FrameSealer sealer = client.transportKeys().clientSealer(21);
        final int sealedLength = sealer.seal(new UnsafeBuffer(frame), 0, frame.length);
        final FrameOpener opener = groupKeys.brokerOpener(21);
        assertEquals(frame.length, opener.open(sealer.buffer(), 0, sealedLength), opener.problem());
        assertEquals("alice", ClusterPrincipal.decode(session.principal, "aeron:udp?endpoint=10.0.0.7:1",
            SecurityMode.ON, new Authorizer(AccessPolicy.defaults(), security.audit()), new StringBuilder()).name());

        nowMs += 10_000;
        final ClusterLogin clear = new ClusterLogin("alice", utf8("alice-secret"), AuthMechanism.SCRAM_SHA_256,
            TransportEncryption.OFF);
        final FakeSession refused = login(authenticator, 22, clear);
        assertTrue(refused.rejected);
        assertNull(refused.principal);
        assertTrue(clear.failure().contains("requires transport encryption"), clear.failure());
        assertNull(ClusterPrincipal.wrappedKeys(ClusterPrincipal.encode(new Authorizer(AccessPolicy.defaults(),
            security.audit()).principal("bob", Set.of(), "x"))), "a clear session's principal has no keys");
    }

    @Test
    void shouldRejectAWrongPasswordAndAnUnknownUserAlike()
    {
        final ClusterAuthenticator authenticator = authenticator(SecurityMode.ON);
        final FakeSession wrong = login(authenticator, 1, new ClusterLogin("alice", utf8("not-it"),
            AuthMechanism.SCRAM_SHA_256));
        nowMs += 10_000; // past the delay a second failure earns
        final FakeSession unknown = login(authenticator, 2, new ClusterLogin("mallory", utf8("whatever"),
            AuthMechanism.SCRAM_SHA_256));
        assertTrue(wrong.rejected);
        assertTrue(unknown.rejected);
        assertEquals(1, wrong.challenges);
        assertEquals(1, unknown.challenges, "an unknown user is challenged like a real one");
        assertNull(wrong.principal);
    }

    @Test
    void shouldRejectAClientThatDoesNotAcceptTheGroupsSignature()
    {
        final ClusterAuthenticator authenticator = authenticator(SecurityMode.ON);
        final ClusterLogin client = new ClusterLogin("alice", utf8("alice-secret"), AuthMechanism.SCRAM_SHA_256);
        final FakeSession session = new FakeSession(3);
        authenticator.onConnectRequest(3, client.encodedCredentials(), nowMs);
        authenticator.onConnectedSession(session, nowMs);
        authenticator.onChallengeResponse(3, client.onChallenge(session.lastChallenge), nowMs);
        authenticator.onChallengedSession(session, nowMs);
        assertEquals(2, session.challenges);
        authenticator.onChallengeResponse(3, ClusterLogin.SERVER_NOT_VERIFIED, nowMs);
        authenticator.onChallengedSession(session, nowMs);
        assertTrue(session.rejected);
        assertNull(session.principal);
    }

    @Test
    void shouldHoldTheAnswerAfterRepeatedFailures()
    {
        final ClusterAuthenticator authenticator = authenticator(SecurityMode.ON);
        login(authenticator, 1, new ClusterLogin("alice", utf8("bad-1"), AuthMechanism.SCRAM_SHA_256));
        final ClusterLogin client = new ClusterLogin("alice", utf8("bad-2"), AuthMechanism.SCRAM_SHA_256);
        final FakeSession session = new FakeSession(2);
        authenticator.onConnectRequest(2, client.encodedCredentials(), nowMs);
        authenticator.onConnectedSession(session, nowMs);
        authenticator.onChallengeResponse(2, client.onChallenge(session.lastChallenge), nowMs);
        authenticator.onChallengedSession(session, nowMs);
        assertFalse(session.rejected, "a second failure is answered after the failure delay");
        nowMs += 600;
        authenticator.onChallengedSession(session, nowMs);
        assertTrue(session.rejected);
    }

    @Test
    void shouldRejectAnonymousClientsUnlessInDevelopmentMode()
    {
        final FakeSession refused = login(authenticator(SecurityMode.ON), 4,
            new ClusterLogin("", null, AuthMechanism.SCRAM_SHA_256));
        assertTrue(refused.rejected);
        security.close();

        final FakeSession admitted = login(authenticator(SecurityMode.DEV), 5,
            new ClusterLogin("", null, AuthMechanism.SCRAM_SHA_256));
        assertArrayEquals(ClusterPrincipal.ANONYMOUS, admitted.principal);
        final Authorizer authorizer = new Authorizer(AccessPolicy.defaults(), security.audit());
        final StringBuilder refusal = new StringBuilder();
        assertNotNull(ClusterPrincipal.decode(admitted.principal, "aeron:udp?endpoint=127.0.0.1:40000",
            SecurityMode.DEV, authorizer, refusal));
        assertNull(ClusterPrincipal.decode(admitted.principal, "aeron:udp?endpoint=10.0.0.7:40000",
            SecurityMode.DEV, authorizer, refusal));
        assertTrue(refusal.toString().contains("only from the broker's own host"), refusal.toString());
        final StringBuilder noLogin = new StringBuilder();
        assertNull(ClusterPrincipal.decode(ClusterPrincipal.ANONYMOUS, "aeron:udp?endpoint=127.0.0.1:40000",
            SecurityMode.ON, authorizer, noLogin));
        assertTrue(noLogin.toString().contains("requires a user name and password"), noLogin.toString());
    }

    @Test
    void shouldCheckPlainPasswordsOnTheSecurityThread()
    {
        final ClusterAuthenticator authenticator = authenticator(SecurityMode.ON,
            Set.of(AuthMechanism.SCRAM_SHA_256, AuthMechanism.PLAIN));
        final FakeSession right = awaitOutcome(authenticator, 11,
            new ClusterLogin("alice", utf8("alice-secret"), AuthMechanism.PLAIN));
        assertNotNull(right.principal);
        assertEquals(0, right.challenges);
        final FakeSession wrong = awaitOutcome(authenticator, 12,
            new ClusterLogin("alice", utf8("wrong"), AuthMechanism.PLAIN));
        assertTrue(wrong.rejected);
    }

    @Test
    void shouldRejectMalformedCredentials()
    {
        final ClusterAuthenticator authenticator = authenticator(SecurityMode.ON);
        final FakeSession session = new FakeSession(9);
        authenticator.onConnectRequest(9, new byte[]{(byte)0xFF, 0x7F, 1, 2}, nowMs);
        authenticator.onConnectedSession(session, nowMs);
        assertTrue(session.rejected);
        assertNull(ClusterLogin.user(new byte[]{5}));
        assertEquals("bob", ClusterLogin.user(ClusterLogin.encode("bob", new byte[]{1})));
    }

    private ClusterAuthenticator authenticator(final SecurityMode mode)
    {
        return authenticator(mode, Set.of(AuthMechanism.SCRAM_SHA_256));
    }

    private ClusterAuthenticator authenticator(final SecurityMode mode, final Set<AuthMechanism> mechanisms)
    {
        final Path users = dir.resolve("users-" + mode);
        if (!Files.exists(users))
        {
            final UsersFile file = UsersFile.loadOrCreate(users);
            file.put(new UserAccount("alice", ScramCredential.derive("alice-secret", 4096), Set.of("app", "ops")));
            file.save();
        }
        final SecuritySettings settings = new SecuritySettings(mode, users, dir.resolve("audit-" + mode + ".log"),
            mechanisms, SecuritySettings.FILE_LOGIN_MODULE, "", 4096, 500_000_000L,
            5_000_000_000L, AccessPolicy.parse(Map.of("aeolus.security.role.app.send", "orders.#")),
            new Limits(100, 100, 100, 100));
        security = BrokerSecurity.start(settings, SystemEpochClock.INSTANCE, Throwable::printStackTrace,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new ClusterAuthenticator(security.authenticator(), mode);
    }

    /**
     * Runs a login to its end as the consensus module would, each answer at once.
     */
    private FakeSession login(final ClusterAuthenticator authenticator, final long sessionId,
        final CredentialsSupplier client)
    {
        final FakeSession session = new FakeSession(sessionId);
        authenticator.onConnectRequest(sessionId, client.encodedCredentials(), nowMs);
        authenticator.onConnectedSession(session, nowMs);
        for (int i = 0; i < 4 && !session.done(); i++)
        {
            if (session.challenges > session.answered)
            {
                session.answered = session.challenges;
                authenticator.onChallengeResponse(sessionId, client.onChallenge(session.lastChallenge), nowMs);
            }
            authenticator.onChallengedSession(session, nowMs);
        }
        return session;
    }

    /**
     * A PLAIN login: polled, as the consensus module does each duty cycle, until the security thread has checked it.
     */
    private FakeSession awaitOutcome(final ClusterAuthenticator authenticator, final long sessionId,
        final ClusterLogin client)
    {
        final FakeSession session = new FakeSession(sessionId);
        authenticator.onConnectRequest(sessionId, client.encodedCredentials(), nowMs);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!session.done())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "no answer to the PLAIN login within 30 s");
            nowMs += 1_000; // past any failure delay
            authenticator.onConnectedSession(session, nowMs);
            Thread.onSpinWait();
        }
        return session;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class FakeSession implements SessionProxy
    {
        final long sessionId;
        int challenges;
        int answered;
        byte[] lastChallenge;
        byte[] principal;
        boolean rejected;

        FakeSession(final long sessionId)
        {
            this.sessionId = sessionId;
        }

        boolean done()
        {
            return rejected || null != principal;
        }

        public long sessionId()
        {
            return sessionId;
        }

        public boolean challenge(final byte[] encodedChallenge)
        {
            challenges++;
            lastChallenge = encodedChallenge;
            return true;
        }

        public boolean authenticate(final byte[] encodedPrincipal)
        {
            principal = encodedPrincipal;
            return true;
        }

        public void reject()
        {
            rejected = true;
        }
    }
}
