package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.engine.routing.RoutingConfig;
import io.aeolus.broker.management.ManagedBroker;
import io.aeolus.broker.security.Authorizer;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.store.StoredReference;
import org.agrona.concurrent.CachedEpochClock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One engine driven through its ports alone, without a media driver or a journal thread: its egress and its
 * durability write every call to {@link #outputs()} in order. {@link #inputs()} is the engine itself, or, when
 * recording, a recorder in front of it. {@link #settle()} is what an adapter's duty cycle does besides reading
 * client commands: dispatch, then report durable positions and page reads as inputs.
 */
final class EngineRig
{
    static final long START_MS = 1_700_000_000_000L;
    static final int PAGING_WINDOW = 8;
    /** Messages the routed rig's replays copy per tick: few, so that a replay takes several ticks. */
    static final int REPLAY_BATCH = 3;

    private final List<String> outputs = new ArrayList<>();
    private final SimulatedJournal journal;
    private final MessagingEngine engine;
    private final Authorizer authorizer;
    private final EngineInputs inputs;
    private final ManagedBroker management;
    private final EngineSettings settings;

    EngineRig(final List<String> recording)
    {
        this(recording, settings(), null, null);
    }

    /**
     * @return a rig whose settings also declare a composite destination and a last-value queue
     *         ({@link #routedSettings()}).
     */
    static EngineRig routed(final List<String> recording)
    {
        return new EngineRig(recording, routedSettings(), null, null);
    }

    /**
     * @param settings the engine's settings.
     * @return a rig, not recording, on these settings.
     */
    static EngineRig withSettings(final EngineSettings settings)
    {
        return new EngineRig(null, settings, null, null);
    }

    private EngineRig(final List<String> recording, final EngineSettings settings, final SimulatedJournal durableStore,
        final SnapshotSource snapshot)
    {
        this.settings = settings;
        journal = null == durableStore ? new SimulatedJournal(outputs) : durableStore.copy(outputs);
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        authorizer = security.authorizer();
        engine = new MessagingEngine(settings, 64 * 1024, START_MS, security, new RecordingEgress(outputs));
        engine.durability(journal, PAGING_WINDOW);
        if (null != snapshot)
        {
            EngineSnapshot.restore(engine, snapshot);
        }
        inputs = null == recording ? engine : EngineRecording.recorder(engine, recording);
        final ManagedBroker answering = answering(new EngineManagement(engine, settings, (id, reason) -> false,
            null), outputs);
        management = null == recording ? answering : EngineRecording.recorder(answering, recording);
    }

    /**
     * Management in front of the engine: each call's answer (null, or why it was refused) goes to the outputs.
     */
    private static ManagedBroker answering(final ManagedBroker target, final List<String> outputs)
    {
        return (ManagedBroker)Proxy.newProxyInstance(ManagedBroker.class.getClassLoader(),
            new Class<?>[]{ ManagedBroker.class }, (proxy, method, args) ->
            {
                try
                {
                    final Object answer = method.invoke(target, args);
                    if (method.getDeclaringClass() != Object.class)
                    {
                        outputs.add("manage " + method.getName() + " -> " + answer);
                    }
                    return answer;
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            });
    }

    /**
     * @return a fresh engine restored from a snapshot of {@code original}'s, given a copy of what {@code original}'s
     *         durable store holds now (a cluster member's own store, or the shared H2 journal).
     */
    static EngineRig restored(final EngineRig original, final SnapshotSource snapshot)
    {
        return restored(original, original.settings, snapshot);
    }

    /**
     * @return a fresh engine given {@code settings}, restored from a snapshot of {@code original}'s.
     */
    static EngineRig restored(final EngineRig original, final EngineSettings settings, final SnapshotSource snapshot)
    {
        return new EngineRig(null, settings, original.journal, snapshot);
    }

    /**
     * @return a snapshot of the engine's state.
     */
    byte[] snapshot()
    {
        final EngineSnapshot.BytesSink sink = EngineSnapshot.bytesSink();
        EngineSnapshot.write(engine, sink);
        return sink.toByteArray();
    }

    static EngineSettings settings()
    {
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("orders", PolicySetting.MAX_DELIVERY_ATTEMPTS, 3)
            .put("orders", PolicySetting.REDELIVERY_DELAY, 100L)
            .put("jobs", PolicySetting.MAX_DELIVERY_ATTEMPTS, 2)
            .put("prices", PolicySetting.MAX_DELIVERY_ATTEMPTS, 2)
            .put("poison", PolicySetting.MAX_DELIVERY_ATTEMPTS, 2)
            .put("tiny", PolicySetting.MEMORY_LIMIT, 250L)
            .put("tiny", PolicySetting.MEMORY_LIMIT_POLICY, MemoryLimitPolicy.BLOCK);
        return new EngineSettings(policies, List.of("orders", "jobs", "backlog"), List.of("prices"), 50);
    }

    /**
     * {@link #settings()}, and: the composite queue {@code fanout} (to {@code fan-a} and {@code fan-b}) declared as
     * in a config file, and {@code quotes} a last-value queue keyed by the property {@code symbol}. Declared rules
     * make every send's routing one journal group, so the kept recording keeps the settings without them. Replays copy
     * {@value #REPLAY_BATCH} messages per tick.
     */
    static EngineSettings routedSettings()
    {
        final EngineSettings plain = settings();
        return new EngineSettings(plain.policies().put("quotes", PolicySetting.LAST_VALUE_KEY, "symbol")
            .put("events", PolicySetting.RETENTION_TIME, 1000L).put("events", PolicySetting.RETENTION_SIZE, 4096L),
            plain.queues(), plain.topics(), plain.expiryScanIntervalMs(), plain.trashRetentionMs(),
            plain.historyRetentionMs(), plain.historyMaxDestinations(), plain.wildcards(),
            RoutingConfig.read(Map.of(RoutingConfig.COMPOSITE_PREFIX + "queue.fanout", "queue:fan-a,queue:fan-b"),
                plain.wildcards()), null).withReplayBatch(REPLAY_BATCH);
    }

    EngineInputs inputs()
    {
        return inputs;
    }

    MessagingEngine engine()
    {
        return engine;
    }

    /**
     * @return the engine's management, recording when the inputs are; each answer goes to the outputs.
     */
    ManagedBroker management()
    {
        return management;
    }

    /**
     * Plays recorded lines (inputs and management) into this engine.
     */
    void replay(final List<String> lines)
    {
        EngineRecording.replay(lines, inputs, management, authorizer);
    }

    Authorizer authorizer()
    {
        return authorizer;
    }

    List<String> outputs()
    {
        return outputs;
    }

    /**
     * Dispatches, then reports what the journal made durable and the pages it read, until nothing is left.
     */
    void settle()
    {
        for (int i = 0; i < 100; i++)
        {
            inputs.dispatch();
            if (engine.waiters().size() > 0)
            {
                inputs.onDurable(journal.lastAppended());
            }
            final List<Map.Entry<String, List<StoredReference>>> pages = journal.takePages();
            for (final Map.Entry<String, List<StoredReference>> page : pages)
            {
                inputs.onPage(page.getKey(), page.getValue());
            }
            if (pages.isEmpty() && engine.waiters().size() == 0)
            {
                inputs.dispatch();
                return;
            }
        }
    }

    /**
     * Moves time on and runs the timer, then settles.
     */
    void advance(final long nowMs)
    {
        inputs.advanceTime(nowMs);
        inputs.onTimer(nowMs);
        settle();
    }

    /**
     * @return the engine's whole visible state as text: destinations, entries, subscriptions, connections, the
     * journal's contents.
     */
    String digest()
    {
        final StringBuilder text = new StringBuilder();
        final TreeMap<String, MessageQueue> queues = new TreeMap<>(engine.destinations().queues());
        for (final Topic topic : new TreeMap<>(engine.destinations().topics()).values())
        {
            text.append("topic ").append(topic.name()).append(" published=").append(topic.publishedCount());
            for (final MessageQueue subscription : topic.subscriptions())
            {
                queues.put(subscription.name(), subscription);
            }
            text.append('\n');
        }
        for (final MessageQueue queue : queues.values())
        {
            text.append("queue ").append(queue.name()).append(" depth=").append(queue.depth())
                .append(" scheduled=").append(queue.scheduledCount()).append(" inFlight=").append(queue.inFlightCount())
                .append(" paged=").append(queue.pagedCount()).append(" enqueued=").append(queue.enqueuedCount())
                .append(" acked=").append(queue.acknowledgedCount()).append(" expired=").append(queue.expiredCount())
                .append(" dead=").append(queue.deadLetteredCount()).append(" held=").append(queue.heldBytes())
                .append(" consumers=").append(queue.consumers().size()).append(" entries=");
            for (final QueueEntry entry : queue.waitingEntries())
            {
                text.append(entry.message().messageId()).append('/').append(entry.deliveryCount()).append(' ');
            }
            text.append('\n');
        }
        for (final EngineConnection connection : engine.connections())
        {
            text.append("connection ").append(connection.connectionId).append(" clientId=")
                .append(connection.clientId).append(" sessions=").append(connection.sessions.size())
                .append(" producers=").append(connection.producers.size()).append(" next=")
                .append(connection.nextDeliveryId).append(" consumers=");
            for (final Consumer consumer : connection.consumersInOrder)
            {
                text.append(consumer.consumerId()).append(":credit=").append(consumer.credit()).append(":inFlight=")
                    .append(consumer.inFlightCount()).append(' ');
            }
            text.append('\n');
        }
        text.append("waiters=").append(engine.waiters().size()).append(" blocked=")
            .append(engine.blockedDestinationCount()).append('\n');
        EngineDigest.details(engine, text);
        return text.append(journal.contents()).toString();
    }
}
