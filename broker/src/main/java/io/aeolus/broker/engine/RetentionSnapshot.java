package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Topic;

import java.util.List;

/**
 * The event-streaming part of a snapshot, its last section: each retention log with its messages (bytes, shared with
 * the entries written before) and their sequences, where its pruning turn stands, the replays with their progress
 * and (since format version 4) the subscriptions catching up on retained messages with their cursors. A topic's
 * retention tap is not written among its subscriptions; restore puts it back with the log. Engine thread only;
 * allocates.
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
            out.writeString(log.topicName);
            out.writeLong(log.lastSequence());
            out.writeLong(log.retainedTotal());
            out.writeLong(log.droppedTotal());
            out.writeInt(log.size());
            for (int i = 0, size = log.size(); i < size; i++)
            {
                out.writeMessage(log.message(i));
                out.writeLong(log.sequence(i));
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
        final List<RetainedStarts.Start> starts = destinations.starts.list();
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

    void read(final SnapshotReader in)
    {
        final Retention retention = destinations.retention;
        retention.clear();
        final int count = in.readCount("retention logs");
        for (int i = 0; i < count; i++)
        {
            final String name = in.readString();
            final Topic topic = destinations.topics.get(name);
            if (null == topic || !topic.policy().isRetained())
            {
                throw new IllegalArgumentException("snapshot corrupted or of another configuration: topic '" + name +
                    "' has a retention log but " + (null == topic ? "does not exist" : "no retention"));
            }
            retention.onTopicCreated(topic);
            final RetentionLog log = retention.log(name);
            final long lastSequence = in.readLong();
            final long retainedTotal = in.readLong();
            final long droppedTotal = in.readLong();
            final int size = in.readCount("retained messages");
            for (int j = 0; j < size; j++)
            {
                log.add(in.readMessage(), in.readLong());
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
