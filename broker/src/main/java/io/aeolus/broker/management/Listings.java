package io.aeolus.broker.management;

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
    private static final Set<String> FILTER_ARGUMENTS = Set.of("connectionId");

    private final ManagedBroker broker;

    Listings(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    Map<String, Object> destinations()
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
        final Map<String, Integer> producers = producersByDestination();
        final long nowMs = broker.nowMs();
        final List<MessageQueue> queues = new ArrayList<>(broker.queues().values());
        queues.sort((a, b) -> a.name().compareTo(b.name()));
        int row = 0;
        for (final MessageQueue queue : queues)
        {
            final String prefix = row++ + ".";
            reply.put(prefix + "name", queue.name());
            reply.put(prefix + "type", queue.destinationType().name());
            putCounts(queue, prefix, reply);
            reply.put(prefix + "deadLetterQueue", queue.isDeadLetterQueue());
            reply.put(prefix + "paused", queue.isPaused());
            reply.put(prefix + "oldestAgeMs", ageMs(queue.oldestTimestampMs(), nowMs));
            reply.put(prefix + "producers", producers.getOrDefault("q/" + queue.name(), 0));
            putDeadLetterQueue(queue.isDeadLetterQueue() ? null :
                queue.policy().deadLetterQueueFor(queue.name()), prefix, reply);
        }
        final List<Topic> topics = new ArrayList<>(broker.topics().values());
        topics.sort((a, b) -> a.name().compareTo(b.name()));
        for (final Topic topic : topics)
        {
            final String prefix = row++ + ".";
            reply.put(prefix + "name", topic.name());
            reply.put(prefix + "type", topic.type().name());
            long depth = 0;
            int consumers = 0;
            long oldestAgeMs = 0;
            for (final MessageQueue subscription : topic.subscriptions())
            {
                depth += subscription.depth();
                consumers += subscription.consumers().size();
                oldestAgeMs = Math.max(oldestAgeMs, ageMs(subscription.oldestTimestampMs(), nowMs));
            }
            reply.put(prefix + "depth", depth);
            reply.put(prefix + "consumers", consumers);
            reply.put(prefix + "subscriptions", topic.subscriptions().size());
            reply.put(prefix + "enqueued", topic.publishedCount());
            reply.put(prefix + "deadLetterQueue", false);
            reply.put(prefix + "paused", false);
            reply.put(prefix + "oldestAgeMs", oldestAgeMs);
            reply.put(prefix + "producers", producers.getOrDefault("t/" + topic.name(), 0));
            putDeadLetterQueue(topic.policy().deadLetterQueueFor(topic.name()), prefix, reply);
        }
        reply.put("count", row);
        return reply;
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

    private void putDeadLetterQueue(final String name, final String prefix, final Map<String, Object> reply)
    {
        final MessageQueue deadLetters = null == name ? null : broker.queues().get(name);
        reply.put(prefix + "dlq", null == name ? "" : name);
        reply.put(prefix + "dlqDepth", null == deadLetters ? 0L : (long)deadLetters.depth() +
            deadLetters.pagedCount());
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

    static void putCounts(final MessageQueue queue, final String prefix, final Map<String, Object> reply)
    {
        reply.put(prefix + "depth", (long)queue.depth() + queue.pagedCount());
        reply.put(prefix + "inFlight", queue.inFlightCount());
        reply.put(prefix + "scheduled", queue.scheduledCount());
        reply.put(prefix + "consumers", queue.consumers().size());
        reply.put(prefix + "enqueued", queue.enqueuedCount());
        reply.put(prefix + "acknowledged", queue.acknowledgedCount());
        reply.put(prefix + "expired", queue.expiredCount());
        reply.put(prefix + "deadLettered", queue.deadLetteredCount());
        reply.put(prefix + "heldBytes", queue.heldBytes());
    }

    Map<String, Object> connections()
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
        int row = 0;
        for (final ManagedBroker.ConnectionView connection : broker.connections())
        {
            final String prefix = row++ + ".";
            reply.put(prefix + "id", connection.connectionId());
            reply.put(prefix + "clientId", connection.clientId());
            reply.put(prefix + "user", connection.user());
            reply.put(prefix + "source", connection.source());
            reply.put(prefix + "sessions", connection.sessions());
            reply.put(prefix + "consumers", connection.consumers());
            reply.put(prefix + "producers", connection.producers());
        }
        reply.put("count", row);
        return reply;
    }

    Map<String, Object> sessions(final Map<String, Object> arguments)
    {
        final long connectionId = connectionFilter(arguments);
        final Map<String, Object> reply = new LinkedHashMap<>();
        int row = 0;
        for (final ManagedBroker.SessionView session : broker.sessions())
        {
            if (connectionId >= 0 && session.connectionId() != connectionId)
            {
                continue;
            }
            final String prefix = row++ + ".";
            reply.put(prefix + "connectionId", session.connectionId());
            reply.put(prefix + "sessionId", session.sessionId());
            reply.put(prefix + "ackMode", session.ackMode());
            reply.put(prefix + "consumers", session.consumers());
            reply.put(prefix + "producers", session.producers());
            reply.put(prefix + "pendingSends", session.pendingSends());
        }
        reply.put("count", row);
        return reply;
    }

    Map<String, Object> consumers(final Map<String, Object> arguments)
    {
        final long connectionId = connectionFilter(arguments);
        final Map<String, Object> reply = new LinkedHashMap<>();
        int row = 0;
        for (final ManagedBroker.ConsumerView consumer : broker.consumers())
        {
            if (connectionId >= 0 && consumer.connectionId() != connectionId)
            {
                continue;
            }
            final String prefix = row++ + ".";
            reply.put(prefix + "connectionId", consumer.connectionId());
            reply.put(prefix + "sessionId", consumer.sessionId());
            reply.put(prefix + "consumerId", consumer.consumerId());
            reply.put(prefix + "destination", consumer.destination());
            reply.put(prefix + "destinationType", consumer.destinationType());
            reply.put(prefix + "subscription", consumer.subscription());
            reply.put(prefix + "selector", consumer.selector());
            reply.put(prefix + "browser", consumer.browser());
            reply.put(prefix + "prefetch", consumer.prefetch());
            reply.put(prefix + "credit", consumer.credit());
            reply.put(prefix + "inFlight", consumer.inFlight());
            reply.put(prefix + "delivered", consumer.delivered());
            reply.put(prefix + "acknowledged", consumer.acknowledged());
        }
        reply.put("count", row);
        return reply;
    }

    Map<String, Object> producers(final Map<String, Object> arguments)
    {
        final long connectionId = connectionFilter(arguments);
        final Map<String, Object> reply = new LinkedHashMap<>();
        int row = 0;
        for (final ManagedBroker.ProducerView producer : broker.producers())
        {
            if (connectionId >= 0 && producer.connectionId() != connectionId)
            {
                continue;
            }
            final String prefix = row++ + ".";
            reply.put(prefix + "connectionId", producer.connectionId());
            reply.put(prefix + "sessionId", producer.sessionId());
            reply.put(prefix + "producerId", producer.producerId());
            reply.put(prefix + "destination", producer.destination());
            reply.put(prefix + "destinationType", producer.destinationType());
        }
        reply.put("count", row);
        return reply;
    }

    /**
     * @return the connection the optional {@code connectionId} argument names, -1 for all.
     * @throws ManagementException with {@link ManagementException#UNKNOWN_CONNECTION} if there is no such connection.
     */
    private long connectionFilter(final Map<String, Object> arguments)
    {
        Arguments.requireKnown(arguments, FILTER_ARGUMENTS);
        final long connectionId = Arguments.longValue(arguments, "connectionId", -1, -1, Long.MAX_VALUE);
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
        final Map<String, Object> reply = new LinkedHashMap<>();
        int row = 0;
        for (final Topic topic : sortedTopics())
        {
            for (final MessageQueue subscription : topic.subscriptions())
            {
                if (null == subscription.journalName() && !subscription.name().startsWith("shared|"))
                {
                    continue;
                }
                final String prefix = row++ + ".";
                final String[] parts = subscription.name().split("\\|", 3);
                reply.put(prefix + "topic", topic.name());
                reply.put(prefix + "shared", "shared".equals(parts[0]));
                reply.put(prefix + "durable", null != subscription.journalName());
                reply.put(prefix + "clientId", parts.length == 3 ? parts[1] : "");
                reply.put(prefix + "name", parts.length == 3 ? parts[2] : subscription.name());
                reply.put(prefix + "selector", subscription.filter().text());
                reply.put(prefix + "backlog", (long)subscription.depth() + subscription.scheduledCount() +
                    subscription.pagedCount());
                reply.put(prefix + "inFlight", subscription.inFlightCount());
                reply.put(prefix + "consumers", subscription.consumers().size());
            }
        }
        reply.put("count", row);
        return reply;
    }

    private List<Topic> sortedTopics()
    {
        final List<Topic> topics = new ArrayList<>(broker.topics().values());
        topics.sort((a, b) -> a.name().compareTo(b.name()));
        return topics;
    }
}
