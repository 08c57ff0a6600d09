package io.aeolus.console.backend;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.DeadLetterProperty;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.management.JobState;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible fixture data for a {@link FakeBackend}: the demo mode of the console and its screenshots: destinations,
 * messages, dead letters with causes to triage, jobs of other consoles, trash batches. The figures are a
 * deterministic function of time, so screenshots are stable (the history the fake generates is too). Any thread.
 */
public final class DemoData
{
    private static final String[] QUEUES = {
        "orders", "orders.priority", "payments", "payments.refunds", "shipping.labels", "inventory.updates",
        "email.outbound", "audit.log", "search.index", "fraud.checks"
    };
    private static final String[] TOPICS = {"prices.eu", "prices.us", "alerts", "sessions.events"};

    private DemoData()
    {
    }

    /**
     * Creates a fake backend filled with destinations, messages, dead letters and connections.
     *
     * @param nowMs current time, epoch milliseconds.
     * @return the populated backend, not yet connected.
     */
    public static FakeBackend demoBackend(final long nowMs)
    {
        final FakeBackend backend = new FakeBackend();
        updateDestinations(backend, nowMs);
        for (int i = 0; i < 120; i++)
        {
            backend.addMessage("orders", order(i, nowMs - (120 - i) * 1_000L));
        }
        addDeadLetters(backend, nowMs);
        for (int i = 0; i < 7; i++)
        {
            backend.addConnection(new ConnectionInfo(101 + i, "app-" + i, i % 2 == 0 ? "orders-svc" : "billing",
                "10.8.0." + (10 + i) + ":40" + (12 + i), 1 + i % 3, 2 + i % 2, 1 + i % 4));
        }
        backend.addConnection(new ConnectionInfo(108, "aeolus-console-5f3a91c2", "ops", "10.8.0.2:40990", 2, 2, 1))
            .ownClientId("aeolus-console-5f3a91c2");
        addSubscriptions(backend);
        addJobsAndTrash(backend, nowMs);
        for (int i = 0; i < 6; i++)
        {
            backend.addMessage("inventory.updates", stockUpdate(i, nowMs - (6 - i) * 4_000L));
            backend.addMessage("shipping.labels", label(i, nowMs - (6 - i) * 9_000L));
        }
        return backend;
    }

