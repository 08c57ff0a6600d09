package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.transport.codecs.AckMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class TrashAndJobsTest
{
    private static final long SESSION = 1;
    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    private ConductorHarness harness;
    private TestClientPeer client;
    private ManagementService management;

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldPutPurgedMessagesInTheTrashAndRestoreThemInOrderAsTheyWere()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        final long expiration = harness.nowMs() + 3_600_000;
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i).expiration(i == 1 ? expiration : 0));
        }

        final Map<String, Object> purged = management.execute(Map.of("op", "purge", "name", "orders"));
        assertEquals(3, purged.get("count"));
        assertEquals(0, queue("orders").depth());
        assertEquals(3, queue(AccessPolicy.TRASH_QUEUE).depth());

        final Map<String, Object> trash = management.execute(Map.of("op", "trash"));
        assertEquals(1, trash.get("count"));
        assertEquals(purged.get("batch"), trash.get("0.batch"));
        assertEquals("purge", trash.get("0.operation"));
        assertEquals("orders", trash.get("0.destination"));
        assertEquals(3, trash.get("0.count"));
        assertEquals(harness.nowMs() + DAY_MS, trash.get("0.expiresMs"));

        final Map<String, Object> restored = management.execute(
            Map.of("op", "restoreTrash", "batch", purged.get("batch")));
        assertEquals(3, restored.get("count"));
        assertEquals(0, queue(AccessPolicy.TRASH_QUEUE).depth());
        client.createConsumer(SESSION, 1, "orders", "", 10);
        final List<TestClientPeer.Frame> deliveries = client.deliveries(1);
        assertEquals(List.of("m0", "m1", "m2"), texts(deliveries));
        assertEquals(expiration, deliveries.get(1).message.expirationMs, "its own expiration again");
        assertEquals(0, deliveries.get(0).message.expirationMs);
        assertNull(deliveries.get(0).message.property("AEOLUS_TRASH_BATCH"), "no trash properties");
    }

    @Test
    void shouldRestoreChosenDeletedMessagesByIdAndLeaveTheRest()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }
        management.execute(Map.of("op", "deleteMessages", "name", "orders", "ids", "ID:m0\nID:m2"));

        management.execute(Map.of("op", "restoreTrash", "ids", "ID:m2"));

        assertEquals(1, queue(AccessPolicy.TRASH_QUEUE).depth());
        client.createConsumer(SESSION, 1, "orders", "", 10);
        assertEquals(List.of("m1", "m2"), texts(client.deliveries(1)));
    }

    @Test
    void shouldDropTrashedMessagesForGoodWhenTheirRetentionIsUpWhateverTheExpiryQueue()
    {
        final EngineSettings settings = new EngineSettings(
            DestinationPolicies.defaults().put("#", PolicySetting.EXPIRY_QUEUE, "Expired"), List.of(), List.of(),
            1000, 60_000);
        harness = new ConductorHarness(settings);
        connect();
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        management.execute(Map.of("op", "purge", "name", "orders"));

        harness.advanceMs(30_000);
        assertEquals(1, queue(AccessPolicy.TRASH_QUEUE).depth());
        harness.advanceMs(31_000);
        harness.advanceMs(2_000);

        assertEquals(0, queue(AccessPolicy.TRASH_QUEUE).depth());
        assertNull(harness.destinations().queues().get("Expired"), "not moved to an expiry queue");
    }

    @Test
    void shouldRemoveForGoodWithoutATrashAndFromTheTrashItself()
    {
        start(0);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        final Map<String, Object> purged = management.execute(Map.of("op", "purge", "name", "orders"));
        assertFalse(purged.containsKey("batch"));
        assertEquals(0, queue(AccessPolicy.TRASH_QUEUE).depth());
        harness.close();

        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        management.execute(Map.of("op", "purge", "name", "orders"));
        management.execute(Map.of("op", "purge", "name", AccessPolicy.TRASH_QUEUE));
        assertEquals(0, queue(AccessPolicy.TRASH_QUEUE).depth(), "emptying the trash is final");
    }

    @Test
    void shouldRemoveNonPersistentMessagesForGoodOnceTheTrashIsAtItsMemoryLimit()
    {
        harness = new ConductorHarness(new EngineSettings(
            DestinationPolicies.defaults().put(AccessPolicy.TRASH_QUEUE, PolicySetting.MEMORY_LIMIT, 1L),
            List.of(), List.of(), 1000, EngineSettings.TRASH_RETENTION_MS_DEFAULT));
        connect();
        client.sendConfirmed(SESSION, toQueue("orders", "m0").nonPersistent());
        client.sendConfirmed(SESSION, toQueue("orders", "m1").nonPersistent());

        management.execute(Map.of("op", "purge", "name", "orders"));

        assertEquals(1, queue(AccessPolicy.TRASH_QUEUE).depth(), "the first fills the trash, the second is gone");
        assertEquals(0, queue("orders").depth());
    }

    @Test
    void shouldCountADryRunAndThenRetryDeadLettersAtTheThrottledRateWithPauseResumeAndCancel()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        sendDeadLetters(300);
        client.sendConfirmed(SESSION, toQueue("DLQ.orders", "no-origin"));

        final Map<String, Object> dryRun = management.execute(
            Map.of("op", "startJob", "kind", "retry", "name", "DLQ.orders", "dryRun", true));
        assertEquals(301, dryRun.get("matched"));
        assertEquals(1, dryRun.get("skipped"));
        assertEquals(301, queue("DLQ.orders").depth(), "a dry run changes nothing");

        final long jobId = (Long)management.execute(
            Map.of("op", "startJob", "kind", "retry", "name", "DLQ.orders", "rate", 100L)).get("jobId");
        runFor(1_000);
        final long afterOneSecond = processed(jobId);
        assertTrue(afterOneSecond >= 90 && afterOneSecond <= 110, "about 100 per second: " + afterOneSecond);

        management.execute(Map.of("op", "pauseJob", "jobId", jobId));
        runFor(1_000);
        assertEquals(afterOneSecond, processed(jobId), "paused");
        assertEquals("PAUSED", job(jobId).get("state"));

        management.execute(Map.of("op", "resumeJob", "jobId", jobId));
        runFor(1_000);
        assertTrue(processed(jobId) > afterOneSecond + 80, "resumed: " + processed(jobId));

        management.execute(Map.of("op", "cancelJob", "jobId", jobId));
        final long atCancel = processed(jobId);
        runFor(1_000);
        assertEquals(atCancel, processed(jobId));
        assertEquals("CANCELLED", job(jobId).get("state"));
        assertEquals(atCancel, queue("orders").depth());
        assertEquals(301 - atCancel, queue("DLQ.orders").depth(), "the rest stays where it was");
    }

    @Test
    void shouldTakeOnlyTheMessagesTheQueueHeldWhenTheJobStarted()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        for (int i = 0; i < 20; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "old" + i));
        }
        final long jobId = (Long)management.execute(Map.of("op", "startJob", "kind", "move", "name", "orders",
            "target", "orders.archive", "rate", 20L)).get("jobId");
        runFor(300);
        for (int i = 0; i < 5; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "new" + i));
        }
        runFor(2_000);

        assertEquals("DONE", job(jobId).get("state"));
        assertEquals(20L, processed(jobId));
        assertEquals(20, queue("orders.archive").depth());
        assertEquals(5, queue("orders").depth(), "sent after the job started: not its business");
    }

    @Test
    void shouldNeverDuplicateAMessageWhenTheSameRetryRunsTwice()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        sendDeadLetters(1200);
        final long first = (Long)management.execute(
            Map.of("op", "startJob", "kind", "retry", "name", "DLQ.orders")).get("jobId");
        final long second = (Long)management.execute(
            Map.of("op", "startJob", "kind", "retry", "name", "DLQ.orders")).get("jobId");
        runFor(100);

        assertEquals("DONE", job(first).get("state"));
        assertEquals("DONE", job(second).get("state"));
        assertEquals(1200L, processed(first) + processed(second));
        assertEquals(1200L, (Long)job(first).get("skipped") + (Long)job(second).get("skipped"));
        assertEquals(1200, queue("orders").depth());
        assertEquals(0, queue("DLQ.orders").depth());
    }

    @Test
    void shouldMoveAndPurgeBySelectorAsJobsAndPurgeIntoTheTrash()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        for (int i = 0; i < 10; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i).property("n", i));
        }
        management.execute(Map.of("op", "startJob", "kind", "move", "name", "orders", "target", "orders.low",
            "selector", "n < 3"));
        management.execute(Map.of("op", "startJob", "kind", "purge", "name", "orders", "selector", "n >= 8"));
        runFor(100);

        assertEquals(3, queue("orders.low").depth());
        assertEquals(5, queue("orders").depth());
        assertEquals(2, queue(AccessPolicy.TRASH_QUEUE).depth());
        assertEquals(2, management.execute(Map.of("op", "jobs")).get("count"));
    }

    @Test
    void shouldRefuseBadJobAndTrashRequestsWithStableCodes()
    {
        start(EngineSettings.TRASH_RETENTION_MS_DEFAULT);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "startJob", "kind", "explode", "name", "orders")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "startJob", "kind", "retry", "name", "orders", "rate", -5L)));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "startJob", "kind", "retry", "name", "orders", "dryRun", "perhaps")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "startJob", "kind", "move", "name", "orders", "target", "orders")));
        assertEquals(ManagementException.UNKNOWN_DESTINATION,
            code(Map.of("op", "startJob", "kind", "purge", "name", "nowhere")));
        assertEquals(ManagementException.INVALID_ARGUMENT, code(Map.of("op", "cancelJob", "jobId", 99L)));
        assertEquals(ManagementException.INVALID_ARGUMENT, code(Map.of("op", "restoreTrash")));

        final long jobId = (Long)management.execute(
            Map.of("op", "startJob", "kind", "purge", "name", "orders")).get("jobId");
        runFor(20);
        assertEquals(ManagementException.ILLEGAL_STATE, code(Map.of("op", "pauseJob", "jobId", jobId)));
    }

    private void start(final long trashRetentionMs)
    {
        harness = new ConductorHarness(new EngineSettings(
            DestinationPolicies.defaults(), List.of(), List.of(), 1000, trashRetentionMs));
        connect();
    }

    private void connect()
    {
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
        management = harness.conductor().management();
    }

    private void sendDeadLetters(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            client.sendConfirmed(SESSION, toQueue("DLQ.orders", "d" + i)
                .property("AEOLUS_DLQ_ORIGINAL_DESTINATION", "orders")
                .property("AEOLUS_DLQ_ORIGINAL_DESTINATION_TYPE", "QUEUE"));
        }
    }

    private void runFor(final long ms)
    {
        for (long t = 0; t < ms; t += 10)
        {
            harness.advanceMs(10);
        }
    }

    private Map<String, Object> job(final long jobId)
    {
        final Map<String, Object> jobs = management.execute(Map.of("op", "jobs"));
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (int row = 0; row < (Integer)jobs.get("count"); row++)
        {
            final Map<String, Object> job = new HashMap<>();
            for (final String field : new String[]{"jobId", "state", "processed", "skipped", "total"})
            {
                job.put(field, jobs.get(row + "." + field));
            }
            rows.add(job);
        }
        return rows.stream().filter((r) -> r.get("jobId").equals(jobId)).findFirst().orElseThrow();
    }

    private long processed(final long jobId)
    {
        return (Long)job(jobId).get("processed");
    }

    private MessageQueue queue(final String name)
    {
        return harness.destinations().queues().get(name);
    }

    private String code(final Map<String, Object> request)
    {
        return assertThrows(ManagementException.class, () -> management.execute(request)).code();
    }
}
