package io.aeolus.console.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible fixture data for a {@link FakeBackend}: the demo mode of the console and its screenshots. The
 * figures are a deterministic function of time, so screenshots are stable. Any thread.
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
        final String[] reasons = {
            "max redeliveries (5) exceeded", "expired", "InvalidSelectorException in consumer",
            "consumer threw java.lang.NumberFormatException"
        };
        for (int i = 0; i < 24; i++)
        {
            final String original = i % 3 == 0 ? "payments" : "orders";
            backend.addDeadLetter("DLQ.orders", new DeadLetter(
                "ID:aeolus-1-" + (9000 + i), original, reasons[i % reasons.length],
                nowMs - (24 - i) * 95_000L, 1 + i % 6));
        }
        for (int i = 0; i < 7; i++)
        {
            backend.addConnection(new ConnectionInfo(101 + i, "app-" + i, "10.8.0." + (10 + i) + ":40" + (12 + i),
                i % 2 == 0 ? "orders-svc" : "billing", 1 + i % 3, 2 + i % 2, 1 + i % 4, false));
        }
        backend.addConnection(new ConnectionInfo(
            108, "aeolus-console-5f3a91c2", "10.8.0.2:40990", "ops", 2, 2, 1, true));
        addSubscriptions(backend);
        for (int i = 0; i < 6; i++)
        {
            backend.addMessage("inventory.updates", stockUpdate(i, nowMs - (6 - i) * 4_000L));
            backend.addMessage("shipping.labels", label(i, nowMs - (6 - i) * 9_000L));
        }
        return backend;
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
     * Builds one metrics snapshot per second for the last five minutes, so a rate chart can start full.
     *
     * @param backend the backend whose destinations the snapshots describe; updated as a side effect.
     * @param nowMs   time of the newest snapshot, epoch milliseconds.
     * @return 300 snapshots, oldest first.
     */
    public static List<MetricsSnapshot> history(final FakeBackend backend, final long nowMs)
    {
        final List<MetricsSnapshot> snapshots = new ArrayList<>(300);
        for (long t = nowMs - 299_000L; t <= nowMs; t += 1_000L)
        {
            snapshots.add(snapshotAt(backend, t));
        }
        return snapshots;
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
                i == 0 ? 16 : i == 2 ? 8 : 0, false, false, rate));
        }
        for (int i = 0; i < TOPICS.length; i++)
        {
            final double rate = Math.max(0, 420.0 / (i + 1) + 60 * Math.cos(seconds / 13.0 + i));
            backend.putDestination(new DestinationInfo(TOPICS[i], DestinationType.TOPIC, 0, 0, 2 + i,
                500_000L * (i + 1) + seconds % 100_000, 0, false, false, rate));
        }
        backend.putDestination(new DestinationInfo(
            "DLQ.orders", DestinationType.QUEUE, backend.deadLetterCount("DLQ.orders"), 0, 0, 24, 0, true));
        // What a real broker lists besides the applications' destinations; hidden unless asked for.
        backend.putDestination(new DestinationInfo(SystemDestinations.MANAGEMENT_QUEUE, DestinationType.QUEUE,
            0, 0, 1, 9_999 + seconds % 1_000, 0, false, false, 2));
        backend.putDestination(new DestinationInfo(SystemDestinations.METRICS_TOPIC, DestinationType.TOPIC,
            0, 0, 1, seconds % 100_000, 0, false, false, 1));
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