    private static void addDeadLetters(final FakeBackend backend, final long nowMs)
    {
        final String[] reasons = {
            "max delivery attempts (5) exceeded", "max delivery attempts (5) exceeded", "expired",
            "max delivery attempts (5) exceeded", "consumer threw java.lang.NumberFormatException"
        };
        final String[] consumers = {"orders-svc-1/consumer-3", "orders-svc-2/consumer-1", "billing-7/consumer-2"};
        final String[] errorCodes = {"E-STOCK", "E-PRICE", "E-STOCK", "E-TIMEOUT"};
        for (int i = 0; i < 60; i++)
        {
            final String original = i % 4 == 0 ? "payments" : "orders";
            // Most arrive in a burst around a third of the way through the last hour and a half, the rest spread out.
            final long ageMs = i < 36 ? 3_600_000L - i * 20_000L : (60 - i) * 95_000L;
            final String reason = reasons[i % reasons.length];
            backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:aeolus-1-" + (9000 + i), original, reason,
                nowMs - ageMs, "expired".equals(reason) ? 1 : 5, consumers[i % consumers.length],
                Map.of("errorCode", errorCodes[i % errorCodes.length], "region", i % 2 == 0 ? "eu-west" : "us-east")));
        }
        backend.pagedOut("DLQ.orders", 0);
    }

    private static void addJobsAndTrash(final FakeBackend backend, final long nowMs)
    {
        backend.addJob(new JobInfo(0, JobKind.MOVE, "payments.refunds", "payments.archive", "refundAgeDays > 30",
            JobState.PAUSED, 12_000, 4_380, 12, 200, nowMs - 1_260_000L, 0));
        backend.addJob(new JobInfo(0, JobKind.PURGE, "audit.log", "", "level = 'DEBUG'", JobState.DONE, 48_210,
            48_210, 0, 0, nowMs - 5_400_000L, nowMs - 5_340_000L));
        backend.addJob(new JobInfo(0, JobKind.RETRY, "DLQ.payments", "", "", JobState.CANCELLED, 900, 312, 0, 50,
            nowMs - 2_700_000L, nowMs - 2_690_000L));
        backend.addJob(new JobInfo(0, JobKind.RETRY, "DLQ.shipping", "", DeadLetterProperty.REASON + " = 'expired'",
            JobState.RUNNING, 5_000, 1_830, 4, 25, nowMs - 74_000L, 0));
        backend.addTrash(TrashBatch.PURGE, "email.outbound", nowMs - 7_200_000L, 340);
        backend.addTrash(TrashBatch.DELETE, "orders", nowMs - 1_800_000L, 3);
        backend.addTrash(TrashBatch.PURGE, "search.index", nowMs - 600_000L, 1_275);
    }

    private static void addSubscriptions(final FakeBackend backend)
    {
        backend.addSubscription(new SubscriptionInfo("prices.eu", "risk-engine", "risk-1", true, false, "", 0, 2, 1));
        backend.addSubscription(new SubscriptionInfo(
            "prices.eu", "archive", "archiver", true, false, "venue = 'XETRA'", 1_284, 0, 0));
        backend.addSubscription(new SubscriptionInfo("prices.us", "quotes-ui", "", false, true, "", 12, 24, 4));
        backend.addSubscription(new SubscriptionInfo(
            "alerts", "pager", "", true, true, "severity >= 3", 3, 1, 2));
        backend.addSubscription(new SubscriptionInfo(
            "sessions.events", "audit", "auditor", true, false, "", 40_512, 0, 0));
    }

    /**
     * Moves the figures to time {@code nowMs} and publishes a snapshot to the backend's listeners.
     *
     * @param backend the backend to update and publish through.
     * @param nowMs   snapshot time, epoch milliseconds.
     */
    public static void tick(final FakeBackend backend, final long nowMs)
    {
        backend.publish(snapshotAt(backend, nowMs));
    }

    /**
     * Moves the figures to time {@code nowMs} and returns the snapshot without publishing it.
     *
     * @param backend the backend to update.
     * @param nowMs   snapshot time, epoch milliseconds.
     * @return the snapshot.
     */
    public static MetricsSnapshot snapshotAt(final FakeBackend backend, final long nowMs)
    {
        updateDestinations(backend, nowMs);
        final double phase = nowMs / 20_000.0;
        final double inRate = 1_800 + 650 * Math.sin(phase) + 220 * Math.sin(phase * 3.7);
        final double outRate = 1_750 + 600 * Math.sin(phase - 0.4) + 180 * Math.cos(phase * 2.9);
        return backend.snapshot(nowMs, Math.max(0, inRate), Math.max(0, outRate));
    }

    private static void updateDestinations(final FakeBackend backend, final long nowMs)
    {
        final long seconds = nowMs / 1_000L;
        for (int i = 0; i < QUEUES.length; i++)
        {
            final long depth = Math.round(40 + 35 * i + 30 * Math.sin(seconds / 17.0 + i));
            final double rate = Math.max(0, 180.0 / (i + 1) + 40 * Math.sin(seconds / 11.0 + i));
            backend.putDestination(new DestinationInfo(
                QUEUES[i], DestinationType.QUEUE, depth, i % 4, 1 + i % 3, 100_000L * (i + 1) + seconds % 100_000,
                i == 0 ? 16 : i == 2 ? 8 : 0, false, false, rate, rate * (0.95 + 0.05 * Math.cos(seconds / 7.0)),
                i == 0 ? backend.deadLetterCount("DLQ.orders") : 0, depth > 0 ? (2_000L + 1_500L * i) : 0, false));
        }
        for (int i = 0; i < TOPICS.length; i++)
        {
            final double rate = Math.max(0, 420.0 / (i + 1) + 60 * Math.cos(seconds / 13.0 + i));
            backend.putDestination(new DestinationInfo(TOPICS[i], DestinationType.TOPIC, 0, 0, 2 + i,
                500_000L * (i + 1) + seconds % 100_000, 0, false, false, rate));
        }
        backend.putDestination(new DestinationInfo(
            "DLQ.orders", DestinationType.QUEUE, backend.deadLetterCount("DLQ.orders"), 0, 0, 60, 0, true));
        // What a real broker lists besides the applications' destinations; hidden unless asked for.
        backend.putDestination(new DestinationInfo(SystemDestinations.MANAGEMENT_QUEUE, DestinationType.QUEUE,
            0, 0, 1, 9_999 + seconds % 1_000, 0, false, false, 2));
        backend.putDestination(new DestinationInfo(SystemDestinations.METRICS_TOPIC, DestinationType.TOPIC,
            0, 0, 1, seconds % 100_000, 0, false, false, 1));
        backend.putDestination(new DestinationInfo(SystemDestinations.TRASH_QUEUE, DestinationType.QUEUE,
            backend.trashCount(), 0, 0, 1_618, 0, false));
        backend.putDestination(new DestinationInfo("TQ.108.1", DestinationType.QUEUE, 0, 0, 1, 12, 0, false, true, 0));
    }

    private static BrowsedMessage stockUpdate(final int i, final long timestampMs)
    {
        final String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><stock xmlns=\"urn:aeolus:demo:inventory\">" +
            "<sku>AE-" + (100 + i * 20) + "</sku><warehouse code=\"FRA-" + (1 + i % 3) + "\">" +
            "<onHand>" + (40 + i * 7) + "</onHand><reserved>" + (i * 3) + "</reserved></warehouse>" +
            "<!-- nightly recount --><updatedBy>scanner-" + (i % 4) + "</updatedBy></stock>";
        return new BrowsedMessage("ID:aeolus-2-" + i, timestampMs, headers("ID:aeolus-2-" + i, timestampMs,
            "inventory.updates"), Map.of("source", "wms"), BodyType.TEXT, body, null,
            body.getBytes(StandardCharsets.UTF_8).length, false);
    }

    private static BrowsedMessage label(final int i, final long timestampMs)
    {
        final byte[] pdf = new byte[1_200 + i * 180];
        final byte[] head = ("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
            "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, pdf, 0, head.length);
        for (int b = head.length; b < pdf.length; b++)
        {
            pdf[b] = (byte)((b * 31 + i * 7) ^ (b >>> 3));
        }
        return new BrowsedMessage("ID:aeolus-3-" + i, timestampMs, headers("ID:aeolus-3-" + i, timestampMs,
            "shipping.labels"), Map.of("carrier", i % 2 == 0 ? "DHL" : "UPS", "format", "pdf"), BodyType.BYTES, "",
            pdf, pdf.length, false);
    }

    private static Map<String, String> headers(final String id, final long timestampMs, final String queue)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", id);
        headers.put("JMSDestination", "queue://" + queue);
        headers.put("JMSDeliveryMode", "PERSISTENT");
        headers.put("JMSPriority", "4");
        headers.put("JMSTimestamp", Long.toString(timestampMs));
        return headers;
    }

    private static BrowsedMessage order(final int i, final long timestampMs)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", "ID:aeolus-1-" + i);
        headers.put("JMSDestination", "queue://orders");
        headers.put("JMSDeliveryMode", "PERSISTENT");
        headers.put("JMSPriority", "4");
        headers.put("JMSTimestamp", Long.toString(timestampMs));
        headers.put("JMSCorrelationID", "cart-" + (7000 + i));
        final Map<String, String> properties = Map.of(
            "region", i % 2 == 0 ? "eu-west" : "us-east",
            "customerTier", i % 5 == 0 ? "gold" : "standard",
            "JMSXDeliveryCount", "1");
        final String body = "{\"orderId\":" + (41000 + i) + ",\"customer\":{\"id\":\"C-" + (300 + i % 40) +
            "\",\"name\":\"Ada Lovelace\"},\"lines\":[{\"sku\":\"AE-100\",\"qty\":2,\"price\":19.5}," +
            "{\"sku\":\"AE-220\",\"qty\":1,\"price\":120.0}],\"express\":" + (i % 3 == 0) + ",\"note\":null}";
        return new BrowsedMessage("ID:aeolus-1-" + i, timestampMs, headers, properties, body, body.length());
    }

    /**
     * Names of the demo queues, for tests that need one.
     *
     * @return the queue names.
     */
    public static List<String> queueNames()
    {
        return List.of(QUEUES);
    }
}
