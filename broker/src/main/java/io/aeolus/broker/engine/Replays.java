package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.management.ReplayInfo;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.StoredReplay;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays of a retained topic into a queue: the messages the topic retains that were published within a time range,
 * copied in the order they were published (each a message of its own in the queue, with the same JMSMessageID and
 * the property {@value #REPLAYED_FROM} naming the topic), at most {@link EngineSettings#replayBatch()} messages per
 * timer tick across every replay, so that a long replay never stalls deliveries. A replay acts on what was retained
 * when it started; a message dropped from the window before its turn is counted as skipped.
 * <p>
 * A replay survives a restart: it is journaled when it starts ({@link JournalCommand.PutReplay}), and each slice's
 * copies are appended in one atomic group with the replay's progress after them, so the journal never holds a copy
 * without the progress that accounts for it, nor progress past a copy it lost. Recovery ({@link #recover}) gives the
 * replays back as they were last committed, and a running one goes on from its next sequence: every message of its
 * range reaches the queue once. Replays are in engine snapshots too ({@link RetentionSnapshot}). The last
 * {@value #KEEP_FINISHED} finished ones are kept (and listed); older ones are forgotten, in the journal too. Engine
 * thread only.
 */
final class Replays
{
    /** Property a replayed message carries: the topic it was published to. */
    static final String REPLAYED_FROM = "AEOLUS_REPLAYED_FROM";
    static final int KEEP_FINISHED = 50;

    private final Destinations d;
    private final int perTick;
    final ArrayList<Replay> replays = new ArrayList<>();
    long nextId = 1;

    Replays(final Destinations destinations, final int perTick)
    {
        this.d = destinations;
        this.perTick = perTick;
    }

    /**
     * Starts a replay; the caller checked the names and the permissions.
     *
     * @param topic  a topic with retention.
     * @param queue  the queue to copy into, created if needed.
     * @param fromMs the earliest publication time, epoch ms, inclusive.
     * @param toMs   the latest, exclusive.
     * @return the replay.
     */
    Replay start(final RetentionLog topic, final String queue, final long fromMs, final long toMs)
    {
        final int first = topic.indexOfTime(fromMs);
        final int end = toMs <= fromMs ? first : Math.max(first, topic.indexOfTime(toMs));
        final Replay replay = new Replay(nextId++, topic.topicName, queue, fromMs, toMs, d.nowMs);
        replay.total = end - first;
        replay.nextSequence = first < topic.size() ? topic.sequence(first) : topic.lastSequence() + 1;
        replay.endSequence = end < topic.size() ? topic.sequence(end) : topic.lastSequence() + 1;
        if (replay.total == 0)
        {
            replay.finish(d.nowMs, Replay.DONE);
        }
        replays.add(replay);
        journal(replay);
        forgetOld();
        return replay;
    }

    /**
     * Recovery: the replays as the journal last committed them; running ones go on at the next timer tick from where
     * their last committed slice left them.
     *
     * @param stored the replays read back, in id order.
     */
    void recover(final List<StoredReplay> stored)
    {
        for (final StoredReplay row : stored)
        {
            nextId = Math.max(nextId, row.id() + 1);
            if (RetainedStarts.STATE.equals(row.state()))
            {
                d.starts.recover(row);
                continue;
            }
            final Replay replay = new Replay(row.id(), row.topic(), row.queue(), row.fromMs(), row.toMs(),
                row.startedMs());
            replay.nextSequence = row.nextSequence();
            replay.endSequence = row.endSequence();
            replay.total = row.total();
            replay.replayed = row.replayed();
            replay.skipped = row.skipped();
            replay.state = row.state();
            replay.problem = row.problem();
            replay.finishedMs = row.finishedMs();
            replays.add(replay);
            nextId = Math.max(nextId, row.id() + 1);
        }
    }

    private void journal(final Replay replay)
    {
        if (d.durability.isPersistent())
        {
            d.append(new JournalCommand.PutReplay(replay.stored()));
        }
    }

    /**
     * @return every replay as management lists it.
     */
    List<ReplayInfo> infos()
    {
        final List<ReplayInfo> rows = new ArrayList<>();
        for (final Replay replay : replays)
        {
            rows.add(replay.info());
        }
        return rows;
    }

    /**
     * @param id a replay's id.
     * @return the replay, null if there is none (or it was forgotten).
     */
    Replay replay(final long id)
    {
        for (int i = 0, size = replays.size(); i < size; i++)
        {
            if (replays.get(i).id == id)
            {
                return replays.get(i);
            }
        }
        return null;
    }

    /**
     * @return the replays running and the last finished ones, oldest first.
     */
    List<Replay> list()
    {
        return replays;
    }

    /**
     * Advances the running replays by one slice, at most {@link EngineSettings#replayBatch()} messages in all, oldest
     * replay first. Each replay's slice is one journal group: its copies, then its progress.
     *
     * @return messages copied or skipped.
     */
    int onTimer()
    {
        int budget = perTick;
        for (int i = 0, size = replays.size(); i < size && budget > 0; i++)
        {
            final Replay replay = replays.get(i);
            if (replay.state.equals(Replay.RUNNING))
            {
                d.durability.beginGroup();
                try
                {
                    budget -= step(replay, budget);
                    journal(replay);
                }
                finally
                {
                    d.durability.endGroup();
                }
            }
        }
        return perTick - budget;
    }

    private int step(final Replay replay, final int budget)
    {
        final RetentionLog log = d.retention.log(replay.topic);
        if (null == log)
        {
            replay.finish(d.nowMs, Replay.FAILED);
            replay.problem = "topic '" + replay.topic + "' was deleted or retains no more";
            return 0;
        }
        final MessageQueue queue = d.queueForUse(replay.queue);
        if (null == queue)
        {
            replay.finish(d.nowMs, Replay.FAILED);
            replay.problem = "queue '" + replay.queue + "' does not exist and may not be created";
            return 0;
        }
        int index = log.indexOfSequence(replay.nextSequence);
        int done = 0;
        while (done < budget && index < log.size() && log.sequence(index) < replay.endSequence)
        {
            final BrokerMessage original = log.isExpired(index, d.nowMs) ? null : log.read(index);
            if (null == original && !log.isExpired(index, d.nowMs))
            {
                // Held by reference and not in the page read last: its page is asked for at the end of the tick.
                break;
            }
            if (null == original)
            {
                replay.skipped++;
            }
            else
            {
                final BrokerMessage copy = d.rewriter.rewrite(original, d.nextMessageId(), queue.name(),
                    DestinationType.QUEUE, Map.of(REPLAYED_FROM, replay.topic), false);
                d.enqueue(queue, copy);
                replay.replayed++;
            }
            replay.nextSequence = log.sequence(index) + 1;
            index++;
            done++;
        }
        if (index >= log.size() || log.sequence(index) >= replay.endSequence)
        {
            // What the window dropped before its turn came is skipped.
            replay.skipped = Math.max(replay.skipped, replay.total - replay.replayed);
            replay.finish(d.nowMs, Replay.DONE);
        }
        return done;
    }

    private void forgetOld()
    {
        int finished = 0;
        for (int i = replays.size() - 1; i >= 0; i--)
        {
            if (!replays.get(i).state.equals(Replay.RUNNING) && ++finished > KEEP_FINISHED)
            {
                final Replay forgotten = replays.remove(i);
                if (d.durability.isPersistent())
                {
                    d.append(new JournalCommand.DeleteReplay(forgotten.id));
                }
            }
        }
    }

    /**
     * One replay and its progress.
     */
    static final class Replay
    {
        static final String RUNNING = "running";
        static final String DONE = "done";
        static final String FAILED = "failed";

        final long id;
        final String topic;
        final String queue;
        final long fromMs;
        final long toMs;
        final long startedMs;
        long nextSequence;
        long endSequence;
        long total;
        long replayed;
        long skipped;
        String state = RUNNING;
        String problem = "";
        long finishedMs;

        Replay(final long id, final String topic, final String queue, final long fromMs, final long toMs,
            final long startedMs)
        {
            this.id = id;
            this.topic = topic;
            this.queue = queue;
            this.fromMs = fromMs;
            this.toMs = toMs;
            this.startedMs = startedMs;
        }

        StoredReplay stored()
        {
            return new StoredReplay(id, topic, queue, fromMs, toMs, startedMs, nextSequence, endSequence, total,
                replayed, skipped, state, problem, finishedMs);
        }

        ReplayInfo info()
        {
            return new ReplayInfo(id, topic, queue, fromMs, toMs, state, total, replayed, skipped, startedMs,
                finishedMs, problem);
        }

        void finish(final long nowMs, final String state)
        {
            this.state = state;
            this.finishedMs = nowMs;
        }
    }
}
