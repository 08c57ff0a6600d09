package io.aeolus.broker.security;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramClient;
import io.aeolus.transport.auth.ScramCredential;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class AuthenticatorTest
{
    private static final String ALICE_PASSWORD = "alice's long password";
    private static final String REMOTE = "10.1.2.3:40000";
    private static final UserAccount ALICE =
        new UserAccount("alice", ScramCredential.derive(ALICE_PASSWORD, 4096), Set.of("app"));

    @TempDir
    Path dir;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<Handshake> ready = new ArrayList<>();
    private AuditLog audit;

    @Test
    void shouldAuthenticateWithScramAndProveTheBrokerToTheClient()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));
        final ScramClient client = new ScramClient("alice", ALICE_PASSWORD);

        final Handshake handshake = authenticator.onConnect("alice", scramCredentials(client), REMOTE, now());
        assertEquals(Handshake.Status.CHALLENGE, handshake.status());
        authenticator.onResponse(handshake, clientFinal(client, handshake), now());

        assertEquals(Handshake.Status.SUCCEEDED, handshake.status());
        assertTrue(client.isServerFinalValid(new String(handshake.serverFinal(), StandardCharsets.UTF_8)));
        assertEquals("alice", handshake.principal().name());
        assertEquals(Set.of("app"), handshake.principal().roles());
        assertEquals(REMOTE, handshake.principal().source());
    }

    @Test
    void shouldGiveTheSameAnswerForAWrongPasswordAndAnUnknownUser()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));

        final Handshake wrongPassword = scram(authenticator, "alice", "not alice's password", REMOTE);
        final Handshake unknownUser = scram(authenticator, "mallory", "whatever password", "10.9.9.9:1");

        assertEquals(Handshake.Status.FAILED, wrongPassword.status());
        assertEquals(Handshake.Status.FAILED, unknownUser.status());
        assertEquals(Authenticator.FAILED, wrongPassword.failureMessage());
        assertEquals(wrongPassword.failureMessage(), unknownUser.failureMessage());
    }

    @Test
    void shouldChallengeAnUnknownUserLikeAKnownOneWithAStableSalt()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));

        final String first = challenge(authenticator, "mallory");
        final String second = challenge(authenticator, "mallory");
        final String known = challenge(authenticator, "alice");

        assertEquals(Scram.attribute(first, 's'), Scram.attribute(second, 's'));
        assertEquals("4096", Scram.attribute(first, 'i'));
        assertEquals(Scram.attribute(known, 'i'), Scram.attribute(first, 'i'));
        assertEquals(Scram.fromBase64(Scram.attribute(known, 's')).length,
            Scram.fromBase64(Scram.attribute(first, 's')).length);
    }

    @Test
    void shouldRejectAReplayedHandshake()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));
        final ScramClient client = new ScramClient("alice", ALICE_PASSWORD, "fixedClientNonce");
        final byte[] connect = scramCredentials(client);
        final Handshake original = authenticator.onConnect("alice", connect, REMOTE, now());
        final byte[] capturedResponse = clientFinal(client, original);
        authenticator.onResponse(original, capturedResponse, now());
        assertEquals(Handshake.Status.SUCCEEDED, original.status());

        final Handshake replay = authenticator.onConnect("alice", connect, REMOTE, now());
        assertEquals(Handshake.Status.CHALLENGE, replay.status());
        authenticator.onResponse(replay, capturedResponse, now());

        assertEquals(Handshake.Status.FAILED, replay.status());
        assertEquals(Authenticator.FAILED, replay.failureMessage());
    }

    @Test
    void shouldHoldTheAnswersOfRepeatedFailuresUntilTheClockPassesTheirDelay()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));
        clock.update(TimeUnit.SECONDS.toNanos(10));
        assertEquals(Handshake.Status.FAILED, scram(authenticator, "alice", "guess one", REMOTE).status());

        final Handshake second = scram(authenticator, "alice", "guess two", REMOTE);
        assertEquals(Handshake.Status.PENDING, second.status());
        clock.advance(TimeUnit.MILLISECONDS.toNanos(499));
        authenticator.poll(now(), ready::add);
        assertTrue(ready.isEmpty());

        clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
        authenticator.poll(now(), ready::add);

        assertEquals(List.of(second), ready);
        assertEquals(Handshake.Status.FAILED, second.status());
    }

    @Test
    void shouldHoldEvenTheRightPasswordWhileItsSourceIsPenalised()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));
        scram(authenticator, "alice", "guess one", REMOTE);
        scram(authenticator, "alice", "guess two", REMOTE);

        final Handshake right = scram(authenticator, "alice", ALICE_PASSWORD, REMOTE);
        assertEquals(Handshake.Status.PENDING, right.status());
        clock.advance(TimeUnit.SECONDS.toNanos(5));
        authenticator.poll(now(), ready::add);

        assertEquals(Handshake.Status.SUCCEEDED, right.status());
        assertNotNull(right.serverFinal());
    }

    @Test
    void shouldAdmitAnonymousClientsInDevelopmentModeFromThisHostOnly()
    {
        final Authenticator authenticator = authenticator(SecurityMode.DEV, EnumSet.of(AuthMechanism.SCRAM_SHA_256));

        final Handshake ipc = authenticator.onConnect("", new byte[0], "aeron:ipc", now());
        final Handshake loopback = authenticator.onConnect("", new byte[0], "127.0.0.1:50000", now());
        final Handshake remote = authenticator.onConnect("", new byte[0], REMOTE, now());

        assertEquals(Handshake.Status.SUCCEEDED, ipc.status());
        assertTrue(ipc.principal().isAnonymous());
        assertNull(ipc.serverFinal());
        assertEquals(Handshake.Status.SUCCEEDED, loopback.status());
        assertEquals(Handshake.Status.FAILED, remote.status());
        assertTrue(remote.failureMessage().contains("only from the broker's own host"), remote.failureMessage());
    }

    @Test
    void shouldRefuseAnonymousClientsWhenSecurityIsOn()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));

        final Handshake handshake = authenticator.onConnect("", new byte[0], "aeron:ipc", now());

        assertEquals(Handshake.Status.FAILED, handshake.status());
        assertTrue(handshake.failureMessage().startsWith(Authenticator.FAILED), handshake.failureMessage());
    }

    @Test
    void shouldRefuseOverLongUnknownOrDisabledMechanismsAndGarbage()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256),
            new LoginThrottle(0, 0));

        assertEquals(Handshake.Status.FAILED, authenticator.onConnect("alice", null, REMOTE, now()).status());
        assertEquals(Handshake.Status.FAILED, authenticator.onConnect("alice",
            "KERBEROS\0x".getBytes(StandardCharsets.UTF_8), "10.0.0.1:1", now()).status());
        final Handshake plain = authenticator.onConnect("alice",
            AuthMechanism.PLAIN.encode(ALICE_PASSWORD.getBytes(StandardCharsets.UTF_8)), "10.0.0.2:1", now());
        assertEquals(Handshake.Status.FAILED, plain.status());
        assertTrue(plain.failureMessage().contains("PLAIN is not enabled"), plain.failureMessage());
        assertEquals(Handshake.Status.FAILED, authenticator.onConnect("alice",
            AuthMechanism.SCRAM_SHA_256.encode("garbage".getBytes(StandardCharsets.UTF_8)), "10.0.0.3:1", now())
            .status());
    }

    @Test
    void shouldFailAnAnswerThatIsTooLongOrNotExpected()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256),
            new LoginThrottle(0, 0));
        final Handshake tooLong = authenticator.onConnect("alice",
            scramCredentials(new ScramClient("alice", ALICE_PASSWORD)), "10.0.0.1:1", now());
        final Handshake garbage = authenticator.onConnect("alice",
            scramCredentials(new ScramClient("alice", ALICE_PASSWORD)), "10.0.0.2:1", now());

        authenticator.onResponse(tooLong, null, now());
        authenticator.onResponse(garbage, "p=,,,".getBytes(StandardCharsets.UTF_8), now());

        assertEquals(Handshake.Status.FAILED, tooLong.status());
        assertEquals(Handshake.Status.FAILED, garbage.status());
    }

    @Test
    void shouldCheckPlainPasswordsOnTheSecurityThread()
    {
        final LoginModule module = new UsersFileLoginModule(usersFile());
        final PlainVerifier verifier = new PlainVerifier(module);
        final Authenticator authenticator = new Authenticator(SecurityMode.ON,
            EnumSet.of(AuthMechanism.PLAIN), module, authorizer(), audit(), new LoginThrottle(0, 0), verifier,
            new byte[32], Scram::nonce);

        final Handshake good = authenticator.onConnect("alice",
            AuthMechanism.PLAIN.encode(ALICE_PASSWORD.getBytes(StandardCharsets.UTF_8)), "aeron:ipc", now());
        final Handshake bad = authenticator.onConnect("alice",
            AuthMechanism.PLAIN.encode("wrong".getBytes(StandardCharsets.UTF_8)), "aeron:ipc", now());
        assertEquals(Handshake.Status.PENDING, good.status());
        while (verifier.doWork() > 0)
        {
            // What the security thread does.
        }
        authenticator.poll(now(), ready::add);

        assertEquals(List.of(good, bad), ready);
        assertEquals(Handshake.Status.SUCCEEDED, good.status());
        assertEquals(Set.of("app"), good.principal().roles());
        assertEquals(Handshake.Status.FAILED, bad.status());
    }

    @Test
    void shouldAuditEveryLoginWithoutTheClientSeeingTheReason() throws Exception
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));
        scram(authenticator, "alice", ALICE_PASSWORD, REMOTE);
        scram(authenticator, "alice", "wrong password!", REMOTE);
        scram(authenticator, "mallory", "wrong password!", REMOTE);

        audit.writer().doWork();

        final List<String> lines = Files.readAllLines(audit.file());
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("event=AUTH_SUCCESS user=\"alice\" source=\"" + REMOTE + "\""), lines.get(0));
        assertTrue(lines.get(1).contains("event=AUTH_FAILURE user=\"alice\"") &&
            lines.get(1).contains("reason=\"wrong password\""), lines.get(1));
        assertTrue(lines.get(2).contains("user=\"mallory\"") && lines.get(2).contains("reason=\"unknown user\""),
            lines.get(2));
    }

    @Test
    void shouldHandBackTheSameHandshakeObjectItWasAskedAbout()
    {
        final Authenticator authenticator = authenticator(SecurityMode.ON, EnumSet.of(AuthMechanism.SCRAM_SHA_256));
        final Object connection = new Object();
        scram(authenticator, "alice", "guess one", REMOTE);
        final Handshake held = scram(authenticator, "alice", "guess two", REMOTE);
        held.attachment(connection);

        clock.advance(TimeUnit.SECONDS.toNanos(1));
        authenticator.poll(now(), ready::add);

        assertSame(connection, ready.get(0).attachment());
    }

    private Authenticator authenticator(final SecurityMode mode, final Set<AuthMechanism> mechanisms)
    {
        return authenticator(mode, mechanisms,
            new LoginThrottle(TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(5)));
    }

    private Authenticator authenticator(
        final SecurityMode mode, final Set<AuthMechanism> mechanisms, final LoginThrottle throttle)
    {
        return new Authenticator(mode, mechanisms, new UsersFileLoginModule(usersFile()), authorizer(), audit(),
            throttle, null, new byte[32], Scram::nonce);
    }

    private UsersFile usersFile()
    {
        final UsersFile users = UsersFile.loadOrCreate(dir.resolve("users"));
        users.put(ALICE);
        return users;
    }

    private Authorizer authorizer()
    {
        return new Authorizer(AccessPolicy.parse(Map.of("aeolus.security.role.app.send", "#")), audit());
    }

    private AuditLog audit()
    {
        if (null == audit)
        {
            audit = new AuditLog(dir.resolve("audit.log"), new CachedEpochClock(), Throwable::printStackTrace);
        }
        return audit;
    }

    private long now()
    {
        return clock.nanoTime();
    }

    private Handshake scram(
        final Authenticator authenticator, final String user, final String password, final String source)
    {
        final ScramClient client = new ScramClient(user, password);
        final Handshake handshake = authenticator.onConnect(user, scramCredentials(client), source, now());
        authenticator.onResponse(handshake, clientFinal(client, handshake), now());
        return handshake;
    }

    private String challenge(final Authenticator authenticator, final String user)
    {
        final Handshake handshake = authenticator.onConnect(user,
            scramCredentials(new ScramClient(user, "x")), "aeron:ipc", now());
        return new String(handshake.challenge(), StandardCharsets.UTF_8);
    }

    private static byte[] scramCredentials(final ScramClient client)
    {
        return AuthMechanism.SCRAM_SHA_256.encode(client.clientFirstMessage().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] clientFinal(final ScramClient client, final Handshake handshake)
    {
        return client.clientFinalMessage(new String(handshake.challenge(), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    }
}
