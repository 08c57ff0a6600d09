package io.aeolus.management;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defect 9: snapshots of changes only, on the wire and merged back into complete snapshots.
 */
@Timeout(10)
class MetricsMergerTest
{
    private static final MetricsSnapshot.Destination ORDERS = destination("orders", "QUEUE", 5, 2.0, 1_000);
    private static final MetricsSnapshot.Destination IDLE = destination("idle", "QUEUE", 0, 0, 0);
    private static final MetricsSnapshot.Destination PRICES = destination("prices", "TOPIC", 0, 4.0, 0);

    private final MetricsMerger merger = new MetricsMerger();

    @Test
    void aSnapshotOfChangesReadsBackWithItsRemovedKeys()
    {
        final MetricsSnapshot changes = changes(2_000, List.of(ORDERS), List.of(new MetricsSnapshot.Key("x", "TOPIC")));
        final Map<String, Object> body = new LinkedHashMap<>();
        changes.write(body);

        final MetricsSnapshot read = MetricsSnapshot.read(body);

        assertEquals(changes, read);
        assertTrue(read.changesOnly());
        assertEquals(List.of(new MetricsSnapshot.Key("x", "TOPIC")), read.removed());
    }

    @Test
    void aBodyWithoutTheMarkIsCompleteAsBefore()
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        complete(1_000, List.of(ORDERS)).write(body);

        assertFalse(body.containsKey("changesOnly"), "a complete snapshot is written as before: " + body.keySet());
        final MetricsSnapshot read = MetricsSnapshot.read(body);
        assertFalse(read.changesOnly());
        assertEquals(List.of(), read.removed());
    }

    @Test
    void changesBeforeTheFirstCompleteSnapshotGiveNothing()
    {
        assertNull(merger.merge(changes(1_000, List.of(ORDERS), List.of())));

        final MetricsSnapshot first = complete(2_000, List.of(ORDERS, IDLE));
        assertSame(first, merger.merge(first));
    }

    @Test
    void quietDestinationsKeepTheirFiguresChangedOnesUpdateRemovedOnesLeave()
    {
        merger.merge(complete(1_000, List.of(ORDERS, IDLE, PRICES)));
        final MetricsSnapshot.Destination ordersLater = destination("orders", "QUEUE", 9, 0.0, 1_500);
        final MetricsSnapshot.Destination added = destination("new", "QUEUE", 1, 1.0, 0);

        final MetricsSnapshot merged = merger.merge(changes(2_000, List.of(ordersLater, added),
            List.of(PRICES.key())));

        assertFalse(merged.changesOnly());
        assertEquals(2_000, merged.timestamp());
        assertEquals(List.of(ordersLater, IDLE, added), merged.destinations());
    }

    @Test
    void theOldestMessageOfAnUnchangedDestinationAgesWithTime()
    {
        merger.merge(complete(1_000, List.of(ORDERS, IDLE)));

        merger.merge(changes(2_000, List.of(), List.of()));
        final MetricsSnapshot merged = merger.merge(changes(3_500, List.of(), List.of()));

        assertEquals(1_000 + 2_500, merged.destinations().get(0).oldestAgeMs(), "aged by the 2.5 s since");
        assertEquals(0, merged.destinations().get(1).oldestAgeMs(), "an empty queue has no oldest message");
    }

    @Test
    void aCompleteSnapshotReplacesWhatWasMerged()
    {
        merger.merge(complete(1_000, List.of(ORDERS, IDLE)));
        merger.merge(changes(2_000, List.of(PRICES), List.of()));

        final MetricsSnapshot merged = merger.merge(complete(3_000, List.of(IDLE)));

        assertEquals(List.of(IDLE), merged.destinations());
        assertEquals(List.of(IDLE), merger.merge(changes(4_000, List.of(), List.of())).destinations());
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

    private static MetricsSnapshot.Destination destination(
        final String name, final String type, final long depth, final double enqueueRate, final long oldestAgeMs)
    {
        return new MetricsSnapshot.Destination(name, type, depth, 0, 1, 10, 5, enqueueRate, 0, 0, 0, 0, 0, 0, 0,
            depth * 100, oldestAgeMs, 0);
    }
}
