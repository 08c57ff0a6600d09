package io.aeolus.jms.admin;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The broker's management operations over JMS: each call sends a map message to the queue {@code aeolus.management}
 * with a temporary reply queue and a correlation id, and waits for the answer up to the timeout. Failures come back
 * as {@link JMSException}s: {@code JMSSecurityException} when the user lacks the {@code manage} permission,
 * {@link InvalidDestinationException} for an unknown destination, {@link InvalidSelectorException} for a bad
 * selector, {@link IllegalStateException} for an operation the destination's state forbids; the error code is the
 * exception's error code.
 * <p>
 * Built on a connection the caller owns and has started; closing the client closes its sessions only. Calls are
 * serialized: any thread may call, one call runs at a time. Each call allocates; none belongs on a hot path.
 * Bulk operations as broker-side jobs are in {@link AdminJobs}, the trash in {@link AdminTrash}.
 */
public final class AdminClient implements AutoCloseable
{
    /** The broker's management queue. */
    public static final String MANAGEMENT_QUEUE = "aeolus.management";
    /** The topic the broker publishes metrics snapshots on. */
    public static final String METRICS_TOPIC = "aeolus.metrics";

    private final Connection connection;
    private final Session session;
    private final TemporaryQueue replyQueue;
    private final MessageConsumer replies;
    private final MessageProducer requests;
    private final long timeoutMs;
    private long nextCorrelation = 1;

    /**
     * Opens the client's session, reply queue and producer on a connection.
     *
     * @param connection a started connection; it stays the caller's.
     * @param timeout    how long each call waits for the broker's answer.
     * @throws JMException if the session cannot be created, or the user may not manage the broker.
     */
    public AdminClient(final Connection connection, final Duration timeout) throws JMSException
    {
        this.connection = connection;
        this.timeoutMs = timeout.toMillis();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try
        {
            this.replyQueue = session.createTemporaryQueue();
            this.replies = session.createConsumer(replyQueue);
            this.requests = session.createProducer(session.createQueue(MANAGEMENT_QUEUE));
            this.requests.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        }
        catch (final JMSException ex)
        {
            session.close();
            throw ex;
        }
    }

