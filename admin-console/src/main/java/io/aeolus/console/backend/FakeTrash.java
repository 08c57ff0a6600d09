package io.aeolus.console.backend;

import io.aeolus.management.TrashBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fake backend's trash: what its purges removed, by batch, until restored or past the retention. Not
 * thread-safe: {@link FakeBackend} calls it under its own monitor.
 */
final class FakeTrash
{
    /** How long a batch stays, as the broker's default retention. */
    static final long RETENTION_MS = 24 * 60 * 60 * 1_000L;

    private final List<Batch> batches = new ArrayList<>();
    private long nextBatch = 1;

    Batch add(
        final String operation,
        final String destination,
        final long nowMs,
        final long count,
        final List<BrowsedMessage> messages,
        final List<DeadLetter> deadLetters)
    {
        final Batch batch = new Batch(operation + "-fake-" + nextBatch++, operation, destination, nowMs,
            nowMs + RETENTION_MS, count, messages, deadLetters);
        batches.add(0, batch);
        return batch;
    }

    List<TrashBatch> list(final long nowMs)
    {
        batches.removeIf((batch) -> batch.expiresMs <= nowMs || batch.count == 0);
        final List<TrashBatch> rows = new ArrayList<>(batches.size());
        for (final Batch batch : batches)
        {
            rows.add(new TrashBatch(batch.id, batch.operation, batch.destination, batch.timeMs, batch.expiresMs,
                (int)batch.count));
        }
        return rows;
    }

    Batch take(final String id)
    {
        final Iterator<Batch> it = batches.iterator();
        while (it.hasNext())
        {
            final Batch batch = it.next();
            if (batch.id.equals(id))
            {
                it.remove();
                return batch;
            }
        }
        return null;
    }

    Batch find(final String id)
    {
        for (final Batch batch : batches)
        {
            if (batch.id.equals(id))
            {
                return batch;
            }
        }
        return null;
    }

    /**
     * One batch: the messages it holds (browsable ones and dead letters) and how many it counts; a purge job adds to
     * its batch as it goes.
     */
    static final class Batch
    {
        final String id;
        final String operation;
        final String destination;
        final long timeMs;
        final long expiresMs;
        final List<BrowsedMessage> messages;
        final List<DeadLetter> deadLetters;
        long count;

        Batch(
            final String id,
            final String operation,
            final String destination,
            final long timeMs,
            final long expiresMs,
            final long count,
            final List<BrowsedMessage> messages,
            final List<DeadLetter> deadLetters)
        {
            this.id = id;
            this.operation = operation;
            this.destination = destination;
            this.timeMs = timeMs;
            this.expiresMs = expiresMs;
            this.count = count;
            this.messages = new ArrayList<>(messages);
            this.deadLetters = new ArrayList<>(deadLetters);
        }
    }
}
