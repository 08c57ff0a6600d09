package io.aeolus.jms.admin;

import io.aeolus.management.MetricsMerger;
import io.aeolus.management.MetricsSnapshot;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The receiving end of {@code aeolus.metrics} (issue #20, defect 9): hands a listener complete snapshots, the latest
 * only, however far behind the listener is. The session's delivery thread only queues each message, still encoded
 * (a map body is decoded on first access), so nothing piles up in the consumer's prefetch while a snapshot is
 * decoded or applied; a complete snapshot drops every message queued before it (it replaces them all, and the
 * message property {@link MetricsSnapshot#COMPLETE_PROPERTY} says so without decoding). A thread of its own decodes
 * what is queued in order, merges snapshots of changes into the last complete one ({@link MetricsMerger}) and, once
 * the queue is empty, gives the listener the latest result: so at most one complete snapshot waits, encoded, while
 * another is decoded and the listener holds a third.
 */
final class MetricsFeed implements MessageListener, AutoCloseable
{
    private final Consumer<MetricsSnapshot> listener;
    private final MetricsMerger merger = new MetricsMerger();
    private final ArrayDeque<Message> queued = new ArrayDeque<>();
    private final ExecutorService decoder = Executors.newSingleThreadExecutor((runnable) ->
    {
        final Thread thread = new Thread(runnable, "aeolus-metrics-feed");
        thread.setDaemon(true);
        return thread;
    });
    private boolean draining;
    private long dropped;

    /**
     * @param listener called on the feed's own thread with the latest complete snapshot.
     */
    MetricsFeed(final Consumer<MetricsSnapshot> listener)
    {
        this.listener = listener;
    }

    @Override
    public void onMessage(final Message message)
    {
        if (!(message instanceof MapMessage))
        {
            return;
        }
        final boolean complete = isComplete(message);
        synchronized (queued)
        {
            if (complete)
            {
                dropped += queued.size();
                queued.clear();
            }
            queued.addLast(message);
            if (draining)
            {
                return;
            }
            draining = true;
        }
        try
        {
            decoder.execute(this::drain);
        }
        catch (final RejectedExecutionException ex)
        {
            return; // closed meanwhile
        }
    }

    /**
     * @return messages dropped unread because a complete snapshot came after them (for tests and diagnostics).
     */
    long dropped()
    {
        synchronized (queued)
        {
            return dropped;
        }
    }

    @Override
    public void close()
    {
        decoder.shutdownNow();
        synchronized (queued)
        {
            queued.clear();
        }
    }

    private void drain()
    {
        MetricsSnapshot latest = null;
        while (true)
        {
            final Message next;
            synchronized (queued)
            {
                next = queued.pollFirst();
                if (null == next && null == latest)
                {
                    draining = false;
                    return;
                }
            }
            if (null == next)
            {
                // Nothing newer queued: hand over the latest, then look again (more may have come meanwhile).
                deliver(latest);
                latest = null;
                continue;
            }
            final MetricsSnapshot read = read((MapMessage)next);
            final MetricsSnapshot merged = null == read ? null : merger.merge(read);
            if (null != merged)
            {
                latest = merged;
            }
        }
    }

    private void deliver(final MetricsSnapshot snapshot)
    {
        try
        {
            listener.accept(snapshot);
        }
        catch (final RuntimeException ex)
        {
            // The listener's own failure must not stop the feed: the next snapshot comes in a second.
            return;
        }
    }

    /**
     * Reads the snapshot and empties the message: a map message keeps its body decoded once read, and for a complete
     * snapshot of 10,000 destinations that is 180,000 entries with their names and boxed figures, about 25 MiB of heap,
     * kept for as long as anything in the client still refers to the delivered message.
     *
     * @return the snapshot, null if it cannot be read (skipped: the next complete one repairs what it changed).
     */
    private static MetricsSnapshot read(final MapMessage message)
    {
        try
        {
            final MetricsSnapshot snapshot = MetricsSnapshot.read(MessageRows.body(message));
            message.clearBody();
            return snapshot;
        }
        catch (final JMSException ex)
        {
            return null;
        }
    }

    private static boolean isComplete(final Message message)
    {
        try
        {
            return !message.propertyExists(MetricsSnapshot.COMPLETE_PROPERTY) ||
                message.getBooleanProperty(MetricsSnapshot.COMPLETE_PROPERTY);
        }
        catch (final JMSException ex)
        {
            return false; // kept and decoded in order, the body says what it is
        }
    }
}
