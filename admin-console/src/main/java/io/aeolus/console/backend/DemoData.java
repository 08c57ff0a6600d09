package io.aeolus.console.backend;

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
            backend.addConnection(new ConnectionInfo(
                "app-" + i, "10.8.0." + (10 + i) + ":5150", i % 2 == 0 ? "orders-svc" : "billing", 1 + i % 3, 2));
        }
        return backend;
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
            backend.putDestination(new DestinationInfo(
                QUEUES[i], DestinationType.QUEUE, depth, i % 4, 1 + i % 3, 100_000L * (i + 1) + seconds % 100_000,
                i == 0 ? 16 : i == 2 ? 8 : 0, false));
        }
        for (int i = 0; i < TOPICS.length; i++)
        {
            backend.putDestination(new DestinationInfo(
                TOPICS[i], DestinationType.TOPIC, 0, 0, 2 + i, 500_000L * (i + 1) + seconds % 100_000, 0, false));
        }
        backend.putDestination(new DestinationInfo(
            "DLQ.orders", DestinationType.QUEUE, backend.deadLetterCount("DLQ.orders"), 0, 0, 24, 0, true));
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
