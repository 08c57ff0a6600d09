package io.aeolus.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.payload;
import static io.aeolus.store.JournalTestSupport.remove;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H2JournalTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRecoverStoredMessagesInSequenceOrderAfterReopen()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(3), add("orders", 3, 10), store(1), add("orders", 1, 30)));
            journal.write(List.of(store(2), add("orders", 2, 20)));
        }

        try (H2Journal journal = open(directory))
        {
            final List<StoredReference> references = journal.readReferences("orders");

            assertEquals(List.of(3L, 2L, 1L), messageIds(references));
            assertEquals(List.of(10L, 20L, 30L), references.stream().map(StoredReference::sequence).toList());
            assertArrayEquals(payload(2), references.get(1).payload());
            assertEquals(4, references.get(1).priority());
            assertEquals(30, journal.readLastSequence("orders"));
            assertEquals(3, journal.readReferenceCount("orders"));
        }
    }

    @Test
    void shouldReadReferenceLengthsWithoutTheBodiesAfterReopen()
    {
        final int large = JournalSchema.LARGE_PAYLOAD_BYTES + 17;
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(
                new JournalCommand.StoreMessage(7, 4, 5_000L, 0, new byte[] {1, 2, 3}), add("r/log", 7, 100),
                new JournalCommand.StoreMessage(8, 4, 0, 0, new byte[large]), add("r/log", 8, 200),
                new JournalCommand.StoreMessage(9, 4, 0, 0, new byte[0]), add("r/log", 9, 300)));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(new ReferenceLength(100, 7, 3, 5_000L), new ReferenceLength(200, 8, large, 0),
                new ReferenceLength(300, 9, 0, 0)), journal.readReferenceLengths("r/log", -1, 10));
            assertEquals(List.of(new ReferenceLength(200, 8, large, 0)), journal.readReferenceLengths("r/log", 100, 1));
            assertEquals(List.of(), journal.readReferenceLengths("r/log", 300, 10));
            assertEquals(List.of(), journal.readReferenceLengths("nowhere", -1, 10));
            assertThrows(IllegalArgumentException.class, () -> journal.readReferenceLengths("r/log", -1, 0));
        }
    }

    @Test
    void shouldKeepMessageFieldsAsStored()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(
                new JournalCommand.StoreMessage(7, 9, 1_000_000L, 2_000_000L, new byte[] {1, 2, 3}),
                add("q", 7, 0)));
        }

        try (H2Journal journal = open(directory))
        {
            final StoredReference reference = journal.readReferences("q").get(0);

            assertEquals(new StoredReference(0, 7, 0, 9, 1_000_000L, 2_000_000L, reference.payload()), reference);
            assertArrayEquals(new byte[] {1, 2, 3}, reference.payload());
        }
    }

    @Test
    void shouldDeleteMessageWhenItsLastReferenceIsRemoved()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("a", 1, 0), add("b", 1, 0), store(2), add("a", 2, 1)));

            journal.write(List.of(remove("a", 1), remove("a", 2)));

            assertEquals(List.of(), journal.readReferences("a"));
            assertEquals(List.of(1L), messageIds(journal.readReferences("b")));
            assertEquals(1, journal.messageCount());
            assertEquals(1, journal.referenceCountOf(1));

            journal.write(List.of(remove("b", 1)));

            assertEquals(0, journal.messageCount());
            assertEquals(0, journal.readReferenceCount("a") + journal.readReferenceCount("b"));
        }
    }

    @Test
    void shouldNeverWriteMessageStoredAndAcknowledgedInTheSameBatch() throws Exception
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0), store(2), add("q", 2, 1), remove("q", 1)));

            assertEquals(1, journal.messagesWritten(), "only message 2 reaches the map");
            assertEquals(1, journal.messagesElided());
            assertEquals(List.of(2L), messageIds(journal.readReferences("q")));
            assertEquals(-1, journal.referenceCountOf(1));
            assertEquals(1, journal.readReferenceCount("q"));
            assertEquals(2, journal.readLastMessageId());
        }
    }

    @Test
    void shouldKeepMessageStoredWithoutReferencesForALaterBatch()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1)));
            journal.write(List.of(add("q", 1, 0)));

            assertEquals(List.of(1L), messageIds(journal.readReferences("q")));
            assertEquals(0, journal.messagesElided());
        }
    }

    @Test
    void shouldKeepDeliveryCountsAcrossReopen()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0), store(2), add("q", 2, 1),
                new JournalCommand.UpdateDeliveryCount("q", 2, 1)));
            journal.write(List.of(new JournalCommand.UpdateDeliveryCount("q", 1, 3)));
        }

        try (H2Journal journal = open(directory))
        {
            final List<StoredReference> references = journal.readReferences("q");

            assertEquals(3, references.get(0).deliveryCount());
            assertEquals(1, references.get(1).deliveryCount());
        }
    }

    @Test
    void shouldKeepDestinationsAndDurableSubscriptionsAcrossReopen()
    {
        final DurableSubscription shared = new DurableSubscription("sub.prices", null, "prices", "prices", null,
            false, true);
        final DurableSubscription selective = new DurableSubscription("sub.c1.audit", "c1", "audit", "events",
            "severity > 3", true, false);
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(
                new JournalCommand.CreateDestination(new Destination("orders", DestinationType.QUEUE)),
                new JournalCommand.CreateDestination(new Destination("events", DestinationType.TOPIC)),
                new JournalCommand.CreateDestination(new Destination("prices", DestinationType.TOPIC)),
                new JournalCommand.CreateDurableSubscription(shared),
                new JournalCommand.CreateDurableSubscription(selective)));
            journal.write(List.of(
                new JournalCommand.DeleteDestination(new Destination("prices", DestinationType.TOPIC))));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(
                new Destination("events", DestinationType.TOPIC),
                new Destination("orders", DestinationType.QUEUE)), journal.readDestinations());
            assertEquals(List.of(selective, shared), journal.readDurableSubscriptions());
        }
    }

    @Test
    void shouldStoreALargePayloadApartAndDeleteItWithItsMessage() throws Exception
    {
        final byte[] large = new byte[JournalSchema.LARGE_PAYLOAD_BYTES + 1];
        new java.util.Random(3).nextBytes(large);
        final String url;
        try (H2Journal journal = open(directory))
        {
            url = journal.context().connectionUrl();
            journal.write(List.of(new JournalCommand.StoreMessage(1, 4, 0, 0, large), add("q", 1, 0),
                store(2), add("q", 2, 1)));
        }
        try (H2Journal journal = open(directory))
        {
            final List<StoredReference> references = journal.readReferences("q");
            assertArrayEquals(large, references.get(0).payload());
            assertArrayEquals(payload(2), references.get(1).payload());
            assertEquals(1, count(url, "SELECT COUNT(*) FROM large_payloads"));
            journal.write(List.of(remove("q", 1)));
            assertEquals(0, count(url, "SELECT COUNT(*) FROM large_payloads"), "deleted with its message");
        }
    }

    @Test
    void shouldKeepAQueuesPauseAcrossReopenUntilItIsResumed()
    {
        final Destination orders = new Destination("orders", DestinationType.QUEUE);
        final Destination audit = new Destination("audit", DestinationType.QUEUE);
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.CreateDestination(orders),
                new JournalCommand.CreateDestination(audit), new JournalCommand.PauseDestination(orders, true),
                new JournalCommand.PauseDestination(audit, true)));
            journal.write(List.of(new JournalCommand.PauseDestination(audit, false)));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of("orders"), journal.readPausedQueues());
            journal.write(List.of(new JournalCommand.DeleteDestination(orders),
                new JournalCommand.CreateDestination(orders)));
            assertEquals(List.of(), journal.readPausedQueues(), "a queue created again starts unpaused");
        }
    }

    @Test
    void shouldDeleteReferencesAndOrphanedMessagesWithTheirQueue()
    {
        try (H2Journal journal = open(directory))
        {
            final DurableSubscription subscription = new DurableSubscription("sub.s", "c", "s", "t", null, false,
                false);
            journal.write(List.of(
                new JournalCommand.CreateDestination(new Destination("q", DestinationType.QUEUE)),
                new JournalCommand.CreateDurableSubscription(subscription),
                store(1), add("q", 1, 0), add("sub.s", 1, 0),
                store(2), add("q", 2, 1)));

            journal.write(List.of(new JournalCommand.DeleteDestination(new Destination("q", DestinationType.QUEUE))));

            assertEquals(List.of(), journal.readReferences("q"));
            assertEquals(1, journal.messageCount());

            journal.write(List.of(new JournalCommand.DeleteDurableSubscription("sub.s")));

            assertEquals(0, journal.messageCount());
            assertEquals(List.of(), journal.readDurableSubscriptions());
        }
    }

    @Test
    void shouldPageReferencesInOrder()
    {
        try (H2Journal journal = open(directory))
        {
            for (int batch = 0; batch < 5; batch++)
            {
                final List<JournalCommand> commands = new java.util.ArrayList<>();
                for (int i = 0; i < 10; i++)
                {
                    final long id = batch * 10L + i;
                    commands.add(store(id));
                    commands.add(add("big", id, 100 + id));
                }
                journal.write(commands);
            }

            final List<Long> seen = new java.util.ArrayList<>();
            long after = -1;
            List<StoredReference> page;
            while (!(page = journal.readReferences("big", after, 7)).isEmpty())
            {
                assertTrue(page.size() <= 7);
                seen.addAll(messageIds(page));
                after = page.get(page.size() - 1).sequence();
            }

            assertEquals(java.util.stream.LongStream.range(0, 50).boxed().toList(), seen);
            assertEquals(List.of(20L, 21L), messageIds(journal.readReferences("big", 119, 2)));
        }
    }

    @Test
    void shouldRememberLastMessageIdAcrossReopen()
    {
        try (H2Journal journal = open(directory))
        {
            assertEquals(-1, journal.readLastMessageId());
            journal.write(List.of(store(41), add("q", 41, 0), store(42), add("q", 42, 1)));
            journal.write(List.of(remove("q", 41), remove("q", 42)));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(42, journal.readLastMessageId());
            assertEquals(-1, journal.readLastSequence("q"));
        }
    }

    @Test
    void shouldApplyRemoveThenAddOfTheSameReferenceInOneBatch()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0), store(2), add("q", 2, 1)));

            journal.write(List.of(remove("q", 1), add("q", 1, 5), new JournalCommand.UpdateDeliveryCount("q", 1, 2)));

            final List<StoredReference> references = journal.readReferences("q");
            assertEquals(List.of(2L, 1L), messageIds(references));
            assertEquals(5, references.get(1).sequence());
            assertEquals(2, references.get(1).deliveryCount());
        }
    }

    @Test
    void shouldFailAndRefuseWritesAfterAnInconsistentBatch()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0)));

            assertThrows(JournalException.class, () -> journal.write(List.of(store(1), add("q", 1, 1))));

            assertTrue(journal.isFailed());
            assertThrows(IllegalStateException.class, () -> journal.write(List.of(store(2))));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(1L), messageIds(journal.readReferences("q")));
        }
    }

    @Test
    void shouldRefuseJournalWrittenByNewerVersion() throws Exception
    {
        final String url;
        try (H2Journal journal = open(directory))
        {
            url = journal.context().connectionUrl();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES (99, 0)");
        }

        final JournalException ex = assertThrows(JournalException.class, () -> open(directory));

        assertTrue(ex.getMessage().contains("99"), ex.getMessage());
    }

    @Test
    void shouldKeepAsyncWritesAfterCleanClose()
    {
        try (H2Journal journal = H2Journal.open(
            new H2Journal.Context().dataDirectory(directory).durability(Durability.ASYNC)))
        {
            journal.write(List.of(store(1), add("q", 1, 0)));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(1L), messageIds(journal.readReferences("q")));
        }
    }
}
