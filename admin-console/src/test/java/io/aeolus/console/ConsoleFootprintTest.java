package io.aeolus.console;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.tasks.ImmediateTaskRunner;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defect 9: the heap the console's view models keep per destination. The console is given 10,000
 * destinations through the metrics path (as a broker publishes them, several snapshots, so rows are made and then
 * updated), and the heap in use after a full collection is compared with the heap before. What is counted is what the
 * console holds for a destination: its table row with its properties, the name lists of the queue choosers and the
 * last snapshot. Measured at about 720 bytes a destination (7 MiB for 10,000); the bound is over five times that, so
 * the test fails on a bad regression (a per-destination history buffer, a copy of every snapshot kept, a cache that
 * never empties), not on noise. Bytes, never time.
 */
@Timeout(120)
class ConsoleFootprintTest
{
    private static final int DESTINATIONS = 10_000;
    private static final int SNAPSHOTS = 5;
    /** Over five times what a destination costs today (see the class comment). */
    private static final long MAX_BYTES_PER_DESTINATION = 4_096;

    private final FakeBackend backend = new FakeBackend();
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final ConsoleViewModel viewModel = new ConsoleViewModel(
        backend, new ImmediateTaskRunner(), uiQueue::add, ResourceBundle.getBundle("io.aeolus.console.messages"));

    @Test
    void theViewModelsKeepLittleHeapPerDestination()
    {
        viewModel.connect("aeolus:ipc", "admin", new char[0]);
        drainUi();
        final long before = usedHeapAfterGc();

        for (int tick = 1; tick <= SNAPSHOTS; tick++)
        {
            backend.publish(snapshot(tick));
            drainUi();
        }
        final long after = usedHeapAfterGc();

        assertEquals(DESTINATIONS, viewModel.destinations().totalCount(), "every destination is in the model");
        final long perDestination = (after - before) / DESTINATIONS;
        System.out.printf("console view models: %d bytes a destination (%d destinations, %.1f MiB)%n",
            perDestination, DESTINATIONS, (after - before) / 1_048_576.0);
        assertTrue(perDestination < MAX_BYTES_PER_DESTINATION, "the console keeps " + perDestination +
            " bytes of heap a destination, more than " + MAX_BYTES_PER_DESTINATION);
    }

    private static MetricsSnapshot snapshot(final int tick)
    {
        final List<DestinationInfo> rows = new ArrayList<>(DESTINATIONS);
        for (int i = 0; i < DESTINATIONS; i++)
        {
            // A new name string each snapshot, as a decoded message brings.
            final String name = new StringBuilder(0 == i % 4 ? "orders." : 1 == i % 4 ? "payments." :
                2 == i % 4 ? "DLQ.orders." : "prices.").append(i).toString();
            rows.add(new DestinationInfo(name, 3 == i % 4 ? DestinationType.TOPIC : DestinationType.QUEUE,
                (i * 7L + tick) % 1_000, i % 5, i % 3, i * 11L + tick * 3L, 0, 2 == i % 4, false, (i + tick) % 40, 0));
        }
        return new MetricsSnapshot(1_795_000_000_000L + tick * 1_000L, DESTINATIONS, DESTINATIONS / 2.0, 3, rows);
    }

    private void drainUi()
    {
        Runnable task;
        while (null != (task = uiQueue.poll()))
        {
            task.run();
        }
    }

    /**
     * @return the heap in use after full collections, the least of four (also {@code ScaleViewIT}'s measure).
     */
    static long usedHeapAfterGc()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++)
        {
            memory.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
