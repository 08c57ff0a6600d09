package io.aeolus.broker.security;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AuditLogTest
{
    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();

    @Test
    void shouldAppendOneLinePerEventWithTimeUserSourceOperationAndDestination() throws Exception
    {
        clock.update(1_700_000_000_123L);
        final AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);

        audit.denied("bob", "aeron:ipc", "send", "orders.eu");
        audit.authenticationFailed("eve", "10.0.0.9:4000", "SCRAM-SHA-256", "wrong password");
        audit.writer().doWork();

        assertEquals(List.of(
            "2023-11-14T22:13:20.123Z event=DENIED user=\"bob\" source=\"aeron:ipc\" operation=send " +
                "destination=\"orders.eu\"",
            "2023-11-14T22:13:20.123Z event=AUTH_FAILURE user=\"eve\" source=\"10.0.0.9:4000\" operation=connect " +
                "mechanism=\"SCRAM-SHA-256\" reason=\"wrong password\""),
            Files.readAllLines(audit.file()));
    }

    @Test
    void shouldWakeTheWriterForEveryEventItQueues()
    {
        // The writer's thread parks up to a second once idle: an event must not wait for that.
        final AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);
        final int[] wakeUps = {0};
        audit.waker(() -> wakeUps[0]++);

        audit.denied("bob", "aeron:ipc", "send", "orders.eu");
        audit.authenticationSucceeded("alice", "aeron:ipc", "PLAIN");

        assertEquals(2, wakeUps[0]);
    }

    @Test
    void shouldEscapeClientTextSoItCannotForgeALine() throws Exception
    {
        final AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);

        audit.denied("bob\n1970-01-01T00:00:00Z event=AUTH_SUCCESS user=\"admin\"", "aeron:ipc", "send", "a\"b\\c");
        audit.writer().doWork();

        final List<String> lines = Files.readAllLines(audit.file());
        assertEquals(1, lines.size());
        final String forged = "user=\"bob\\u000a1970-01-01T00:00:00Z event=AUTH_SUCCESS user=\\\"admin\\\"\"";
        assertTrue(lines.get(0).contains(forged), lines.get(0));
        assertTrue(lines.get(0).contains("destination=\"a\\\"b\\\\c\""), lines.get(0));
    }

    @Test
    void shouldAppendToAnExistingLogAcrossRestarts() throws IOException
    {
        final Path file = dir.resolve("audit.log");
        final AuditLog first = new AuditLog(file, clock, Throwable::printStackTrace);
        first.denied("a", "s", "send", "d");
        first.close();

        final AuditLog second = new AuditLog(file, clock, Throwable::printStackTrace);
        second.denied("b", "s", "send", "d");
        second.close();

        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void shouldCountAndReportEventsDroppedWhenTheWriterFallsBehind() throws IOException
    {
        final AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock, Throwable::printStackTrace);

        for (int i = 0; i < AuditLog.QUEUE_CAPACITY + 10; i++)
        {
            audit.denied("u", "s", "send", "d" + i);
        }
        audit.close();

        assertEquals(10, audit.droppedEvents());
        final List<String> lines = Files.readAllLines(audit.file());
        assertTrue(lines.get(0).contains("event=DROPPED count=10"), lines.get(0));
        assertEquals(AuditLog.QUEUE_CAPACITY + 1, lines.size());
    }
}
