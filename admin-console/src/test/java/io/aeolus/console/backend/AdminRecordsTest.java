package io.aeolus.console.backend;

import io.aeolus.management.MessageInfo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminRecordsTest
{
    @Test
    void shouldTakeAQueueNamedAsAnothersDeadLetterQueueForOneBeforeItsFirstDeadLetter()
    {
        final List<DestinationInfo> rows = AdminRecords.destinations(List.of(
            queue("orders", false, "DLQ.orders"),
            queue("DLQ.orders", false, ""),
            queue("DLQ.payments", true, ""),
            queue("DLQ.look.alike", false, "")));

        assertFalse(rows.get(0).deadLetterQueue());
        assertTrue(rows.get(1).deadLetterQueue(), "named as the dead-letter queue of orders");
        assertTrue(rows.get(2).deadLetterQueue(), "marked by the broker");
        assertFalse(rows.get(3).deadLetterQueue());
    }

    @Test
    void shouldCarryTheDeadLetterDepthAndOldestAgeOfTheListingIntoMetricsRows()
    {
        final io.aeolus.management.DestinationInfo listed = new io.aeolus.management.DestinationInfo("orders", "QUEUE",
            4, 0, 0, 1, 9, 5, 0, 2, 100, false, false, 65_000, 1, "DLQ.orders", 2, 0);
        final DestinationInfo row = AdminRecords.destination(listed, false);
        final io.aeolus.management.MetricsSnapshot snapshot = new io.aeolus.management.MetricsSnapshot(1L, 1, 1, 1, 1,
            1, 0, List.of(new io.aeolus.management.MetricsSnapshot.Destination("orders", "QUEUE", 3, 0, 1, 10, 6,
            2.5, 1.5)), new io.aeolus.management.MetricsSnapshot.Journal(4096, 7, 3.0, 250.0, 900));

        final MetricsSnapshot metrics = AdminRecords.metrics(snapshot, Map.of("orders", row));

        assertEquals(2, row.dlqDepth());
        assertEquals(65_000, row.oldestAgeMs());
        final DestinationInfo live = metrics.destinations().get(0);
        assertEquals(3, live.depth());
        assertEquals(2.5, live.inRatePerSec());
        assertEquals(2, live.dlqDepth(), "kept from the listing");
        assertEquals(65_000, live.oldestAgeMs(), "kept from the listing");
        assertEquals(new MetricsSnapshot.JournalFigures(4096, 7, 3.0, 250.0, 900), metrics.journal());
    }

    @Test
    void shouldReadTheDeadLetterPropertiesAndKeepTheApplicationsOwn()
    {
        final MessageInfo info = new MessageInfo("ID:1", "", "", "", 5L, 0, 4, true, 6, "TEXT", 2, "x", false,
            Map.of("AEOLUS_DLQ_ORIGINAL_DESTINATION", "orders", "AEOLUS_DLQ_REASON", "expired",
                "AEOLUS_DLQ_TIME", 77L, "AEOLUS_DLQ_DELIVERY_COUNT", 5, "AEOLUS_DLQ_LAST_CONSUMER", "app/consumer-3",
                "errorCode", "E-STOCK"));

        final DeadLetter deadLetter = AdminRecords.deadLetter(info);

        assertEquals(new DeadLetter("ID:1", "orders", "expired", 77L, 5, "app/consumer-3",
            Map.of("errorCode", "E-STOCK")), deadLetter);
    }

    private static io.aeolus.management.DestinationInfo queue(
        final String name, final boolean marked, final String dlq)
    {
        return new io.aeolus.management.DestinationInfo(name, "QUEUE", 1, 0, 0, 0, 1, 0, 0, 0, 10, marked, false, 0, 0,
            dlq, 0, 0);
    }
}
