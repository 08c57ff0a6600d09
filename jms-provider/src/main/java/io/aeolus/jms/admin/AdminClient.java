package io.aeolus.jms.admin;

import io.aeolus.management.SystemDestinations;
import io.aeolus.management.Argument;
import io.aeolus.management.BrokerStatus;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.DestinationInfo;
import io.aeolus.management.ErrorCode;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.MessageDetail;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.MessagePage;
import io.aeolus.management.MetricsSnapshot;
import io.aeolus.management.Operation;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.SessionInfo;
import io.aeolus.management.SettingInfo;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.transport.message.PropertiesCodec;
import jakarta.jms.Connection;
import org.agrona.concurrent.UnsafeBuffer;
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
import java.util.Collection;
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
    public static final String MANAGEMENT_QUEUE = SystemDestinations.MANAGEMENT_QUEUE;
    /** The topic the broker publishes metrics snapshots on. */
    public static final String METRICS_TOPIC = SystemDestinations.METRICS_TOPIC;

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
        return Reply.rows(call(Request.of(Operation.DESTINATIONS)), DestinationInfo::read);
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
     * @return the broker's version, uptime, heap, connection and destination counts and journal backlog.
     * @throws JMSException if the call fails.
     */
    public BrokerStatus status() throws JMSException
    {
        return BrokerStatus.read(call(Request.of(Operation.STATUS)));
    }

    /**
     * @return the open client connections.
     * @throws JMSException if the call fails.
     */
    public List<ConnectionInfo> connections() throws JMSException
    {
        return Reply.rows(call(Request.of(Operation.CONNECTIONS)), ConnectionInfo::read);
    }

    /**
     * Closes a client connection; its {@code ExceptionListener} is told.
     *
     * @param id the broker's id of the connection, from {@link #connections()}.
     * @throws JMSException if there is no such connection or the call fails.
     */
    public void closeConnection(final long id) throws JMSException
    {
        call(Request.of(Operation.CLOSE_CONNECTION, Argument.CONNECTION_ID, id));
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
        return Reply.rows(call(ofConnection(Operation.SESSIONS, connectionId)), SessionInfo::read);
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
        return Reply.rows(call(ofConnection(Operation.CONSUMERS, connectionId)), ConsumerInfo::read);
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
        return Reply.rows(call(ofConnection(Operation.PRODUCERS, connectionId)), ProducerInfo::read);
    }

    /**
     * @return the durable and shared subscriptions with their backlog.
     * @throws JMSException if the call fails.
     */
    public List<SubscriptionInfo> subscriptions() throws JMSException
    {
        return Reply.rows(call(Request.of(Operation.SUBSCRIPTIONS)), SubscriptionInfo::read);
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
        return Reply.longValue(call(Request.of(Operation.DROP_SUBSCRIPTION, Argument.TOPIC_NAME, topic,
            Argument.CLIENT_ID, null == clientId ? "" : clientId, Argument.NAME, name)), Reply.DROPPED);
    }

    /**
     * Creates a queue (nothing happens if it exists).
     *
     * @param name the queue's name.
     * @throws JMSException if the call fails.
     */
    public void createQueue(final String name) throws JMSException
    {
        call(Request.of(Operation.CREATE_QUEUE, Argument.NAME, name));
    }

    /**
     * Creates a topic (nothing happens if it exists).
     *
     * @param name the topic's name.
     * @throws JMSException if the call fails.
     */
    public void createTopic(final String name) throws JMSException
    {
        call(Request.of(Operation.CREATE_TOPIC, Argument.NAME, name));
    }

    /**
     * Creates a queue with settings of its own (nothing happens if it exists and no setting is given).
     *
     * @param name     the queue's name.
     * @param settings setting name ({@code max.delivery.attempts}, {@code memory.limit}...) to value as text.
     * @throws JMSException if a setting is unknown or its value bad (the message names it), if the queue exists and
     *                      settings are given, or if the call fails.
     */
    public void createQueue(final String name, final Map<String, String> settings) throws JMSException
    {
        call(withSettings(Request.of(Operation.CREATE_QUEUE, Argument.NAME, name), settings));
    }

    /**
     * Creates a topic with settings of its own (nothing happens if it exists and no setting is given).
     *
     * @param name     the topic's name.
     * @param settings setting name to value as text.
     * @throws JMSException if a setting is unknown or its value bad, if the topic exists and settings are given, or if
     *                      the call fails.
     */
    public void createTopic(final String name, final Map<String, String> settings) throws JMSException
    {
        call(withSettings(Request.of(Operation.CREATE_TOPIC, Argument.NAME, name), settings));
    }

    /**
     * The settings in force for a queue or topic, and which of them it was given of its own.
     *
     * @param name  the destination's name.
     * @param topic true for a topic.
     * @return one row per setting.
     * @throws JMSException {@link InvalidDestinationException} if there is no such destination, or if the call fails.
     */
    public List<SettingInfo> destinationSettings(final String name, final boolean topic) throws JMSException
    {
        return Reply.rows(call(Request.of(Operation.DESTINATION_SETTINGS, Argument.NAME, name, Argument.TYPE,
            Argument.type(topic))), SettingInfo::read);
    }

    /**
     * Gives an existing queue or topic settings of its own, applied at once; its other own settings stay.
     *
     * @param name     the destination's name.
     * @param topic    true for a topic.
     * @param settings setting name to value as text; at least one.
     * @return the settings in force afterwards.
     * @throws JMSException if a setting is unknown or its value bad, if a change cannot apply to it (a topic's
     *                      retention...; the message says why), or if the call fails.
     */
    public List<SettingInfo> setDestinationSettings(final String name, final boolean topic,
        final Map<String, String> settings) throws JMSException
    {
        return Reply.rows(call(withSettings(Request.of(Operation.SET_DESTINATION_SETTINGS, Argument.NAME, name,
            Argument.TYPE, Argument.type(topic)), settings)), SettingInfo::read);
    }

    /**
     * Takes back settings a queue or topic was given of its own, so that it follows the broker's again.
     *
     * @param name     the destination's name.
     * @param topic    true for a topic.
     * @param settings the names of the settings to take back; empty for all.
     * @return the settings in force afterwards.
     * @throws JMSException if a setting is unknown, if the change cannot apply to it, or if the call fails.
     */
    public List<SettingInfo> resetDestinationSettings(final String name, final boolean topic,
        final Collection<String> settings) throws JMSException
    {
        return Reply.rows(call(Request.of(Operation.RESET_DESTINATION_SETTINGS, Argument.NAME, name, Argument.TYPE,
            Argument.type(topic), Argument.SETTINGS, settings.isEmpty() ? null : String.join(",", settings))),
            SettingInfo::read);
    }

    private static Map<String, Object> withSettings(final Map<String, Object> request,
        final Map<String, String> settings)
    {
        for (final Map.Entry<String, String> setting : settings.entrySet())
        {
            request.put(Argument.SETTING_PREFIX + setting.getKey(), setting.getValue());
        }
        return request;
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
        call(Request.of(Operation.DELETE_DESTINATION, Argument.NAME, name, Argument.TYPE, Argument.type(topic)));
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
        return Reply.intValue(call(Request.of(Operation.PURGE, Argument.NAME, queue)), Reply.COUNT);
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
        return Reply.rows(call(Request.of(Operation.BROWSE, Argument.NAME, queue, Argument.SELECTOR,
            null == selector ? "" : selector, Argument.OFFSET, offset, Argument.LIMIT, limit)), MessageInfo::read);
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
        return Reply.rows(call(Request.of(Operation.SEARCH, Argument.NAME, queue, Argument.TEXT, text,
            Argument.SELECTOR, null == selector || selector.isBlank() ? null : selector, Argument.OFFSET, offset,
            Argument.LIMIT, limit)), MessageInfo::read);
    }

    /**
     * Shows a page of the messages waiting in a queue that match a selector, in queue order, with how many match in
     * all: the messages paged out to the journal are read too (with a selector the broker scans the whole queue, in
     * batches). The broker gives up on a scan shortly before this client would stop waiting, with error code
     * {@code TIMEOUT}.
     *
     * @param queue    the queue.
     * @param selector a message selector, null or empty for all.
     * @param offset   matching messages to skip.
     * @param limit    most messages to return, at most 1000.
     * @return the page and the total.
     * @throws JMSException if the selector is invalid, the scan took too long, or the call fails.
     */
    public MessagePage browsePage(final String queue, final String selector, final int offset, final int limit)
        throws JMSException
    {
        return MessagePage.read(call(Request.of(Operation.BROWSE, Argument.NAME, queue, Argument.SELECTOR,
            null == selector ? "" : selector, Argument.OFFSET, offset, Argument.LIMIT, limit,
            Argument.TIME_LIMIT_MS, scanTimeLimitMs())));
    }

    /**
     * As {@link #search}, with how many messages match in all: the broker scans the whole queue, the messages paged
     * out to the journal included, in batches, and gives up shortly before this client would stop waiting, with error
     * code {@code TIMEOUT}.
     *
     * @param queue    the queue.
     * @param text     what to look for, at most 1000 characters.
     * @param selector a message selector the messages must also match, null or empty for none.
     * @param offset   matching messages to skip.
     * @param limit    most messages to return, at most 1000.
     * @return the page and the total.
     * @throws JMSException if the selector is invalid, the scan took too long, or the call fails.
     */
    public MessagePage searchPage(final String queue, final String text, final String selector, final int offset,
        final int limit) throws JMSException
    {
        return MessagePage.read(call(Request.of(Operation.SEARCH, Argument.NAME, queue, Argument.TEXT, text,
            Argument.SELECTOR, null == selector || selector.isBlank() ? null : selector, Argument.OFFSET, offset,
            Argument.LIMIT, limit, Argument.TIME_LIMIT_MS, scanTimeLimitMs())));
    }

    /**
     * The time a scan may take on the broker: most of this client's timeout, so that the broker's clear answer
     * arrives before the client gives up on it; at most the broker's ceiling of 10 minutes.
     */
    private long scanTimeLimitMs()
    {
        return Math.max(1, Math.min(600_000, timeoutMs - Math.min(timeoutMs / 4, 2_000)));
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
        return MessageDetail.read(call(Request.of(Operation.GET_MESSAGE, Argument.NAME, queue, Argument.MESSAGE_ID,
            messageId, Argument.OFFSET, offset, Argument.LENGTH, length)));
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
        return Reply.string(call(message.arguments(destination, topic)), Reply.MESSAGE_ID);
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
        return Reply.booleanValue(call(Request.of(Operation.PAUSE, Argument.NAME, queue)), Reply.CHANGED);
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
        return Reply.booleanValue(call(Request.of(Operation.RESUME, Argument.NAME, queue)), Reply.CHANGED);
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
        return Reply.intValue(call(selection(Request.of(Operation.COPY, Argument.NAME, queue, Argument.TARGET, target),
            ids, selector)), Reply.COUNT);
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
        return Reply.intValue(call(selection(Request.of(Operation.MOVE, Argument.NAME, queue, Argument.TARGET, target),
            ids, selector)), Reply.COUNT);
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
        return Reply.intValue(call(selection(Request.of(Operation.DELETE_MESSAGES, Argument.NAME, queue), ids,
            selector)),
            Reply.COUNT);
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
        return Reply.intValue(call(selection(Request.of(Operation.RETRY_DEAD_LETTERS, Argument.NAME, deadLetterQueue),
            ids, null)), Reply.COUNT);
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
        return Reply.rows(call(Request.of(Operation.HISTORY, Argument.NAME, null == destination ? "" : destination,
            Argument.TYPE, Argument.type(topic), Argument.RANGE, range)), HistoryPoint::read);
    }

    /**
     * @param detail a map message read whole by {@link #getMessage}.
     * @return its map body's entries, in order.
     * @throws IllegalStateException if the body is not a map or not whole.
     */
    public static Map<String, Object> mapBody(final MessageDetail detail)
    {
        detail.requireWhole("MAP");
        final byte[] body = detail.body();
        return PropertiesCodec.decode(new UnsafeBuffer(body), 0, body.length);
    }

    /**
     * Delivers the broker's metrics (a snapshot a second) to a listener, on a session of its own: always complete
     * snapshots (snapshots of changes only, which a broker with many destinations sends, are merged into the last
     * complete one), and only the latest when the listener is slower than the broker ({@link MetricsFeed}).
     *
     * @param listener called on the subscription's own thread with the latest complete snapshot.
     * @return closes the subscription.
     * @throws JMSException if the user may not read metrics or the call fails.
     */
    public AutoCloseable subscribeMetrics(final Consumer<MetricsSnapshot> listener) throws JMSException
    {
        final Session metricsSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MetricsFeed feed = new MetricsFeed(listener);
        try
        {
            final MessageConsumer consumer = metricsSession.createConsumer(metricsSession.createTopic(METRICS_TOPIC));
            consumer.setMessageListener(feed);
        }
        catch (final JMSException ex)
        {
            feed.close();
            metricsSession.close();
            throw ex;
        }
        return () ->
        {
            try
            {
                metricsSession.close();
            }
            finally
            {
                feed.close();
            }
        };
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

    private static Map<String, Object> ofConnection(final Operation operation, final long connectionId)
    {
        return Request.of(operation, Argument.CONNECTION_ID, connectionId >= 0 ? connectionId : null);
    }

    private static Map<String, Object> selection(
        final Map<String, Object> request, final List<String> ids, final String selector)
    {
        if (null != ids)
        {
            request.put(Argument.IDS, String.join("\n", ids));
        }
        else if (null != selector && !selector.isBlank())
        {
            request.put(Argument.SELECTOR, selector);
        }
        return request;
    }

    synchronized Map<String, Object> call(final Map<String, Object> arguments) throws JMSException
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
                throw new JMSException("the broker did not answer '" + arguments.get(Argument.OP) + "' within " +
                    timeoutMs + " ms", ErrorCode.TIMEOUT);
            }
            // A late answer to an earlier call that timed out is skipped.
            if (correlationId.equals(reply.getJMSCorrelationID()) && reply instanceof MapMessage)
            {
                return MessageRows.body(MessageRows.checked((MapMessage)reply));
            }
        }
    }
}
