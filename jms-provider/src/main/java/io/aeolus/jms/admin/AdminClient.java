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

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The broker's management operations over JMS: each call sends a map message to the queue {@code aeolus.management}
 * with a temporary reply queue and a correlation id, and waits for the answer up to the timeout. Failures come back
 * as {@link JMSException}s whose error code is the broker's: {@code JMSSecurityException} when the user lacks the
 * {@code manage} permission or the one the operation needs on a destination, {@link InvalidDestinationException}
 * for an unknown destination or subscription, {@link InvalidSelectorException} for a bad selector,
 * {@link IllegalStateException} for an operation the destination's state forbids,
 * {@code ResourceAllocationException} when a destination is full, and a plain {@link JMSException} otherwise: error
 * code {@code INVALID_ARGUMENT} (the message names the argument), {@code UNKNOWN_MESSAGE}, {@code MESSAGE_TOO_LARGE}.
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
        return MessageRows.rows(call(request("destinations")), MessageRows::destination);
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
        return MessageRows.rows(call(request("connections")), MessageRows::connection);
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
     * @return the sessions of every open connection, by connection then session id.
     * @throws JMSException if the call fails.
     */
    public List<SessionInfo> sessions() throws JMSException
    {
        return sessions(-1);
    }

    /**
     * @param connectionId the broker's id of a connection, from {@link #connections()}; -1 for every connection.
     * @return its sessions.
     * @throws JMSException if there is no such connection or the call fails.
     */
    public List<SessionInfo> sessions(final long connectionId) throws JMSException
    {
        return MessageRows.rows(call(ofConnection("sessions", connectionId)), MessageRows::session);
    }

    /**
     * @return the consumers and queue browsers of every open connection, with their credit and counts.
     * @throws JMSException if the call fails.
     */
    public List<ConsumerInfo> consumers() throws JMSException
    {
        return consumers(-1);
    }

    /**
     * @param connectionId the broker's id of a connection, from {@link #connections()}; -1 for every connection.
     * @return its consumers and queue browsers.
     * @throws JMSException if there is no such connection or the call fails.
     */
    public List<ConsumerInfo> consumers(final long connectionId) throws JMSException
    {
        return MessageRows.rows(call(ofConnection("consumers", connectionId)), MessageRows::consumer);
    }

    /**
     * @return the producers of every open connection.
     * @throws JMSException if the call fails.
     */
    public List<ProducerInfo> producers() throws JMSException
    {
        return producers(-1);
    }

    /**
     * @param connectionId the broker's id of a connection, from {@link #connections()}; -1 for every connection.
     * @return its producers.
     * @throws JMSException if there is no such connection or the call fails.
     */
    public List<ProducerInfo> producers(final long connectionId) throws JMSException
    {
        return MessageRows.rows(call(ofConnection("producers", connectionId)), MessageRows::producer);
    }

    /**
     * @return the durable and shared subscriptions with their backlog.
     * @throws JMSException if the call fails.
     */
    public List<SubscriptionInfo> subscriptions() throws JMSException
    {
        return MessageRows.rows(call(request("subscriptions")), MessageRows::subscription);
    }

    /**
     * Deletes a durable (or shared durable) subscription with the messages it holds, as {@code Session.unsubscribe}
     * does; needs the {@code deleteDurable} permission on the topic.
     *
     * @param topic    the subscription's topic.
     * @param clientId its subscriber's client id; null or empty for a shared subscription made without one.
     * @param name     the subscription's name.
     * @return messages it held.
     * @throws JMSException {@link InvalidDestinationException} if there is no such subscription,
     *                      {@link IllegalStateException} while it has an active consumer, or if the call fails.
     */
    public long dropSubscription(final String topic, final String clientId, final String name) throws JMSException
    {
        final Map<String, Object> request = request("dropSubscription");
        request.put("topic", topic);
        request.put("clientId", null == clientId ? "" : clientId);
        request.put("name", name);
        return call(request).getLong("dropped");
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
        return MessageRows.rows(call(request), MessageRows::message);
    }

    /**
     * Finds the messages waiting in a queue whose JMSMessageID, JMSCorrelationID or JMSType, or whose text (a text
     * body, the values of a map body), contains a string, ignoring case; paged like {@link #browse}.
     *
     * @param queue    the queue.
     * @param text     what to look for, at most 1000 characters.
     * @param selector a message selector the messages must also match, null or empty for none.
     * @param offset   matching messages to skip.
     * @param limit    most messages to return, at most 1000.
     * @return the page.
     * @throws JMSException if the selector is invalid or the call fails.
     */
    public List<MessageInfo> search(final String queue, final String text, final String selector, final int offset,
        final int limit) throws JMSException
    {
        final Map<String, Object> request = named("search", queue);
        request.put("text", text);
        if (null != selector && !selector.isBlank())
        {
            request.put("selector", selector);
        }
        request.put("offset", offset);
        request.put("limit", limit);
        return MessageRows.rows(call(request), MessageRows::message);
    }

    /**
     * Reads one message waiting in a queue, with a slice of its body: call again from
     * {@code bodyOffset + body.length} while {@link MessageDetail#isLastSlice()} is false to read a large body in
     * pieces.
     *
     * @param queue     the queue.
     * @param messageId its JMSMessageID.
     * @param offset    the first body byte wanted.
     * @param length    the most body bytes wanted, at most 4 MiB.
     * @return the message.
     * @throws JMSException with error code UNKNOWN_MESSAGE if no waiting message has that id, or if the call fails.
     */
    public MessageDetail getMessage(final String queue, final String messageId, final long offset, final int length)
        throws JMSException
    {
        final Map<String, Object> request = named("getMessage", queue);
        request.put("messageId", messageId);
        request.put("offset", offset);
        request.put("length", length);
        return MessageRows.detail(call(request));
    }

    /**
     * Sends a message through the broker, as a producer would; persistent messages are on disk when this returns.
     *
     * @param destination the queue or topic, created if it does not exist (which needs {@code createDestination}).
     * @param topic       true for a topic.
     * @param message     the message.
     * @return the JMSMessageID the broker gave it.
     * @throws JMSException with error code INVALID_ARGUMENT naming a bad value, {@code ResourceAllocationException}
     *                      if the destination is full, or if the call fails.
     */
    public String sendMessage(final String destination, final boolean topic, final NewMessage message)
        throws JMSException
    {
        return call(message.arguments(destination, topic)).getString("messageId");
    }

    /**
     * Holds back the deliveries of a queue: producers may still send, browsers still see the messages, but no
     * consumer gets one until {@link #resume(String)}. A pause lasts until the broker stops.
     *
     * @param queue the queue.
     * @return false if it was paused already.
     * @throws JMSException if the call fails.
     */
    public boolean pause(final String queue) throws JMSException
    {
        return call(named("pause", queue)).getBoolean("changed");
    }

    /**
     * Resumes the deliveries of a paused queue.
     *
     * @param queue the queue.
     * @return false if it was not paused.
     * @throws JMSException if the call fails.
     */
    public boolean resume(final String queue) throws JMSException
    {
        return call(named("resume", queue)).getBoolean("changed");
    }

    /**
     * Copies messages waiting in a queue to another queue (created if needed): the copies get new JMSMessageIDs and
     * the originals stay. Needs {@code browse} on the source and {@code send} on the target.
     *
     * @param queue    the source queue.
     * @param target   the target queue.
     * @param ids      the JMSMessageIDs to copy, or null to copy by selector.
     * @param selector a selector (used when ids is null), null or empty for all.
     * @return messages copied.
     * @throws JMSException if the call fails.
     */
    public int copy(final String queue, final String target, final List<String> ids, final String selector)
        throws JMSException
    {
        final Map<String, Object> request = selection(named("copy", queue), ids, selector);
        request.put("target", target);
        return call(request).getInt("count");
    }

    /**
     * Writes the messages waiting in a queue that match a selector to a {@link MessageFile}, each read in full with
     * {@link #getMessage}. Pause the queue first for a snapshot: a message consumed meanwhile is left out. The file
     * is written beside it as {@code <file>.part} and renamed once complete.
     *
     * @param queue    the queue.
     * @param selector a message selector, null or empty for all.
     * @param file     the file to write, replaced if it exists.
     * @return messages written (messages sent with JMSMessageIDs disabled cannot be read one by one, and are not).
     * @throws JMSException if a call fails.
     * @throws IOException  if the file cannot be written.
     */
    public int exportMessages(final String queue, final String selector, final Path file)
        throws JMSException, IOException
    {
        return MessageFile.export(this, queue, selector, file);
    }

    /**
     * Sends every message of a {@link MessageFile} to a queue with {@link #sendMessage}, bodies, headers and
     * properties as they were; the file is checked in full before the first message is sent.
     *
     * @param file  the file.
     * @param queue the queue, created if it does not exist.
     * @return messages sent, and those skipped because they had expired.
     * @throws MessageFileException naming the line if the file is malformed.
     * @throws JMSException         naming the line if the broker refuses a message, or if a call fails.
     * @throws IOException          if the file cannot be read.
     */
    public ImportResult importMessages(final Path file, final String queue) throws JMSException, IOException
    {
        return MessageFile.importFile(this, file, queue);
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

    private static Map<String, Object> ofConnection(final String op, final long connectionId)
    {
        final Map<String, Object> request = request(op);
        if (connectionId >= 0)
        {
            request.put("connectionId", connectionId);
        }
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
