package io.aeolus.broker.management;

import io.aeolus.management.MetricsMerger;
import io.aeolus.management.MetricsSnapshot;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defect 9: with many destinations the broker publishes only what changed, a complete snapshot now and
 * then and for a new subscriber; and what a merging receiver makes of it equals the complete snapshots.
 */
@Timeout(30)
class MetricsChangesTest
{
    private static final int DESTINATIONS = 10_000;

    @Test
    void belowTheThresholdEverySnapshotIsComplete()
    {
        final MetricsChanges changes = new MetricsChanges(100, 30_000);

        for (int tick = 1; tick <= 3; tick++)
        {
            final MetricsSnapshot snapshot = snapshot(tick * 1_000L, 99, List.of());
            assertSame(snapshot, changes.toPublish(snapshot, false));
        }
    }

    @Test
    void manyQuietDestinationsArePublishedOnceThenOnlyTheChangedOnes()
    {
        final MetricsChanges changes = new MetricsChanges(MetricsChanges.DEFAULT_THRESHOLD, 30_000);

        final MetricsSnapshot first = changes.toPublish(snapshot(1_000, DESTINATIONS, List.of()), false);
        final MetricsSnapshot second = changes.toPublish(snapshot(2_000, DESTINATIONS, List.of(7)), false);
        final MetricsSnapshot third = changes.toPublish(snapshot(3_000, DESTINATIONS, List.of()), false);
        final MetricsSnapshot fourth = changes.toPublish(snapshot(4_000, DESTINATIONS, List.of()), false);

        assertFalse(first.changesOnly(), "the first snapshot is complete");
        assertEquals(DESTINATIONS, first.destinations().size());
        assertTrue(second.changesOnly());
        assertEquals(List.of("q.7"), names(second), "only the one with traffic (the others' oldest messages aged)");
        assertEquals(List.of("q.7"), names(third), "published once more as it goes quiet: rate back to 0");
        assertEquals(0.0, third.destinations().get(0).enqueueRate());
        assertEquals(List.of(), names(fourth), "then not until it changes");
        assertEquals(4_000, fourth.timestamp(), "broker-wide figures always come");
    }

    @Test
    void aCompleteSnapshotComesAfterTheIntervalAndForANewSubscriber()
    {
        final MetricsChanges changes = new MetricsChanges(10, 5_000);

        assertFalse(changes.toPublish(snapshot(1_000, 20, List.of()), false).changesOnly());
        assertTrue(changes.toPublish(snapshot(2_000, 20, List.of()), false).changesOnly());
        assertFalse(changes.toPublish(snapshot(3_000, 20, List.of()), true).changesOnly(), "a new subscriber");
        assertTrue(changes.toPublish(snapshot(7_000, 20, List.of()), false).changesOnly());
        assertFalse(changes.toPublish(snapshot(8_000, 20, List.of()), false).changesOnly(), "5 s after the last");
    }

    @Test
    void removedAndAddedDestinationsArePublished()
    {
        final MetricsChanges changes = new MetricsChanges(10, 30_000);
        changes.toPublish(snapshot(1_000, 20, List.of()), false);
        final List<MetricsSnapshot.Destination> rows = new ArrayList<>(snapshot(2_000, 20, List.of()).destinations());
        rows.remove(3);
        rows.add(destination(2_000, 99, false));

        final MetricsSnapshot published = changes.toPublish(snapshot(2_000, rows), false);

        assertEquals(List.of("q.99"), names(published));
        assertEquals(List.of(new MetricsSnapshot.Key("q.3", "QUEUE")), published.removed());
    }

    @Test
    void aMergingReceiverSeesTheCompleteSnapshotsEveryTick()
    {
        final MetricsChanges changes = new MetricsChanges(10, 4_000);
        final MetricsMerger merger = new MetricsMerger();
        for (int tick = 1; tick <= 12; tick++)
        {
            final List<MetricsSnapshot.Destination> rows = new ArrayList<>();
            for (int i = 0; i < 50; i++)
            {
                // Some come and go, some have traffic now and then, some never.
                if (i % 7 != tick % 7)
                {
                    rows.add(destination(tick * 1_000L, i, i % 3 == 0 && tick % 2 == 0));
                }
            }
            final MetricsSnapshot complete = snapshot(tick * 1_000L, rows);

            final MetricsSnapshot merged = merger.merge(changes.toPublish(complete, false));

            assertEquals(complete.destinations().stream().sorted(java.util.Comparator.comparing(
                MetricsSnapshot.Destination::name)).toList(), merged.destinations().stream().sorted(
                java.util.Comparator.comparing(MetricsSnapshot.Destination::name)).toList(), "tick " + tick);
        }
    }

    @Test
    void refusesNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new MetricsChanges(0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new MetricsChanges(10, 0));
    }

    private static List<String> names(final MetricsSnapshot snapshot)
    {
        return snapshot.destinations().stream().map(MetricsSnapshot.Destination::name).toList();
    }

    /** Destinations q.0 .. q.(count-1), those listed with traffic in the last second. */
    private static MetricsSnapshot snapshot(final long nowMs, final int count, final List<Integer> busy)
    {
        final List<MetricsSnapshot.Destination> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            rows.add(destination(nowMs, i, busy.contains(i)));
        }
        return snapshot(nowMs, rows);
    }

    private static MetricsSnapshot snapshot(final long nowMs, final List<MetricsSnapshot.Destination> rows)
    {
        return new MetricsSnapshot(nowMs, 2, 3, nowMs, 100, 200, 0, rows, null);
    }

    /**
     * A queue whose oldest message was sent at 500 ms (odd ones are empty); a busy one has a message more and a rate.
     */
    private static MetricsSnapshot.Destination destination(final long nowMs, final int i, final boolean busy)
    {
        final long depth = 0 == i % 2 ? 3 : 0;
        return new MetricsSnapshot.Destination("q." + i, "QUEUE", depth + (busy ? 1 : 0), 0, 1, 10 + nowMs / 1_000 *
            (busy ? 1 : 0), 7, busy ? 1.0 : 0.0, 0, 0, 0, 0, 0, 0, 0, depth * 64, 0 == depth ? 0 : nowMs - 500, 0);
    }
}
