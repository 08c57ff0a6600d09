package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.DestinationInfo;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.Reply;
import io.aeolus.management.SessionInfo;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The management operations that list what the broker holds: {@code destinations}, {@code connections},
 * {@code sessions}, {@code consumers}, {@code producers} and {@code subscriptions}. Each answers rows as
 * {@code <row>.<field>} entries and their {@code count}, in a stable order (by name, or by connection then id). They
 * need nothing beyond the use of the management queue. Conductor thread only; allocates.
 * <p>
 * Besides its counters, a destination's row has {@code paused}; {@code oldestAgeMs}, how long the oldest message
 * available for delivery has waited, by its JMSTimestamp (0 if none; for a topic, the oldest over its
 * subscriptions); {@code producers}, the producers created for it (anonymous producers are counted nowhere);
 * {@code dlq}, the queue its dead letters go to (empty if none, and for a dead-letter queue itself), and
 * {@code dlqDepth}, that queue's depth (0 if it does not exist yet).
 */
final class Listings
{
    private static final Set<String> FILTER_ARGUMENTS = Set.of(Argument.CONNECTION_ID);

    private final ManagedBroker broker;

    Listings(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    /**
     * @return every queue and topic, queues first, each by name.
     */
    List<DestinationInfo> destinationInfos()
    {
        final List<DestinationInfo> rows = new ArrayList<>();
        final Map<String, Integer> producers = producersByDestination();
        final long nowMs = broker.nowMs();
        final List<MessageQueue> queues = new ArrayList<>(broker.queues().values());
        queues.sort((a, b) -> a.name().compareTo(b.name()));
        for (final MessageQueue queue : queues)
        {
            final String dlq = queue.isDeadLetterQueue() ? null : queue.policy().deadLetterQueueFor(queue.name());
            rows.add(new DestinationInfo(queue.name(), queue.destinationType().name(),
                (long)queue.depth() + queue.pagedCount(), queue.inFlightCount(), queue.scheduledCount(),
                queue.consumers().size(), queue.enqueuedCount(), queue.acknowledgedCount(), queue.expiredCount(),
                queue.deadLetteredCount(), queue.heldBytes(), queue.isDeadLetterQueue(), queue.isPaused(),
                ageMs(queue.oldestTimestampMs(), nowMs), producers.getOrDefault("q/" + queue.name(), 0),
                null == dlq ? "" : dlq, deadLetterDepth(dlq), 0));
        }
        for (final Topic topic : sortedTopics())
        {
            long depth = 0;
            int consumers = 0;
            long oldestAgeMs = 0;
            for (final MessageQueue subscription : topic.subscriptions())
            {
                depth += subscription.depth();
                consumers += subscription.consumers().size();
                oldestAgeMs = Math.max(oldestAgeMs, ageMs(subscription.oldestTimestampMs(), nowMs));
            }
            final String dlq = topic.policy().deadLetterQueueFor(topic.name());
            rows.add(new DestinationInfo(topic.name(), topic.type().name(), depth, 0, 0, consumers,
                topic.publishedCount(), 0, 0, 0, 0, false, false, oldestAgeMs,
                producers.getOrDefault("t/" + topic.name(), 0), null == dlq ? "" : dlq, deadLetterDepth(dlq),
                topic.subscriptionCount()));
        }
        return rows;
    }

    Map<String, Object> destinations()
    {
        return Reply.putRows(new LinkedHashMap<>(), destinationInfos(), DestinationInfo::write);
    }

    static long ageMs(final long timestampMs, final long nowMs)
    {
        return 0 == timestampMs ? 0 : Math.max(0, nowMs - timestampMs);
    }

    /**
     * @return the depth of the named dead-letter queue, 0 if there is none (yet).
     */
    long deadLetterDepth(final String name)
    {
        final MessageQueue deadLetters = null == name ? null : broker.queues().get(name);
        return null == deadLetters ? 0L : (long)deadLetters.depth() + deadLetters.pagedCount();
    }

    /**
     * Producers by destination, keyed {@code q/<queue>} or {@code t/<topic>}.
     */
    Map<String, Integer> producersByDestination()
    {
        final Map<String, Integer> counts = new HashMap<>();
        for (final ManagedBroker.ProducerView producer : broker.producers())
        {
            if (!producer.destination().isEmpty())
            {
                final String key = (producer.destinationType().endsWith("TOPIC") ? "t/" : "q/") +
                    producer.destination();
                counts.merge(key, 1, Integer::sum);
            }
        }
        return counts;
    }

    Map<String, Object> connections()
    {
        final List<ConnectionInfo> rows = new ArrayList<>();
        for (final ManagedBroker.ConnectionView connection : broker.connections())
        {
            rows.add(new ConnectionInfo(connection.connectionId(), connection.clientId(), connection.user(),
                connection.source(), connection.sessions(), connection.consumers(), connection.producers()));
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, ConnectionInfo::write);
    }

    Map<String, Object> sessions(final Map<String, Object> arguments)
    {
        final long connectionId = connectionFilter(arguments);
        final List<SessionInfo> rows = new ArrayList<>();
        for (final ManagedBroker.SessionView session : broker.sessions())
        {
            if (connectionId < 0 || session.connectionId() == connectionId)
            {
                rows.add(new SessionInfo(session.connectionId(), session.sessionId(), session.ackMode(),
                    session.consumers(), session.producers(), session.pendingSends()));
            }
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, SessionInfo::write);
    }

    Map<String, Object> consumers(final Map<String, Object> arguments)
    {
        final long connectionId = connectionFilter(arguments);
        final List<ConsumerInfo> rows = new ArrayList<>();
        for (final ManagedBroker.ConsumerView consumer : broker.consumers())
        {
            if (connectionId < 0 || consumer.connectionId() == connectionId)
            {
                rows.add(new ConsumerInfo(consumer.connectionId(), consumer.sessionId(), consumer.consumerId(),
                    consumer.destination(), consumer.destinationType(), consumer.subscription(), consumer.selector(),
                    consumer.browser(), consumer.prefetch(), consumer.credit(), consumer.inFlight(),
                    consumer.delivered(), consumer.acknowledged()));
            }
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, ConsumerInfo::write);
    }

    Map<String, Object> producers(final Map<String, Object> arguments)
    {
        final long connectionId = connectionFilter(arguments);
        final List<ProducerInfo> rows = new ArrayList<>();
        for (final ManagedBroker.ProducerView producer : broker.producers())
        {
            if (connectionId < 0 || producer.connectionId() == connectionId)
            {
                rows.add(new ProducerInfo(producer.connectionId(), producer.sessionId(), producer.producerId(),
                    producer.destination(), producer.destinationType()));
            }
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, ProducerInfo::write);
    }

    /**
     * @return the connection the optional {@code connectionId} argument names, -1 for all.
     * @throws ManagementException with {@link ManagementException#UNKNOWN_CONNECTION} if there is no such connection.
     */
    private long connectionFilter(final Map<String, Object> arguments)
    {
        Arguments.requireKnown(arguments, FILTER_ARGUMENTS);
        final long connectionId = Arguments.longValue(arguments, Argument.CONNECTION_ID, -1, -1, Long.MAX_VALUE);
        if (connectionId < 0)
        {
            return -1;
        }
        for (final ManagedBroker.ConnectionView connection : broker.connections())
        {
            if (connection.connectionId() == connectionId)
            {
                return connectionId;
            }
        }
        throw new ManagementException(ManagementException.UNKNOWN_CONNECTION, "no connection " + connectionId);
    }

    Map<String, Object> subscriptions()
    {
        final List<SubscriptionInfo> rows = new ArrayList<>();
        for (final Topic topic : sortedTopics())
        {
            for (final MessageQueue subscription : topic.subscriptions())
            {
                if (null == subscription.journalName() && !subscription.name().startsWith("shared|"))
                {
                    continue;
                }
                final String[] parts = subscription.name().split("\\|", 3);
                rows.add(new SubscriptionInfo(topic.name(), parts.length == 3 ? parts[2] : subscription.name(),
                    parts.length == 3 ? parts[1] : "", null != subscription.journalName(), "shared".equals(parts[0]),
                    subscription.filter().text(), (long)subscription.depth() + subscription.scheduledCount() +
                    subscription.pagedCount(), subscription.inFlightCount(), subscription.consumers().size()));
            }
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, SubscriptionInfo::write);
    }

    private List<Topic> sortedTopics()
    {
        final List<Topic> topics = new ArrayList<>(broker.topics().values());
        topics.sort((a, b) -> a.name().compareTo(b.name()));
        return topics;
    }
}
