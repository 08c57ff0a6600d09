package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Topic;

import java.util.List;

/**
 * The event-streaming part of a snapshot, its last section: each retention log with its messages and their sequences
 * (since format version 5 a message held by reference as its id, length and expiration, its body being in the
 * journal; one held in memory as bytes, shared with the entries written before) and its page read from the journal
 * ({@link RetainedPage#write}), where its pruning turn stands, the
 * replays with their progress and (since format version 4) the subscriptions catching up on retained messages with
 * their cursors. A topic's retention tap is not written among its subscriptions; restore puts it back with the log.
 * Engine thread only; allocates.
 */
final class RetentionSnapshot
{
    private final Destinations destinations;

    RetentionSnapshot(final MessagingEngine engine)
    {
        this.destinations = engine.destinations();
    }

    void write(final SnapshotWriter out)
    {
        final Retention retention = destinations.retention;
        final List<RetentionLog> logs = retention.logs();
        out.writeInt(logs.size());
        for (final RetentionLog log : logs)
        {
            requireWritable(out, log);
            out.writeString(log.topicName);
            out.writeLong(log.lastSequence());
            out.writeLong(log.retainedTotal());
            out.writeLong(log.droppedTotal());
            out.writeInt(log.size());
            for (int i = 0, size = log.size(); i < size; i++)
            {
                writeEntry(out, log, i);
            }
            if (out.version() >= EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE)
            {
                log.page.write(out);
            }
        }
        out.writeInt(retention.pruneIndex());
        final Replays replays = destinations.replays;
        out.writeLong(replays.nextId);
        out.writeInt(replays.replays.size());
        for (final Replays.Replay replay : replays.replays)
        {
            out.writeLong(replay.id);
            out.writeString(replay.topic);
            out.writeString(replay.queue);
            out.writeLong(replay.fromMs);
            out.writeLong(replay.toMs);
            out.writeLong(replay.startedMs);
            out.writeLong(replay.nextSequence);
            out.writeLong(replay.endSequence);
            out.writeLong(replay.total);
            out.writeLong(replay.replayed);
            out.writeLong(replay.skipped);
            out.writeString(replay.state);
            out.writeString(replay.problem);
            out.writeLong(replay.finishedMs);
        }
        final List<RetainedStarts.Start> starts = subscriptionStarts();
        out.writeInt(starts.size());
        for (final RetainedStarts.Start start : starts)
        {
            final Topic topic = destinations.topics.get(start.subscription.topicName());
            out.writeString(start.topic);
            out.writeInt(null == topic ? -1 : topic.subscriptions().indexOf(start.subscription));
            out.writeLong(start.nextSequence);
            out.writeLong(start.journalId);
        }
    }

    /**
     * @return the topics' subscriptions catching up: a queue's history readers live on brokers with a journal only,
     * outside snapshots (Subscriptions).
     */
    private List<RetainedStarts.Start> subscriptionStarts()
    {
        final List<RetainedStarts.Start> starts = new java.util.ArrayList<>();
        for (final RetainedStarts.Start start : destinations.starts.list())
        {
            if (!start.topic.startsWith(Retention.QUEUE_KEY_PREFIX))
            {
                starts.add(start);
            }
        }
        return starts;
    }

    void read(final SnapshotReader in)
    {
        final Retention retention = destinations.retention;
        retention.clear();
        final int count = in.readCount("retention logs");
        for (int i = 0; i < count; i++)
        {
            final String name = in.readString();
            final RetentionLog log = createLog(name);
            final long lastSequence = in.readLong();
            final long retainedTotal = in.readLong();
            final long droppedTotal = in.readLong();
            final int size = in.readCount("retained messages");
            for (int j = 0; j < size; j++)
            {
                readEntry(in, log);
            }
            if (in.version() >= EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE)
            {
                log.page.read(in);
            }
            log.restoreCounters(lastSequence, retainedTotal, droppedTotal);
        }
        retention.pruneIndex(in.readInt());
        final Replays replays = destinations.replays;
        replays.nextId = in.readLong();
        replays.replays.clear();
        final int replayCount = in.readCount("replays");
        for (int i = 0; i < replayCount; i++)
        {
            final Replays.Replay replay = new Replays.Replay(in.readLong(), in.readString(), in.readString(),
                in.readLong(), in.readLong(), in.readLong());
            replay.nextSequence = in.readLong();
            replay.endSequence = in.readLong();
            replay.total = in.readLong();
            replay.replayed = in.readLong();
            replay.skipped = in.readLong();
            replay.state = in.readString();
            replay.problem = in.readString();
            replay.finishedMs = in.readLong();
            replays.replays.add(replay);
        }
        readStarts(in);
    }