    /**
     * @return every queue and topic, temporary ones included, queues first, by name.
     * @throws JMSException if the call fails.
     */
    public List<DestinationInfo> destinations() throws JMSException
    {
        final MapMessage reply = call(request("destinations"));
        final List<DestinationInfo> rows = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            rows.add(new DestinationInfo(reply.getString(p + "name"), reply.getString(p + "type"),
                number(reply, p + "depth"), (int)number(reply, p + "inFlight"), (int)number(reply, p + "scheduled"),
                (int)number(reply, p + "consumers"), number(reply, p + "enqueued"), number(reply, p + "acknowledged"),
                number(reply, p + "expired"), number(reply, p + "deadLettered"), number(reply, p + "heldBytes"),
                reply.getBoolean(p + "deadLetterQueue")));
        }
        return rows;
    }

    /**
     * @param name a queue's name.
     * @return the queue as the broker reports it, null if there is none.
     * @throws JMSException if the call fails.
     */
    public DestinationInfo queue(final String name) throws JMSException
    {
        for (final DestinationInfo destination : destinations())
        {
            if (destination.isQueue() && destination.name().equals(name))
            {
                return destination;
            }
        }
        return null;
    }

    /**
     * @return the open client connections.
     * @throws JMSException if the call fails.
     */
    public List<ConnectionInfo> connections() throws JMSException
    {
        final MapMessage reply = call(request("connections"));
        final List<ConnectionInfo> rows = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            rows.add(new ConnectionInfo(reply.getLong(p + "id"), reply.getString(p + "clientId"),
                reply.getString(p + "user"), reply.getString(p + "source"), reply.getInt(p + "sessions"),
                reply.getInt(p + "consumers"), reply.getInt(p + "producers")));
        }
        return rows;
    }

    /**
     * Closes a client connection; its {@code ExceptionListener} is told.
     *
     * @param id the broker's id of the connection, from {@link #connections()}.
     * @throws JMSException if there is no such connection or the call fails.
     */
    public void closeConnection(final long id) throws JMSException
    {
        final Map<String, Object> request = request("closeConnection");
        request.put("connectionId", id);
        call(request);
    }

    /**
     * @return the durable and shared subscriptions with their backlog.
     * @throws JMSException if the call fails.
     */
    public List<SubscriptionInfo> subscriptions() throws JMSException
    {
        final MapMessage reply = call(request("subscriptions"));
        final List<SubscriptionInfo> rows = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            rows.add(new SubscriptionInfo(reply.getString(p + "topic"), reply.getString(p + "name"),
                reply.getString(p + "clientId"), reply.getBoolean(p + "durable"), reply.getBoolean(p + "shared"),
                reply.getString(p + "selector"), reply.getLong(p + "backlog"), reply.getInt(p + "inFlight"),
                reply.getInt(p + "consumers")));
        }
        return rows;
    }

    /**
     * Creates a queue (nothing happens if it exists).
     *
     * @param name the queue's name.
     * @throws JMSException if the call fails.
     */
    public void createQueue(final String name) throws JMSException
    {
        call(named("createQueue", name));
    }

    /**
     * Creates a topic (nothing happens if it exists).
     *
     * @param name the topic's name.
     * @throws JMSException if the call fails.
     */
    public void createTopic(final String name) throws JMSException
    {
        call(named("createTopic", name));
    }

    /**
     * Deletes a queue or topic with what it holds. Refused while a queue has consumers or a topic subscriptions.
     *
     * @param name  the destination's name.
     * @param topic true for a topic, false for a queue.
     * @throws JMSException if it does not exist, is in use, or the call fails.
     */
    public void deleteDestination(final String name, final boolean topic) throws JMSException
    {
        final Map<String, Object> request = named("deleteDestination", name);
        request.put("type", topic ? "topic" : "queue");
        call(request);
    }

    /**
     * Removes every message waiting in a queue (not those delivered and unacknowledged).
     *
     * @param queue the queue.
     * @return messages removed.
     * @throws JMSException if the call fails.
     */
    public int purge(final String queue) throws JMSException
    {
        return call(named("purge", queue)).getInt("count");
    }

    /**
     * Shows a page of the messages waiting in a queue, in delivery order.
     *
     * @param queue    the queue.
     * @param selector a message selector, null or empty for all.
     * @param offset   matching messages to skip.
     * @param limit    most messages to return, at most 1000.
     * @return the page.
     * @throws JMSException if the selector is invalid or the call fails.
     */
    public List<MessageInfo> browse(final String queue, final String selector, final int offset, final int limit)
        throws JMSException
    {
        final Map<String, Object> request = named("browse", queue);
        request.put("selector", null == selector ? "" : selector);
        request.put("offset", offset);
        request.put("limit", limit);
        final MapMessage reply = call(request);
        final List<MessageInfo> rows = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            rows.add(MessageRows.message(reply, i + "."));
        }
        return rows;
    }

    /**
     * Moves messages waiting in a queue to another queue (created if needed).
     *
     * @param queue    the source queue.
     * @param target   the target queue.
     * @param ids      the JMSMessageIDs to move, or null to move by selector.
     * @param selector a selector (used when ids is null), null or empty for all.
     * @return messages moved.
     * @throws JMSException if the call fails.
     */
    public int move(final String queue, final String target, final List<String> ids, final String selector)
        throws JMSException
    {
        final Map<String, Object> request = selection(named("move", queue), ids, selector);
        request.put("target", target);
        return call(request).getInt("count");
    }

    /**
     * Deletes messages waiting in a queue.
     *
     * @param queue    the queue.
     * @param ids      the JMSMessageIDs to delete, or null to delete by selector.
     * @param selector a selector (used when ids is null), null or empty for all.
     * @return messages deleted.
     * @throws JMSException if the call fails.
     */
    public int deleteMessages(final String queue, final List<String> ids, final String selector) throws JMSException
    {
        return call(selection(named("deleteMessages", queue), ids, selector)).getInt("count");
    }

    /**
     * Sends dead letters back to the destination they came from, without their dead-letter properties.
     *
     * @param deadLetterQueue the dead-letter queue.
     * @param ids             the JMSMessageIDs to retry, or null for all.
     * @return messages retried.
     * @throws JMSException if the call fails.
     */
    public int retryDeadLetters(final String deadLetterQueue, final List<String> ids) throws JMSException
    {
        return call(selection(named("retryDeadLetters", deadLetterQueue), ids, null)).getInt("count");
    }

    /**
     * Groups the messages of a dead-letter queue by cause, with a time histogram and, per group, the selector that
     * picks it.
     *
     * @param deadLetterQueue the queue.
     * @param groupBy         reason, destination (original), consumer (last to fail it), deliveryCount, or property.
     * @param property        with groupBy property: the message property to group by; else null.
     * @param buckets         histogram buckets, 1 to 240.
     * @return the groups, biggest first.
     * @throws JMSException if an argument is refused, the user may not browse the queue, or the call fails.
     */
    public DeadLetterGroups triage(final String deadLetterQueue, final String groupBy, final String property,
        final int buckets) throws JMSException
    {
        final Map<String, Object> request = named("triage", deadLetterQueue);
        request.put("groupBy", groupBy);
        if (null != property)
        {
            request.put("property", property);
        }
        request.put("buckets", buckets);
        final MapMessage reply = call(request);
        final List<DeadLetterGroups.Group> groups = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            final String[] counts = reply.getString(p + "histogram").split(",");
            final int[] histogram = new int[counts.length];
            for (int b = 0; b < counts.length; b++)
            {
                histogram[b] = Integer.parseInt(counts[b]);
            }
            groups.add(new DeadLetterGroups.Group(reply.getString(p + "key"), reply.getInt(p + "count"),
                reply.getLong(p + "firstMs"), reply.getLong(p + "lastMs"), histogram, reply.getString(p + "selector")));
        }
        return new DeadLetterGroups(reply.getString("property"), reply.getInt("total"), reply.getLong("fromMs"),
            reply.getLong("toMs"), reply.getLong("bucketMs"), groups);
    }

    /**
     * The broker's built-in history of a queue's or topic's depth and rates, or of the broker as a whole, oldest
     * first: 1 s points for the ranges {@code 1m} and {@code 10m}, 10 s points for {@code 1h}, 1 min points for
     * {@code 24h}. The 1-minute points survive a restart of the broker; the others start afresh. A destination past
     * the broker's cap of destinations with history has no points.
     *
     * @param destination the queue or topic, or null or empty for the broker as a whole.
     * @param topic       true if the destination is a topic.
     * @param range       {@code 1m}, {@code 10m}, {@code 1h} or {@code 24h}.
     * @return the points, possibly none.
     * @throws JMSException {@code InvalidDestinationException} for a destination the broker neither has nor has
     *                      history of, {@code JMSSecurityException} without {@code browse} on it, error code
     *                      {@code INVALID_ARGUMENT} for another range or a temporary or built-in destination.
     */
    public List<HistoryPoint> history(final String destination, final boolean topic, final String range)
        throws JMSException
    {
        final Map<String, Object> request = named("history", null == destination ? "" : destination);
        request.put("type", topic ? "topic" : "queue");
        if (null != range)
        {
            request.put("range", range);
        }
        final MapMessage reply = call(request);
        final List<HistoryPoint> points = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            points.add(new HistoryPoint(reply.getLong(p + "t"), reply.getLong(p + "depth"),
                reply.getDouble(p + "inRate"), reply.getDouble(p + "outRate")));
        }
        return points;
    }

    /**
     * Delivers each metrics snapshot the broker publishes (once a second) to a listener, on a session of its own.
     *
     * @param listener called on the session's delivery thread with each snapshot.
     * @return closes the subscription.
     * @throws JMSException if the user may not read metrics or the call fails.
     */
    public AutoCloseable subscribeMetrics(final Consumer<MetricsSnapshot> listener) throws JMSException
    {
        final Session metricsSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try
        {
            final MessageConsumer consumer = metricsSession.createConsumer(metricsSession.createTopic(METRICS_TOPIC));
            consumer.setMessageListener((message) -> onMetrics(message, listener));
        }
        catch (final JMSException ex)
        {
            metricsSession.close();
            throw ex;
        }
        return metricsSession::close;
    }

    /**
     * Deletes the reply queue and closes the client's session; the connection stays open.
     *
     * @throws JMSException if the session cannot be closed.
     */
    public synchronized void close() throws JMSException
    {
        try
        {
            replies.close();
            replyQueue.delete();
        }
        finally
        {
            session.close();
        }
    }

    private static void onMetrics(final Message message, final Consumer<MetricsSnapshot> listener)
    {
        try
        {
            if (message instanceof MapMessage)
            {
                listener.accept(MessageRows.metrics((MapMessage)message));
            }
        }
        catch (final JMSException ex)
        {
            // A snapshot that cannot be read is skipped: the next one comes in a second.
            return;
        }
    }

    private static Map<String, Object> request(final String op)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        return request;
    }

    private static Map<String, Object> named(final String op, final String name)
    {
        final Map<String, Object> request = request(op);
        request.put("name", name);
        return request;
    }

    private static Map<String, Object> selection(
        final Map<String, Object> request, final List<String> ids, final String selector)
    {
        if (null != ids)
        {
            request.put("ids", String.join("\n", ids));
        }
        else if (null != selector && !selector.isBlank())
        {
            request.put("selector", selector);
        }
        return request;
    }

    private static long number(final MapMessage reply, final String name) throws JMSException
    {
        final Object value = reply.getObject(name);
        return value instanceof Number ? ((Number)value).longValue() : 0;
    }

    synchronized MapMessage call(final Map<String, Object> arguments) throws JMSException
    {
        final MapMessage request = session.createMapMessage();
        for (final Map.Entry<String, Object> argument : arguments.entrySet())
        {
            request.setObject(argument.getKey(), argument.getValue());
        }
        final String correlationId = "aeolus-admin-" + nextCorrelation++;
        request.setJMSCorrelationID(correlationId);
        request.setJMSReplyTo(replyQueue);
        requests.send(request);
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true)
        {
            final long remainingMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
            final Message reply = remainingMs > 0 ? replies.receive(remainingMs) : null;
            if (null == reply)
            {
                throw new JMSException("the broker did not answer '" + arguments.get("op") + "' within " +
                    timeoutMs + " ms", "TIMEOUT");
            }
            // A late answer to an earlier call that timed out is skipped.
            if (correlationId.equals(reply.getJMSCorrelationID()) && reply instanceof MapMessage)
            {
                return MessageRows.checked((MapMessage)reply);
            }
        }
    }
}
