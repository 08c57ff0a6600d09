package io.aeolus.broker.engine;

import io.aeolus.broker.destination.DestinationOverrides;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.management.ManagedSettings;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.store.Destination;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.StoredSettings;
import io.aeolus.transport.codecs.DestinationType;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings administrators gave queues and topics at run time ({@link DestinationOverrides}), applied over what
 * the broker-wide defaults and the per-pattern options resolve for each. A destination created with settings has
 * them from its first message; a change applies to an existing destination from the next use of each setting. They
 * are journaled (so they survive a restart, clean or not), in the engine's snapshot, and removed with their
 * destination. Part of {@link Destinations}; engine thread only.
 * <p>
 * Refused, with the reason, are changes that cannot apply to an existing destination: its last-value key while it
 * holds messages (those already waiting were never indexed by the new key), and a topic's retention (its retention
 * log is made with the topic); and settings of a temporary, built-in or wildcard destination, which is not journaled.
 */
final class DestinationSettings implements ManagedSettings
{
    private final Destinations d;
    // Sorted by name, so that the snapshot writes them in an order defined by the inputs alone.
    private final TreeMap<String, DestinationOverrides> queues = new TreeMap<>();
    private final TreeMap<String, DestinationOverrides> topics = new TreeMap<>();

    DestinationSettings(final Destinations d)
    {
        this.d = d;
    }

    /**
     * @return the policy a destination of that name has, with its own settings over the resolved ones.
     */
    DestinationPolicy policyFor(final String name, final boolean topic)
    {
        final DestinationPolicy resolved = d.policies.resolve(name);
        final DestinationOverrides overrides = (topic ? topics : queues).get(name);
        return null == overrides ? resolved : overrides.applyTo(resolved);
    }

    /**
     * {@inheritDoc}
     */
    public DestinationOverrides of(final String name, final boolean topic)
    {
        final DestinationOverrides overrides = (topic ? topics : queues).get(name);
        return null == overrides ? DestinationOverrides.NONE : overrides;
    }

    /**
     * {@inheritDoc}
     */
    public void create(final String name, final boolean topic, final DestinationOverrides overrides)
    {
        requireJournaled(name, topic ? DestinationType.TOPIC : DestinationType.QUEUE, topic);
        // Remembered first, so that creating the destination resolves its policy with them.
        put(name, topic, overrides);
        d.durability().beginGroup();
        try
        {
            if (topic)
            {
                d.createTopic(name, DestinationType.TOPIC);
            }
            else
            {
                d.createQueue(name, DestinationType.QUEUE);
            }
            journal(name, topic);
        }
        finally
        {
            d.durability().endGroup();
        }
    }

    /**
     * {@inheritDoc} Journal hook.
     */
    public DestinationPolicy change(final String name, final boolean topic, final DestinationOverrides overrides)
    {
        final MessageQueue queue = topic ? null : d.queues.get(name);
        final Topic theTopic = topic ? d.topics.get(name) : null;
        if (null == queue && null == theTopic)
        {
            throw new IllegalArgumentException("no " + (topic ? "topic" : "queue") + " named '" + name + "'");
        }
        requireJournaled(name, topic ? theTopic.type() : queue.destinationType(), topic);
        final DestinationPolicy before = topic ? theTopic.policy() : queue.policy();
        final DestinationPolicy after = overrides.applyTo(d.policies.resolve(name));
        if (!before.lastValueKey().equals(after.lastValueKey()))
        {
            final long held = topic ? held(theTopic) : held(queue);
            if (held > 0)
            {
                throw new IllegalStateException("setting 'last.value.key' cannot change on " + kind(topic) + " '" +
                    name + "' while it holds " + held + " message(s): purge it first, or create a new one with it");
            }
        }
        if (before.retentionMs() != after.retentionMs() || before.retentionBytes() != after.retentionBytes())
        {
            throw new IllegalStateException("settings 'retention.time' and 'retention.size' cannot change on the " +
                "existing " + kind(topic) + " '" + name + "': its retention is set up when it is created; " +
                "delete it and create it " +
                "again with them");
        }
        put(name, topic, overrides);
        apply(name, topic);
        journal(name, topic);
        return after;
    }

    /**
     * Writes a destination's settings to the journal. Journal hook.
     */
    void journal(final String name, final boolean topic)
    {
        final Destination destination = new Destination(name,
            topic ? io.aeolus.store.DestinationType.TOPIC : io.aeolus.store.DestinationType.QUEUE);
        d.append(new JournalCommand.PutSettings(new StoredSettings(destination, of(name, topic).toText())));
    }

    /**
     * Sets a destination's settings read back from the journal or a snapshot, without journaling them, and applies
     * them if it exists already.
     */
    void restore(final String name, final boolean topic, final DestinationOverrides overrides)
    {
        put(name, topic, overrides);
        apply(name, topic);
    }

    /**
     * Drops the settings of a destination deleted.
     */
    void forget(final String name, final boolean topic)
    {
        (topic ? topics : queues).remove(name);
    }

    /**
     * @return the settings of every queue (false) or topic (true) that has some, by name.
     */
    Map<String, DestinationOverrides> all(final boolean topic)
    {
        return topic ? topics : queues;
    }

