package io.aeolus.jms.admin;

import io.aeolus.jms.message.AeolusMapMessage;
import io.aeolus.management.MetricsSnapshot;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defect 9, the receiving side: a slow listener gets only the latest complete snapshot, snapshots of
 * changes are merged in order, and a complete snapshot drops what was queued before it unread.
 */
@Timeout(30)
class MetricsFeedTest
{
    private static final long WAIT_S = 10;

    private final BlockingQueue<MetricsSnapshot> delivered = new LinkedBlockingQueue<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final MetricsFeed feed = new MetricsFeed((snapshot) ->
    {
        entered.countDown();
        awaitQuietly(release);
        delivered.add(snapshot);
    });

    @AfterEach
    void close()
    {
        release.countDown();
        feed.close();
    }

    @Test
    void aSlowListenerGetsOnlyTheLatestMergedSnapshot() throws Exception
    {
        feed.onMessage(message(complete(1_000, List.of(row("orders", 1), row("idle", 0)))));
        assertTrue(entered.await(WAIT_S, TimeUnit.SECONDS), "the first snapshot is handed over");
        // The listener is busy with it: these two queue up.
        feed.onMessage(message(changes(2_000, List.of(row("orders", 2)), List.of())));
        feed.onMessage(message(changes(3_000, List.of(row("orders", 3), row("new", 1)),
            List.of(new MetricsSnapshot.Key("idle", "QUEUE")))));
        release.countDown();

        assertEquals(1_000, delivered.poll(WAIT_S, TimeUnit.SECONDS).timestamp());
        final MetricsSnapshot latest = delivered.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(latest);
        assertEquals(3_000, latest.timestamp(), "the snapshot at 2 s is merged, not handed over on its own");
        assertEquals(List.of(row("orders", 3), row("new", 1)), latest.destinations());
        assertNull(delivered.poll(200, TimeUnit.MILLISECONDS), "nothing else: " + delivered);
    }

    @Test
    void aCompleteSnapshotDropsWhatWasQueuedBeforeItUnread() throws Exception
    {
        feed.onMessage(message(complete(1_000, List.of(row("orders", 1)))));
        assertTrue(entered.await(WAIT_S, TimeUnit.SECONDS));
        feed.onMessage(message(changes(2_000, List.of(row("orders", 2)), List.of())));
        feed.onMessage(message(complete(3_000, List.of(row("orders", 3), row("payments", 1)))));
        feed.onMessage(message(changes(4_000, List.of(row("payments", 2)), List.of())));
        release.countDown();

        delivered.poll(WAIT_S, TimeUnit.SECONDS);
        final MetricsSnapshot latest = delivered.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(latest);
        assertEquals(4_000, latest.timestamp());
        assertEquals(List.of(row("orders", 3), row("payments", 2)), latest.destinations());
        assertEquals(1, feed.dropped(), "the changes at 2 s were dropped undecoded");
    }

    @Test
    void changesBeforeAnyCompleteSnapshotAreNotHandedOver() throws Exception
    {
        release.countDown();
        feed.onMessage(message(changes(1_000, List.of(row("orders", 1)), List.of())));
        feed.onMessage(message(complete(2_000, List.of(row("orders", 2)))));

        assertEquals(2_000, delivered.poll(WAIT_S, TimeUnit.SECONDS).timestamp());
        assertNull(delivered.poll(200, TimeUnit.MILLISECONDS), "nothing else: " + delivered);
    }

    @Test
    void aSnapshotFromAnOlderBrokerWithoutThePropertyIsComplete() throws Exception
    {
        release.countDown();
        final MapMessage old = message(complete(1_000, List.of(row("orders", 1))));
        old.clearProperties();

        feed.onMessage(old);

        assertEquals(List.of(row("orders", 1)), delivered.poll(WAIT_S, TimeUnit.SECONDS).destinations());
    }

    @Test
    void aReadSnapshotLeavesNoDecodedBodyInItsMessage() throws Exception
    {
        release.countDown();
        final MapMessage message = message(complete(1_000, List.of(row("orders", 1), row("payments", 2))));

        feed.onMessage(message);

        assertEquals(2, delivered.poll(WAIT_S, TimeUnit.SECONDS).destinations().size());
        assertFalse(message.getMapNames().hasMoreElements(), "the message still holds its decoded body");
    }

    private static MapMessage message(final MetricsSnapshot snapshot) throws JMSException
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        snapshot.write(body);
        final AeolusMapMessage message = new AeolusMapMessage();
        for (final Map.Entry<String, Object> entry : body.entrySet())
        {
            message.setObject(entry.getKey(), entry.getValue());
        }
        message.setBooleanProperty(MetricsSnapshot.COMPLETE_PROPERTY, !snapshot.changesOnly());
        return message;
    }

    private static MetricsSnapshot complete(final long timestamp, final List<MetricsSnapshot.Destination> rows)
    {
        return new MetricsSnapshot(timestamp, 1, 1, timestamp, 10, 20, 0, rows, null);
    }

    private static MetricsSnapshot changes(
        final long timestamp, final List<MetricsSnapshot.Destination> rows, final List<MetricsSnapshot.Key> removed)
    {
        return new MetricsSnapshot(timestamp, 1, 1, timestamp, 10, 20, 0, rows, null, true, removed);
    }

    private static MetricsSnapshot.Destination row(final String name, final long depth)
    {
        return new MetricsSnapshot.Destination(name, "QUEUE", depth, 0, 0, depth, 0, 0, 0);
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(WAIT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
