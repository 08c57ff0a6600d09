package io.aeolus.broker.security;

import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class BrokerSecurityTest
{
    @TempDir
    Path dir;

    private final Map<String, String> options = new HashMap<>(Map.of(
        "aeolus.broker.security", "on",
        "aeolus.broker.security.users.file", "",
        "aeolus.broker.security.audit.file", "",
        "aeolus.broker.security.mechanisms", "SCRAM-SHA-256",
        "aeolus.broker.security.login.module", "file",
        "aeolus.broker.security.jaas.entry", "aeolus",
        "aeolus.broker.security.iterations", "4096",
        "aeolus.broker.security.failure.delay", "500ms",
        "aeolus.broker.security.failure.delay.max", "5s"));

    BrokerSecurityTest()
    {
        options.put("aeolus.broker.max.connections.per.user", "10");
        options.put("aeolus.broker.max.sessions.per.connection", "10");
        options.put("aeolus.broker.max.consumers.per.session", "10");
        options.put("aeolus.broker.max.destinations", "10");
    }

    @Test
    void shouldCreateAnAdminWithARandomPasswordPrintedOnceAndStoredOnlyAsAHash() throws IOException
    {
        final ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
        start(firstOut).close();
        final String printed = firstOut.toString(StandardCharsets.UTF_8);
        final Matcher matcher = Pattern.compile("admin password: (\\S+)").matcher(printed);
        assertTrue(matcher.find(), printed);
        final String password = matcher.group(1);
        // The hint names the file itself: a bare 'user passwd admin' elsewhere would write another users file.
        assertTrue(printed.contains("user passwd admin --users-file " +
            dir.resolve("users").toAbsolutePath().normalize()), printed);

        final ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
        start(secondOut).close();

        assertFalse(secondOut.toString(StandardCharsets.UTF_8).contains("password"));
        final UserAccount admin = UsersFile.load(dir.resolve("users")).users().get("admin");
        assertTrue(admin.credential().matches(password));
        assertTrue(admin.roles().contains(AccessPolicy.ADMIN_ROLE));
        assertFalse(Files.readString(dir.resolve("users")).contains(password));
        assertTrue(password.length() >= 20, password);
    }

    @Test
    void shouldNotCreateUsersInDevelopmentModeButSaySoLoudly()
    {
        options.put("aeolus.broker.security", "dev");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        start(out).close();

        assertTrue(out.toString(StandardCharsets.UTF_8).contains("DEVELOPMENT mode"));
        assertFalse(Files.exists(dir.resolve("users")));
    }

    @Test
    void shouldRefuseJaasWithoutPlainBecauseItNeedsTheClearPassword()
    {
        options.put("aeolus.broker.security.login.module", "jaas");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> start(new ByteArrayOutputStream()));

        assertTrue(ex.getMessage().contains("PLAIN"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownLoginModuleClassNamingTheOption()
    {
        options.put("aeolus.broker.security.login.module", "com.example.Missing");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> start(new ByteArrayOutputStream()));

        assertTrue(ex.getMessage().contains("aeolus.broker.security.login.module"), ex.getMessage());
    }

    @Test
    void shouldRefuseInvalidSecurityOptionsNamingThem()
    {
        options.put("aeolus.broker.security", "off");
        assertThrows(IllegalArgumentException.class, this::settings);
        options.put("aeolus.broker.security", "on");
        options.put("aeolus.broker.security.mechanisms", "MD5");
        assertTrue(assertThrows(IllegalArgumentException.class, this::settings).getMessage()
            .contains("aeolus.broker.security.mechanisms"));
        options.put("aeolus.broker.security.mechanisms", "PLAIN");
        options.put("aeolus.broker.security.iterations", "1000");
        assertTrue(assertThrows(IllegalArgumentException.class, this::settings).getMessage()
            .contains("aeolus.broker.security.iterations"));
    }

    @Test
    void shouldPutTheUsersFileAndAuditLogInTheDataDirectoryByDefault()
    {
        final SecuritySettings settings = settings();

        assertEquals(dir.resolve("users"), settings.usersFile());
        assertEquals(dir.resolve("audit.log"), settings.auditFile());
        assertEquals(10, settings.limits().maxConnectionsPerUser());
    }

    @Test
    void shouldRefuseToStartWithATamperedUsersFile() throws IOException
    {
        start(new ByteArrayOutputStream()).close();
        final Path users = dir.resolve("users");
        Files.writeString(users, Files.readString(users).replace(":admin:", ":admin,app:"));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> start(new ByteArrayOutputStream()));

        assertTrue(ex.getMessage().contains("integrity check failed"), ex.getMessage());
    }

    @Test
    void shouldNameTheLimitAndItsOptionWhenExceeded()
    {
        final Limits limits = settings().limits();

        assertEquals(null, limits.checkSessions(9));
        assertTrue(limits.checkSessions(10).contains("aeolus.broker.max.sessions.per.connection=10"));
        assertTrue(limits.checkConsumers(10).contains("aeolus.broker.max.consumers.per.session=10"));
        assertTrue(limits.checkDestinations(10).contains("aeolus.broker.max.destinations=10"));
        assertTrue(limits.checkConnectionsPerUser("alice", 10).contains("user 'alice'"));
    }

    private SecuritySettings settings()
    {
        return SecuritySettings.resolve(options::get, dir, Map.of());
    }

    @Test
    void shouldGiveAnotherThreadItsOwnAuthorizerOverTheSameAuditLog() throws IOException
    {
        try (BrokerSecurity security = start(new ByteArrayOutputStream()))
        {
            final BrokerSecurity other = security.forAnotherThread();
            assertNotSame(security.authorizer(), other.authorizer());
            assertSame(security.audit(), other.audit());
            assertNull(other.authenticator());
            other.close(); // closes nothing: the audit log stays open for both

            final Principal bob = other.authorizer().principal("bob", Set.of("nobody"), "10.0.0.7:40000");
            assertFalse(other.authorizer().isAllowed(bob, Permission.SEND, "payroll"));
            other.authorizer().onDenied(bob, Permission.SEND, "payroll");
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(security.audit().file()) ||
                !Files.readString(security.audit().file()).contains("destination=\"payroll\""))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "the denial was not written within 30 s");
                Thread.onSpinWait();
            }
        }
    }

    private BrokerSecurity start(final ByteArrayOutputStream out)
    {
        return BrokerSecurity.start(settings(), SystemEpochClock.INSTANCE, Throwable::printStackTrace,
            new PrintStream(out, true, StandardCharsets.UTF_8));
    }
}
