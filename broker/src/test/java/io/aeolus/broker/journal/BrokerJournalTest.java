package io.aeolus.broker.journal;

import io.aeolus.store.Destination;
import io.aeolus.store.DestinationType;
import io.aeolus.store.Durability;
import io.aeolus.store.H2Journal;
import io.aeolus.store.JournalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrokerJournalTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldWriteTheCommandsOfOneDutyCycleAsOneBatchAndWakeTheConductorWhenDurable()
    {
        final BrokerJournal journal = BrokerJournal.openH2(
            new H2Journal.Context().dataDirectory(dataDir).durability(Durability.SYNC), Throwable::printStackTrace);
        final AtomicBoolean woken = new AtomicBoolean();
        journal.start(() -> woken.set(true));
        try
        {
            journal.append(new JournalCommand.CreateDestination(new Destination("orders", DestinationType.QUEUE)));
            awaitDurable(journal, journal.lastAppended());
            final long batchesBefore = journal.statistics().batches();
            woken.set(false);

            // One persistent send: the message and its reference, appended in one duty cycle of the conductor.
            journal.append(new JournalCommand.StoreMessage(1, 4, 0, 0, new byte[]{1, 2, 3}));
            // Offered at once, the message would be written alone, a batch of its own, while the journal thread waits
            // for work: give it the chance.
            final long windowEndNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            while (System.nanoTime() - windowEndNs < 0)
            {
                assertEquals(batchesBefore, journal.statistics().batches(), "nothing written before the next poll");
                Thread.yield();
            }
            final long last = journal.append(new JournalCommand.AddReference("orders", 1, 1));
            awaitDurable(journal, last);

            assertEquals(1, journal.statistics().batches() - batchesBefore, "one batch, so one forced write");
            assertTrue(woken.get(), "the completion woke the conductor");
        }
        finally
        {
            journal.close();
        }
    }

    private static void awaitDurable(final BrokerJournal journal, final long sequence)
    {
        final AtomicBoolean durable = new AtomicBoolean();
        journal.whenDurable(sequence, () -> durable.set(true), (failure) -> { });
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!durable.get())
        {
            assertFalse(System.nanoTime() - deadlineNs > 0, "not durable in time");
            journal.poll();
            Thread.yield();
        }
    }
}
