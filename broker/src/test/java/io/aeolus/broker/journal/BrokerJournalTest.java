package io.aeolus.broker.journal;

import io.aeolus.broker.engine.EngineInputs;
import io.aeolus.store.Destination;
import io.aeolus.store.DestinationType;
import io.aeolus.store.Durability;
import io.aeolus.store.H2Journal;
import io.aeolus.store.JournalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
        final io.aeolus.broker.engine.Durability durability = journal.durability();
        try
        {
            durability.append(new JournalCommand.CreateDestination(new Destination("orders", DestinationType.QUEUE)));
            awaitDurable(journal, durability, durability.lastAppended());
            final long batchesBefore = durability.statistics().batches();
            woken.set(false);

            // One persistent send: the message and its reference, appended in one duty cycle of the conductor.
            durability.append(new JournalCommand.StoreMessage(1, 4, 0, 0, new byte[]{1, 2, 3}));
            // Offered at once, the message would be written alone, a batch of its own, while the journal thread waits
            // for work: give it the chance.
            final long windowEndNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            while (System.nanoTime() - windowEndNs < 0)
            {
                assertEquals(batchesBefore, durability.statistics().batches(), "nothing written before the next poll");
                Thread.yield();
            }
            final long last = durability.append(new JournalCommand.AddReference("orders", 1, 1));
            awaitDurable(journal, durability, last);

            assertEquals(1, durability.statistics().batches() - batchesBefore, "one batch, so one forced write");
            assertTrue(woken.get(), "the completion woke the conductor");
        }
        finally
        {
            journal.close();
        }
    }

    private static void awaitDurable(
        final BrokerJournal journal, final io.aeolus.broker.engine.Durability durability, final long position)
    {
        final AtomicLong durable = new AtomicLong();
        final EngineInputs inputs = (EngineInputs)Proxy.newProxyInstance(
            EngineInputs.class.getClassLoader(), new Class<?>[]{ EngineInputs.class }, (proxy, method, args) ->
            {
                if ("onDurable".equals(method.getName()))
                {
                    durable.set(Math.max(durable.get(), (Long)args[0]));
                }
                return null;
            });
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (durable.get() < position)
        {
            assertFalse(System.nanoTime() - deadlineNs > 0, "not durable in time");
            journal.poll(inputs);
            Thread.yield();
        }
    }
}