    private static void requireWritable(final SnapshotWriter out, final RetentionLog log)
    {
        if (log.queue && out.version() < EngineSnapshot.QUEUE_RETENTION_SINCE)
        {
            throw new IllegalStateException("snapshot version " + out.version() + " cannot hold the retention log " +
                "of queue '" + log.destinationName + "' (since version " + EngineSnapshot.QUEUE_RETENTION_SINCE + ")");
        }
    }

    private static void writeEntry(final SnapshotWriter out, final RetentionLog log, final int index)
    {
        final boolean byReference = log.isByReference(index);
        if (out.version() < EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE)
        {
            if (byReference)
            {
                throw new IllegalStateException("snapshot version " + out.version() + " cannot hold a retained " +
                    "message held by reference");
            }
            out.writeMessage(log.message(index));
            out.writeLong(log.sequence(index));
            return;
        }
        out.writeBoolean(byReference);
        if (byReference)
        {
            out.writeLong(log.messageId(index));
            out.writeInt(log.length(index));
            out.writeLong(log.expirationMs(index));
        }
        else
        {
            out.writeMessage(log.message(index));
        }
        out.writeLong(log.sequence(index));
    }

    private void readEntry(final SnapshotReader in, final RetentionLog log)
    {
        if (in.version() >= EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE && in.readBoolean())
        {
            final long messageId = in.readLong();
            final int length = in.readInt();
            final long expirationMs = in.readLong();
            log.addReference(messageId, in.readLong(), length, expirationMs);
            return;
        }
        final BrokerMessage message = in.readMessage();
        final long sequence = in.readLong();
        if (in.version() < EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE && message.isPersistent() &&
            destinations.durability.isPersistent())
        {
            // Version 4 wrote every retained message's bytes; a journaled one is taken back by reference.
            log.addReference(message.messageId(), sequence, message.encodedLength(), message.expirationMs());
        }
        else
        {
            log.add(message, sequence);
        }
    }

    private RetentionLog createLog(final String name)
    {
        final Retention retention = destinations.retention;
        if (name.startsWith(Retention.QUEUE_KEY_PREFIX))
        {
            final String queueName = name.substring(Retention.QUEUE_KEY_PREFIX.length());
            final io.aeolus.broker.destination.MessageQueue queue = destinations.queues.get(queueName);
            if (null == queue || !queue.policy().isRetained())
            {
                throw new IllegalArgumentException("snapshot corrupted or of another configuration: queue '" +
                    queueName + "' has a retention log but " + (null == queue ? "does not exist" : "no retention"));
            }
            retention.onQueueCreated(queue);
        }
        else
        {
            final Topic topic = destinations.topics.get(name);
            if (null == topic || !topic.policy().isRetained())
            {
                throw new IllegalArgumentException("snapshot corrupted or of another configuration: topic '" +
                    name + "' has a retention log but " + (null == topic ? "does not exist" : "no retention"));
            }
            retention.onTopicCreated(topic);
        }
        return retention.log(name);
    }

    private void readStarts(final SnapshotReader in)
    {
        final RetainedStarts starts = destinations.starts;
        starts.clear();
        final int count = in.readCount("subscriptions catching up");
        for (int i = 0; i < count; i++)
        {
            final String name = in.readString();
            final int index = in.readInt();
            final Topic topic = destinations.topics.get(name);
            if (null == topic || index < 0 || index >= topic.subscriptions().size())
            {
                throw new IllegalArgumentException("snapshot corrupted: a subscription catching up on topic '" + name +
                    "' at " + index + " does not exist");
            }
            starts.restore(name, topic.subscriptions().get(index), in.readLong(), in.readLong());
        }
    }
}
