package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.SnapshotAccess;
import io.aeolus.store.XaBranchRecord;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of {@link EngineRig#digest()} that shows the state a snapshot must carry beyond counts: every entry's
 * place, delivery count, delivery id and timer, message groups, paging cursors, scalar queue and consumer state,
 * sessions with their held sends and refusals, producers, temporary destinations, XA branches, subscription
 * registries, the engine's clock and counters, the routing rules and the last-value index. A digest that misses
 * state cannot catch a snapshot that misses it.
 */
final class EngineDigest
{
    private EngineDigest()
    {
    }

    static void details(final MessagingEngine engine, final StringBuilder text)
    {
        final Destinations destinations = engine.destinations();
        text.append("now=").append(engine.nowMs()).append(" nextMessageId=").append(destinations.nextMessageId)
            .append(" lastPosition=").append(destinations.lastPosition)
            .append(" scan=").append(destinations.expiryScan.scanning).append('/')
            .append(destinations.expiryScan.index).append('/').append(destinations.expiryScan.nextScanMs)
            .append(" durable=").append(engine.waiters().durable()).append(" timers=")
            .append(destinations.scheduler.size()).append(" wheel=")
            .append(Arrays.toString(SnapshotAccess.wheelState(destinations.scheduler))).append(" dirty=");
        for (final MessageQueue queue : destinations.dirty)
        {
            text.append(queue.name()).append(' ');
        }
        text.append('\n');
        stores(destinations, text);
        connections(engine, text);
        branches(engine, text);
        registry(text, "durable", engine.subscriptions().durableRegistry());
        registry(text, "shared", engine.subscriptions().sharedRegistry());
        routing(engine, text);
    }

    /**
     * The rules in name order; per queue whose last-value index is built, its keys with the entries they name, as
     * far as those are still in the engine (an entry gone replaces nothing, named or not).
     */
    private static void routing(final MessagingEngine engine, final StringBuilder text)
    {
        for (final String rule : RoutingSnapshot.rulesText(engine))
        {
            text.append("route ").append(rule).append('\n');
        }
        final Set<QueueEntry> live = Collections.newSetFromMap(new IdentityHashMap<>());
        final Destinations destinations = engine.destinations();
        for (final MessageQueue queue : destinations.stores)
        {
            for (int list = 0; list < SnapshotAccess.LIST_COUNT; list++)
            {
                live.addAll(SnapshotAccess.entries(queue, list));
            }
        }
        for (final EngineConnection connection : engine.connections())
        {
            for (final Consumer consumer : connection.consumersInOrder)
            {
                live.addAll(SnapshotAccess.inFlight(consumer));
            }
        }
        for (final XaBranch branch : XaSnapshot.branchesOf(engine).branches().values())
        {
            live.addAll(branch.acked);
        }
        final Map<MessageQueue, Map<Object, QueueEntry>> index = destinations.lastValues.index();
        for (final MessageQueue queue : destinations.stores)
        {
            final Map<Object, QueueEntry> byKey = index.get(queue);
            if (null == byKey)
            {
                continue;
            }
            final TreeMap<String, String> pairs = new TreeMap<>();
            byKey.forEach((key, entry) ->
            {
                if (live.contains(entry) && entry.queue() == queue)
                {
                    pairs.put(key.getClass().getSimpleName() + ':' + key, entry.message().messageId() + "#" +
                        entry.sequence() + (entry.isWaiting() ? " waiting" : " held"));
                }
            });
            text.append("lastValues ").append(queue.name()).append(' ').append(pairs).append('\n');
        }
    }

    private static void stores(final Destinations destinations, final StringBuilder text)
    {
        for (final MessageQueue queue : destinations.stores)
        {
            text.append("store ").append(queue.name()).append(" state=")
                .append(Arrays.toString(SnapshotAccess.queueState(queue))).append(" filter=")
                .append(queue.filter().text()).append(" journal=").append(queue.journalName()).append(" groups=");
            SnapshotAccess.groupBindings(queue).forEach((group, consumer) -> text.append(group).append("->")
                .append(consumer.connectionId()).append(':').append(consumer.consumerId()).append(' '));
            for (int list = 0; list < SnapshotAccess.LIST_COUNT; list++)
            {
                text.append(" list").append(list).append("=");
                for (final QueueEntry entry : SnapshotAccess.entries(queue, list))
                {
                    entry(text, entry);
                    final long timerId = SnapshotAccess.timerId(entry);
                    if (QueueEntry.NO_TIMER != timerId)
                    {
                        text.append("@").append(Long.toHexString(timerId)).append('/')
                            .append(SnapshotAccess.deadline(destinations.scheduler, timerId));
                    }
                    text.append(' ');
                }
                text.append("cursor=").append(SnapshotAccess.scanCursor(queue, list));
            }
            text.append('\n');
        }
    }

    private static void connections(final MessagingEngine engine, final StringBuilder text)
    {
        for (final EngineConnection connection : engine.connections())
        {
            text.append("connection ").append(connection.connectionId).append(" stopped=")
                .append(connection.deliveryStopped).append(" temporaries=").append(connection.temporaryDestinations)
                .append(" principal=").append(connection.principal).append(" producers=");
            new TreeMap<>(connection.producers).forEach((id, producer) -> text.append(id).append(':')
                .append(producer).append(' '));
            new TreeMap<>(connection.sessions).forEach((id, session) ->
            {
                text.append(" session ").append(id).append(' ').append(session.ackMode).append(" held=");
                session.transactedSends.forEach((message) -> text.append(message.messageId()).append(','));
                text.append(" rollbackOnly=").append(session.rollbackOnly).append(" xa=")
                    .append(null == session.xaBranch ? null : session.xaBranch.id).append(" refusals=");
                new TreeMap<>(session.refusals).forEach((producer, refusal) -> text.append(producer).append(':')
                    .append(refusal.error).append(':').append(refusal.count).append(' '));
                text.append(" consumers=");
                session.consumers.forEach((consumer) -> text.append(consumer.consumerId()).append(','));
            });
            text.append('\n');
            for (final Consumer consumer : connection.consumersInOrder)
            {
                text.append("  consumer ").append(consumer.consumerId()).append(" of ").append(consumer.queue().name())
                    .append(" prefetch=").append(consumer.prefetch()).append(" browser=").append(consumer.isBrowser())
                    .append(" selector=").append(consumer.selector().text()).append(" state=")
                    .append(Arrays.toString(SnapshotAccess.consumerState(consumer))).append(" inFlight=");
                for (final QueueEntry entry : SnapshotAccess.inFlight(consumer))
                {
                    entry(text, entry);
                    text.append(' ');
                }
                text.append('\n');
            }
        }
    }

    private static void branches(final MessagingEngine engine, final StringBuilder text)
    {
        for (final XaBranch branch : XaSnapshot.branchesOf(engine).branches().values())
        {
            text.append("xa ").append(branch.id).append(' ').append(branch.state).append(" owner=")
                .append(branch.ownerConnectionId).append(" reason=").append(branch.rollbackReason).append(" deadline=")
                .append(branch.deadlineMs).append(" prepared=").append(branch.preparedMs).append(" associated=")
                .append(branch.associated.size()).append(" suspended=").append(branch.suspended.size())
                .append(" sends=");
            branch.sends.forEach((message) -> text.append(message.messageId()).append(','));
            text.append(" acked=");
            for (final QueueEntry entry : branch.acked)
            {
                text.append(entry.queue().name()).append(':');
                entry(text, entry);
                text.append(' ');
            }
            text.append(" pending=");
            for (final XaBranchRecord.Ack ack : branch.pendingAcks)
            {
                text.append(ack).append(' ');
            }
            text.append('\n');
        }
    }

    private static void entry(final StringBuilder text, final QueueEntry entry)
    {
        text.append(entry.message().messageId()).append('#').append(entry.sequence()).append('/')
            .append(entry.deliveryCount()).append('/').append(entry.deliveryId()).append('/')
            .append(entry.enqueuedMs());
    }

    private static void registry(final StringBuilder text, final String name, final Map<String, MessageQueue> map)
    {
        text.append(name).append(':');
        new TreeMap<>(map).forEach((key, queue) -> text.append(' ').append(key).append("->").append(queue.name()));
        text.append('\n');
    }
}
