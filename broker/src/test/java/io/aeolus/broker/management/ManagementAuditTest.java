package io.aeolus.broker.management;

import io.aeolus.broker.security.AuditLog;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #19, item 4: every management operation that changes something is audited, with user, source, operation,
 * arguments, outcome and message count; reads are not.
 */
@Timeout(30)
class ManagementAuditTest
{
    /** What the issue lists: purge, move, copy, delete, retry, restore, send, create/delete/pause destinations,
     * close connection, delete subscription, jobs; the heuristic completion of an XA branch (issue #16); creating
     * and deleting routing rules (issue #17); changing and resetting a destination's own settings (issue #20). */
    private static final Set<Operation> CHANGES = EnumSet.of(Operation.PURGE, Operation.MOVE, Operation.COPY,
        Operation.DELETE_MESSAGES, Operation.RETRY_DEAD_LETTERS, Operation.RESTORE_TRASH, Operation.SEND_MESSAGE,
        Operation.CREATE_QUEUE, Operation.CREATE_TOPIC, Operation.DELETE_DESTINATION, Operation.PAUSE,
        Operation.RESUME, Operation.CLOSE_CONNECTION, Operation.DROP_SUBSCRIPTION, Operation.START_JOB,
        Operation.PAUSE_JOB, Operation.RESUME_JOB, Operation.CANCEL_JOB, Operation.COMMIT_XA_BRANCH,
        Operation.ROLLBACK_XA_BRANCH, Operation.CREATE_ROUTE, Operation.DELETE_ROUTE,
        Operation.CREATE_BRIDGE, Operation.DELETE_BRIDGE, Operation.PAUSE_BRIDGE, Operation.RESUME_BRIDGE,
        Operation.REPLAY, Operation.ADD_USER, Operation.CHANGE_PASSWORD, Operation.SET_USER_ROLES,
        Operation.REMOVE_USER, Operation.SET_DESTINATION_SETTINGS, Operation.RESET_DESTINATION_SETTINGS);

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();

    @Test
    void shouldAuditExactlyTheOperationsThatChangeSomething() throws Exception
    {
        final AuditLog log = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);
        final ManagementAudit audit = new ManagementAudit(brokerWith(log));
        final Requester alice = Requester.of("alice", "10.0.0.7:4000", Requester.TRUSTED);

        for (final Operation operation : Operation.values())
        {
            audit.record(Request.of(operation, Argument.NAME, "orders"), alice, Map.of(Reply.COUNT, 4L), null);
        }
        log.writer().doWork();

        final List<String> lines = Files.readAllLines(log.file());
        assertEquals(CHANGES.size(), lines.size(), lines.toString());
        for (final Operation operation : CHANGES)
        {
            assertTrue(lines.stream().anyMatch((line) -> line.contains("event=ADMIN user=\"alice\" " +
                "source=\"10.0.0.7:4000\" operation=" + operation.wireName() + " arguments=\"name=orders\" " +
                "outcome=\"OK\"")), operation + " not audited: " + lines);
        }
    }

    @Test
    void shouldRecordTheFailureAndTheNumberOfMessagesAffected() throws Exception
    {
        final AuditLog log = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);
        final ManagementAudit audit = new ManagementAudit(brokerWith(log));

        audit.record(Request.of(Operation.COPY, Argument.NAME, "orders"), Requester.TRUSTED, Map.of(Reply.COUNT, 7L),
            null);
        audit.record(Request.of(Operation.DELETE_DESTINATION, Argument.NAME, "nope"), Requester.TRUSTED, Map.of(),
            new ManagementException("UNKNOWN_DESTINATION", "no destination nope"));
        log.writer().doWork();

        final List<String> lines = Files.readAllLines(log.file());
        assertTrue(lines.get(0).contains("operation=copy") && lines.get(0).contains("count=7"), lines.get(0));
        assertTrue(lines.get(1).contains("outcome=\"UNKNOWN_DESTINATION: no destination nope\""), lines.get(1));
        assertEquals(4L, ManagementAudit.count(Operation.RETRY_DEAD_LETTERS, Map.of(Reply.COUNT, 4L)));
        assertEquals(2L, ManagementAudit.count(Operation.DROP_SUBSCRIPTION, Map.of(Reply.DROPPED, 2L)));
        assertEquals(1L, ManagementAudit.count(Operation.SEND_MESSAGE, Map.of()));
    }

    @Test
    void shouldWriteOnlyTheSizeOfABody()
    {
        final Map<String, Object> arguments = new HashMap<>(Request.of(Operation.SEND_MESSAGE, Argument.NAME, "q"));
        arguments.put(Argument.BODY, "top secret");

        final String text = ManagementAudit.arguments(arguments);

        assertTrue(text.contains("body=(10 chars)") && !text.contains("secret"), text);
    }

    @Test
    void shouldNeverWriteAPassword()
    {
        final String text = ManagementAudit.arguments(Request.of(Operation.ADD_USER, Argument.NAME, "carol",
            Argument.PASSWORD, "correct horse", Argument.ROLES, "app"));

        assertEquals("name=carol password=(hidden) roles=app", text);
    }

    static ManagedBroker brokerWith(final AuditLog log)
    {
        return (ManagedBroker)Proxy.newProxyInstance(ManagedBroker.class.getClassLoader(),
            new Class<?>[]{ManagedBroker.class}, (proxy, method, args) ->
            {
                if ("audit".equals(method.getName()))
                {
                    return log;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }
}
