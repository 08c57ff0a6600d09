package io.aeolus.broker.management;

import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.AuditLog;
import io.aeolus.broker.security.Limits;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UserAdministration;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.broker.security.UsersFileLoginModule;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.UserInfo;
import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.ScramCredential;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20, item 6: users are listed, added, changed and removed through management, on a worker rather than the
 * conductor, audited without their passwords, in force for the next login, and an administrator cannot lock the
 * broker's management out by accident.
 */
@Timeout(60)
class UserManagementTest
{
    private static final int ITERATIONS = 4096;
    private static final Requester ALICE = Requester.of("alice", "10.0.0.7:4000", Requester.TRUSTED);
    private static final Requester JMX = Requester.of("", "jmx", Requester.TRUSTED);

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private Path usersFile;
    private AuditLog log;
    private UsersFileLoginModule module;
    private UserAdministration administration;
    private UserManagement users;

    @BeforeEach
    void setUp()
    {
        usersFile = dir.resolve(UsersFile.DEFAULT_NAME);
        final UsersFile file = UsersFile.loadOrCreate(usersFile);
        file.put(new UserAccount("alice", ScramCredential.derive("alice-secret", ITERATIONS), Set.of("admin")));
        file.save();
        module = new UsersFileLoginModule(UsersFile.load(usersFile));
        final SecuritySettings settings = new SecuritySettings(SecurityMode.ON, usersFile, dir.resolve("audit.log"),
            Set.of(AuthMechanism.SCRAM_SHA_256), SecuritySettings.FILE_LOGIN_MODULE, "", ITERATIONS, 0, 0,
            AccessPolicy.parse(Map.of("aeolus.security.role.app.send", "orders")),
            new Limits(100, 100, 100, 100), 8);
        administration = new UserAdministration(settings, module);
        log = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);
        users = new UserManagement(new ManagementAudit(ManagementAuditTest.brokerWith(log)));
        users.administration(administration);
    }

    @AfterEach
    void tearDown()
    {
        administration.close();
    }

    @Test
    void shouldAddAUserWhoCanLogInAtOnceAndAuditItWithoutThePassword() throws Exception
    {
        run(Request.of(Operation.ADD_USER, Argument.NAME, "bob", Argument.PASSWORD, "bob-secret-1", Argument.ROLES,
            "app"), ALICE);

        assertEquals(Set.of("app"), module.login("bob", "bob-secret-1"));
        assertNotNull(UsersFile.load(usersFile).users().get("bob"), "written to the users file");
        final List<UserInfo> listed = Reply.rows(users.list(ALICE), UserInfo::read);
        assertEquals(List.of(new UserInfo("alice", "admin", ITERATIONS), new UserInfo("bob", "app", ITERATIONS)),
            listed);
        log.writer().doWork();
        final String audit = Files.readString(log.file());
        assertTrue(audit.contains("operation=addUser arguments=\"name=bob password=(hidden) roles=app\" " +
            "outcome=\"OK\""), audit);
        assertFalse(audit.contains("bob-secret-1"), audit);
    }

    @Test
    void shouldChangeAPasswordAndRolesForTheNextLogin() throws Exception
    {
        run(Request.of(Operation.ADD_USER, Argument.NAME, "bob", Argument.PASSWORD, "bob-secret-1", Argument.ROLES,
            "app"), ALICE);

        run(Request.of(Operation.CHANGE_PASSWORD, Argument.NAME, "bob", Argument.PASSWORD, "bob-secret-2"), ALICE);
        run(Request.of(Operation.SET_USER_ROLES, Argument.NAME, "bob", Argument.ROLES, "app,admin"), ALICE);

        assertNull(module.login("bob", "bob-secret-1"), "the old password no longer logs in");
        assertEquals(Set.of("app", "admin"), module.login("bob", "bob-secret-2"));
    }

    @Test
    void shouldRemoveAUser() throws Exception
    {
        run(Request.of(Operation.ADD_USER, Argument.NAME, "bob", Argument.PASSWORD, "bob-secret-1"), ALICE);

        run(Request.of(Operation.REMOVE_USER, Argument.NAME, "bob"), ALICE);

        assertNull(module.login("bob", "bob-secret-1"));
        assertNull(UsersFile.load(usersFile).users().get("bob"));
    }

    @Test
    void shouldRefuseToTakeTheAdminRoleFromTheRequesterOrTheLastAdministrator() throws Exception
    {
        final ManagementException self = failure(Request.of(Operation.REMOVE_USER, Argument.NAME, "alice"), ALICE);
        assertEquals(ManagementException.ILLEGAL_STATE, self.code());
        assertTrue(self.getMessage().contains("cannot remove yourself"), self.getMessage());
        final ManagementException demote = failure(Request.of(Operation.SET_USER_ROLES, Argument.NAME, "alice",
            Argument.ROLES, "app"), ALICE);
        assertTrue(demote.getMessage().contains("take the admin role from yourself"), demote.getMessage());
        final ManagementException last = failure(Request.of(Operation.REMOVE_USER, Argument.NAME, "alice"), JMX);
        assertTrue(last.getMessage().contains("last user with the admin role"), last.getMessage());
        assertEquals(Set.of("admin"), module.login("alice", "alice-secret"), "alice unchanged");

        run(Request.of(Operation.ADD_USER, Argument.NAME, "carol", Argument.PASSWORD, "carol-secret",
            Argument.ROLES, "admin"), ALICE);
        run(Request.of(Operation.REMOVE_USER, Argument.NAME, "alice"), JMX);

        assertNull(module.login("alice", "alice-secret"), "with another administrator left, alice may go");
    }

    @Test
    void shouldNameWhatIsWrongWithARequest() throws Exception
    {
        assertProblem(Request.of(Operation.ADD_USER, Argument.NAME, "bob", Argument.PASSWORD, "short"),
            ManagementException.INVALID_ARGUMENT, "at least 8 characters");
        assertProblem(Request.of(Operation.ADD_USER, Argument.NAME, "bob", Argument.PASSWORD, "bob-secret-1",
            Argument.ROLES, "ap"), ManagementException.INVALID_ARGUMENT, "role 'ap' is not defined");
        assertProblem(Request.of(Operation.ADD_USER, Argument.NAME, "bob smith", Argument.PASSWORD, "bob-secret-1"),
            ManagementException.INVALID_ARGUMENT, "invalid user name 'bob smith'");
        assertProblem(Request.of(Operation.ADD_USER, Argument.NAME, "bob"), ManagementException.INVALID_ARGUMENT,
            "argument 'password' is missing");
        assertProblem(Request.of(Operation.ADD_USER, Argument.NAME, "alice", Argument.PASSWORD, "alice-secret-2"),
            ManagementException.ILLEGAL_STATE, "user 'alice' already exists");
        assertProblem(Request.of(Operation.REMOVE_USER, Argument.NAME, "nobody"), ManagementException.ILLEGAL_STATE,
            "no user 'nobody'");
        assertProblem(Request.of(Operation.REMOVE_USER, Argument.NAME, "bob", Argument.PASSWORD, "x"),
            ManagementException.INVALID_ARGUMENT, "password");
        assertEquals(Set.of("alice"), UsersFile.load(usersFile).users().keySet(), "nothing changed");
    }

    @Test
    void shouldNeedManageOnTheUsers()
    {
        final Requester operator = Requester.of("olga", "10.0.0.8:4000",
            (permission, name) -> "olga may not " + permission.verb() + " " + name);

        final ManagementException listing = assertThrows(ManagementException.class, () -> users.list(operator));
        final ManagementException change = failure(Request.of(Operation.REMOVE_USER, Argument.NAME, "alice"),
            operator);

        assertEquals(ManagementException.ACCESS_DENIED, listing.code());
        assertEquals("olga may not manage aeolus.users", change.getMessage());
    }

    private void assertProblem(final Map<String, Object> request, final String code, final String text)
    {
        final ManagementException failure = failure(request, ALICE);
        assertEquals(code, failure.code(), failure.getMessage());
        assertTrue(failure.getMessage().contains(text), failure.getMessage());
    }

    private ManagementException failure(final Map<String, Object> request, final Requester requester)
    {
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> run(request, requester));
        return (ManagementException)ex.getCause();
    }

    /**
     * Starts the change as the conductor would and polls for its end, as the conductor's duty cycle does.
     */
    private Map<String, Object> run(final Map<String, Object> request, final Requester requester)
        throws ExecutionException, InterruptedException
    {
        final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        users.start(request, requester, result::complete, result::completeExceptionally);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!result.isDone() && System.nanoTime() - deadlineNs < 0)
        {
            if (0 == users.poll())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        assertTrue(result.isDone(), "the worker finished within 30 s");
        return result.get();
    }
}