    /**
     * Writes the settings of every destination that has some, queues then topics, each in name order; nothing in the
     * older format, which has no place for them.
     *
     * @throws IllegalStateException if the older format is asked for while a destination has settings.
     */
    void write(final SnapshotWriter out)
    {
        if (out.version() < EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE)
        {
            if (!queues.isEmpty() || !topics.isEmpty())
            {
                throw new IllegalStateException("snapshot version " + out.version() + " cannot hold the settings " +
                    "of single destinations");
            }
            return;
        }
        for (final TreeMap<String, DestinationOverrides> byName : java.util.List.of(queues, topics))
        {
            out.writeInt(byName.size());
            for (final Map.Entry<String, DestinationOverrides> entry : byName.entrySet())
            {
                out.writeString(entry.getKey());
                final Map<String, String> texts = entry.getValue().toText();
                out.writeInt(texts.size());
                for (final Map.Entry<String, String> setting : texts.entrySet())
                {
                    out.writeString(setting.getKey());
                    out.writeString(setting.getValue());
                }
            }
        }
    }

    /**
     * Reads what {@link #write} wrote into a fresh engine, before its destinations are restored.
     *
     * @throws IllegalArgumentException if a setting no longer parses.
     */
    void read(final SnapshotReader in)
    {
        for (final boolean topic : new boolean[] {false, true})
        {
            final int count = in.readCount(topic ? "topics with settings" : "queues with settings");
            for (int i = 0; i < count; i++)
            {
                final String name = in.readString();
                final int settingCount = in.readCount("settings");
                final java.util.LinkedHashMap<String, String> texts = new java.util.LinkedHashMap<>();
                for (int j = 0; j < settingCount; j++)
                {
                    texts.put(in.readString(), in.readString());
                }
                try
                {
                    put(name, topic, DestinationOverrides.parse(texts));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("snapshot corrupted: settings of " + kind(topic) + " '" + name +
                        "': " + ex.getMessage(), ex);
                }
            }
        }
    }

    /**
     * Whether a destination's own {@code dead.letter.queue} setting names a queue, so that the queue is a dead-letter
     * queue from its creation (after a restart too), as one a pattern's or the default template names is.
     *
     * @param queueName the queue's name.
     * @return true if some destination's own settings send its dead letters there.
     */
    boolean namesDeadLetterQueue(final String queueName)
    {
        for (final boolean topic : new boolean[] {false, true})
        {
            for (final Map.Entry<String, DestinationOverrides> entry : (topic ? topics : queues).entrySet())
            {
                if (entry.getValue().has(PolicySetting.DEAD_LETTER_QUEUE) &&
                    queueName.equals(deadLetterQueueOf(entry.getKey(), topic)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private String deadLetterQueueOf(final String name, final boolean topic)
    {
        final String dlq = policyFor(name, topic).deadLetterQueueFor(name);
        return name.equals(dlq) ? null : dlq;
    }

    private void put(final String name, final boolean topic, final DestinationOverrides overrides)
    {
        Objects.requireNonNull(overrides, "overrides");
        if (overrides.isEmpty())
        {
            (topic ? topics : queues).remove(name);
        }
        else
        {
            (topic ? topics : queues).put(name, overrides);
            if (overrides.has(PolicySetting.DEAD_LETTER_QUEUE))
            {
                // A queue it names that exists already is a dead-letter queue from now on, not from its first one.
                final String dlq = deadLetterQueueOf(name, topic);
                final MessageQueue existing = null == dlq ? null : d.queues.get(dlq);
                if (null != existing)
                {
                    existing.markDeadLetterQueue();
                }
            }
        }
    }

    private void apply(final String name, final boolean topic)
    {
        final DestinationPolicy policy = policyFor(name, topic);
        if (topic)
        {
            final Topic existing = d.topics.get(name);
            if (null != existing)
            {
                existing.policy(policy);
            }
        }
        else
        {
            final MessageQueue existing = d.queues.get(name);
            if (null != existing)
            {
                existing.policy(policy);
            }
        }
    }

    private void requireJournaled(final String name, final DestinationType type, final boolean topic)
    {
        if (type != DestinationType.QUEUE && type != DestinationType.TOPIC)
        {
            throw new IllegalStateException("'" + name + "' is a temporary destination: it has no settings of its own");
        }
        if (AccessPolicy.isReserved(name))
        {
            throw new IllegalStateException("'" + name + "' is a built-in destination: its settings cannot change");
        }
        if (topic && d.wildcardTopics.isPattern(name))
        {
            throw new IllegalStateException("'" + name + "' is a wildcard pattern, not a topic: it has no settings " +
                "of its own (use aeolus.destination.<pattern>.<setting> in the configuration)");
        }
    }

    private static long held(final MessageQueue queue)
    {
        return (long)queue.depth() + queue.scheduledCount() + queue.pagedCount() + queue.inFlightCount();
    }

    private static long held(final Topic topic)
    {
        long held = 0;
        for (final MessageQueue subscription : topic.subscriptions())
        {
            held += held(subscription);
        }
        return held;
    }

    private static String kind(final boolean topic)
    {
        return topic ? "topic" : "queue";
    }
}
