package io.aeolus.broker.management;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Permission;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers management requests on the conductor thread. A request is a map message sent to {@code aeolus.management}
 * with {@code JMSReplyTo} (and usually a {@code JMSCorrelationID}); its entry {@code op} names the operation and the
 * other entries are its arguments. The reply goes to the reply destination with the same correlation id: a map
 * message whose property {@link #STATUS} is {@code OK} and whose body holds the result (lists as {@code count} and
 * one entry per field and row, {@code <row>.<field>}), or {@code ERROR} with the properties {@link #ERROR_CODE}
 * (stable, see {@link ManagementException}) and {@link #ERROR_MESSAGE}. Sending to the management queue needs the
 * {@code manage} permission, so every operation does; an operation on a destination also needs, there, the
 * permission a JMS client would need to do the same ({@code createDestination} to create it,
 * {@code deleteDestination} to delete it, {@code browse} to browse it, {@code manage} to purge, move from or delete
 * its messages, {@code send} to a move's or a retry's target). The JMX MBeans run the same operations through
 * {@link #execute(Map)} as a {@link Requester#TRUSTED} requester, posted by the {@link ManagementProxy}.
 * <p>
 * A request is executed when it arrives, even from a transacted session (it is not a message to hold until commit).
 * Replies are non-persistent map messages routed like a send to the reply destination; one that no longer exists
 * drops the reply.
 */
public final class ManagementService
{
    /** Reply property: {@code OK} or {@code ERROR}. */
    public static final String STATUS = "AEOLUS_MGMT_STATUS";
    /** Reply property of an error: its stable code. */
    public static final String ERROR_CODE = "AEOLUS_MGMT_ERROR_CODE";
    /** Reply property of an error: what went wrong. */
    public static final String ERROR_MESSAGE = "AEOLUS_MGMT_ERROR_MESSAGE";

    private final ManagedBroker broker;
    private final ManagementFrames frames = new ManagementFrames();
    private final MessageOperations messages;
    private final Trash trash;
    private final Jobs jobs;
    private final DeadLetterTriage triage;
    private final MetricsPublisher metrics;
    private final MetricsHistory history;
    private final ManagementProxy proxy = new ManagementProxy();

    /**
     * @param broker    the conductor's view of the broker.
     * @param startedMs when the broker started, ms since the epoch.
     */
    public ManagementService(final ManagedBroker broker, final long startedMs)
    {
        this.broker = broker;
        this.messages = new MessageOperations(broker);
        final MessageMover mover = new MessageMover(broker);
        final MessageView view = new MessageView();
        this.trash = new Trash(broker, mover, view);
        this.jobs = new Jobs(broker, mover, view);
        this.triage = new DeadLetterTriage(broker);
        this.metrics = new MetricsPublisher(broker, frames, startedMs);
        this.history = new MetricsHistory(broker);
    }

    /**
     * @return the metrics history, for its recovery at start; conductor thread afterwards.
     */
    public MetricsHistory history()
    {
        return history;
    }

    /**
     * @return the proxy through which other threads (JMX) post requests; any thread.
     */
    public ManagementProxy proxy()
    {
        return proxy;
    }

    /**
     * Answers a request sent to the management queue. Conductor thread.
     *
     * @param request   the message the client sent.
     * @param requester the sender, whose permissions each operation checks.
     */
    public void onRequest(final BrokerMessage request, final Requester requester)
    {
        final ManagementFrames.Request decoded = frames.decodeRequest(request);
        if (null == decoded.replyTo() || decoded.replyTo().isEmpty())
        {
            return;
        }
        final Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> body = Map.of();
        try
        {
            if (null != decoded.problem())
            {
                throw new ManagementException(ManagementException.MALFORMED_REQUEST, decoded.problem());
            }
            body = execute(decoded.arguments(), requester);
            properties.put(STATUS, "OK");
        }
        catch (final ManagementException ex)
        {
            properties.put(STATUS, "ERROR");
            properties.put(ERROR_CODE, ex.code());
            properties.put(ERROR_MESSAGE, String.valueOf(ex.getMessage()));
        }
        catch (final RuntimeException ex)
        {
            // A fault of the broker's own: the client gets an answer rather than a timeout; the conductor goes on.
            properties.put(STATUS, "ERROR");
            properties.put(ERROR_CODE, ManagementException.INTERNAL);
            properties.put(ERROR_MESSAGE, "internal error: " + ex);
        }
        broker.route(frames.mapMessage(broker.nextMessageId(), decoded.replyTo(), decoded.replyToType(),
            decoded.correlationId(), decoded.correlationIsBytes(), properties, body, broker.nowMs()));
    }

    /**
     * Runs one operation for a trusted requester (JMX). Conductor thread.
     *
     * @param arguments {@code op} and the operation's arguments.
     * @return the result.
     * @throws ManagementException if the request cannot be honoured.
     */
    public Map<String, Object> execute(final Map<String, Object> arguments)
    {
        return execute(arguments, Requester.TRUSTED);
    }

    /**
     * Runs one operation. Conductor thread.
     *
     * @param arguments {@code op} and the operation's arguments.
     * @param requester who asks, whose permissions the operation checks.
     * @return the result.
     * @throws ManagementException if the request cannot be honoured, {@link ManagementException#ACCESS_DENIED} if
     *                             the requester may not.
     */
    public Map<String, Object> execute(final Map<String, Object> arguments, final Requester requester)
    {
        final String op = Arguments.string(arguments, "op");
        switch (op)
        {
            case "destinations":
                return destinations();
            case "connections":
                return connections();
            case "closeConnection":
                return closeConnection(arguments);
            case "subscriptions":
                return subscriptions();
            case "createQueue":
            case "createTopic":
                return create(arguments, "createTopic".equals(op), requester);
            case "deleteDestination":
                return delete(arguments, requester);
            case "purge":
                return messages.purge(arguments, requester);
            case "browse":
                return messages.browse(arguments, requester);
            case "move":
                return messages.move(arguments, requester);
            case "deleteMessages":
                return messages.delete(arguments, requester);
            case "retryDeadLetters":
                return messages.retryDeadLetters(arguments, requester);
            case "triage":
                return triage.triage(arguments, requester);
            case "trash":
                return trash.list(requester);
            case "restoreTrash":
                return trash.restore(arguments, requester);
            case "startJob":
                return jobs.start(arguments, requester);
            case "jobs":
                return jobs.list();
            case "pauseJob":
                return jobs.control(arguments, Jobs.State.PAUSED);
            case "resumeJob":
                return jobs.control(arguments, Jobs.State.RUNNING);
            case "cancelJob":
                return jobs.control(arguments, Jobs.State.CANCELLED);
            case "history":
                return history.query(arguments, requester);
            default:
                throw new ManagementException(ManagementException.UNKNOWN_OPERATION, "unknown operation '" + op + "'");
        }
    }

    /**
     * The timer tick: runs what other threads posted, publishes the metrics snapshot and samples the metrics
     * history when due. Conductor thread.
     *
     * @param nowMs the conductor's epoch time.
     * @return the work done.
     */
    public int onTimer(final long nowMs)
    {
        return proxy.drain(this) + jobs.onTimer(nowMs) + metrics.onTimer(nowMs) + history.onTimer(nowMs);
    }

    private Map<String, Object> destinations()
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
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
            for (final MessageQueue subscription : topic.subscriptions())
            {
                depth += subscription.depth();
                consumers += subscription.consumers().size();
            }
            reply.put(prefix + "depth", depth);
            reply.put(prefix + "consumers", consumers);
            reply.put(prefix + "subscriptions", topic.subscriptions().size());
            reply.put(prefix + "enqueued", topic.publishedCount());
            reply.put(prefix + "deadLetterQueue", false);
        }
        reply.put("count", row);
        return reply;
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

    private Map<String, Object> connections()
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

    private Map<String, Object> closeConnection(final Map<String, Object> arguments)
    {
        final long id = Arguments.longValue(arguments, "connectionId", -1);
        if (!broker.closeConnection(id, "closed by an administrator"))
        {
            throw new ManagementException(ManagementException.UNKNOWN_CONNECTION, "no connection " + id);
        }
        return Map.of();
    }

    private Map<String, Object> subscriptions()
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
        int row = 0;
        for (final Topic topic : broker.topics().values())
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

    private Map<String, Object> create(
        final Map<String, Object> arguments, final boolean topic, final Requester requester)
    {
        final String name = Arguments.destinationName(arguments, "name");
        requester.require(Permission.CREATE_DESTINATION, name);
        final boolean exists = topic ? broker.topics().containsKey(name) : broker.queues().containsKey(name);
        if (!exists)
        {
            if (topic)
            {
                broker.createTopic(name);
            }
            else
            {
                broker.createQueue(name);
            }
        }
        return Map.of("created", !exists);
    }

    private Map<String, Object> delete(final Map<String, Object> arguments, final Requester requester)
    {
        final String name = Arguments.string(arguments, "name");
        requester.require(Permission.DELETE_DESTINATION, name);
        final boolean topic = "topic".equalsIgnoreCase(Arguments.optionalString(arguments, "type"));
        final MessageQueue queue = topic ? null : broker.queues().get(name);
        final Topic theTopic = topic ? broker.topics().get(name) : null;
        if (null == queue && null == theTopic)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION,
                "no " + (topic ? "topic" : "queue") + " named '" + name + "'");
        }
        final DestinationType type = topic ? theTopic.type() : queue.destinationType();
        if (type != DestinationType.QUEUE && type != DestinationType.TOPIC || isBuiltIn(name))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + name + "' is a temporary or built-in destination and cannot be deleted");
        }
        final boolean inUse = topic ? !theTopic.subscriptions().isEmpty() :
            !queue.consumers().isEmpty() || queue.inFlightCount() > 0;
        if (inUse)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + name + "' has " + (topic ? "subscriptions" : "consumers") + "; close them first");
        }
        broker.deleteDestination(name, topic);
        return Map.of();
    }

    private static boolean isBuiltIn(final String name)
    {
        return AccessPolicy.isReserved(name);
    }
}
