package io.aeolus.console.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory broker stand-in for tests, screenshots and the demo mode of the console. State is guarded by
 * this object's monitor, so any thread may call any method. Listeners are called on the caller's thread of
 * {@link #publishMetrics}, {@link #connect} and {@link #simulateConnectionLost}. Tests make any call fail with
 * {@link #failOn}, and require a login with {@link #requireLogin}.
 */
public final class FakeBackend implements ConsoleBackend
{
    private final Map<String, DestinationInfo> destinations = new LinkedHashMap<>();
    private final Map<String, List<BrowsedMessage>> queueMessages = new LinkedHashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new LinkedHashMap<>();
    private final List<ConnectionInfo> connections = new ArrayList<>();
    private final List<SubscriptionInfo> subscriptions = new ArrayList<>();
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> retriedIds = new ArrayList<>();
    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final Map<String, Exception> failures = new HashMap<>();
    private String connectedUrl;
    private String requiredUser;
    private String requiredPassword;
    private int connectCalls;
    private long nextMessageId = 1;

    /**
     * Adds or replaces a destination.
     *
     * @param info the destination's statistics.
     * @return this for chaining.
     */
    public synchronized FakeBackend putDestination(final DestinationInfo info)
    {
        destinations.put(info.name(), info);
        return this;
    }

    /**
     * Appends a message to a queue's browsable content.
     *
     * @param queue   queue name.
     * @param message the message.
     * @return this for chaining.
     */
    public synchronized FakeBackend addMessage(final String queue, final BrowsedMessage message)
    {
        queueMessages.computeIfAbsent(queue, (name) -> new ArrayList<>()).add(message);
        return this;
    }

    /**
     * Appends a dead letter to a dead-letter queue.
     *
     * @param deadLetterQueue queue name.
     * @param deadLetter      the message.
     * @return this for chaining.
     */
    public synchronized FakeBackend addDeadLetter(final String deadLetterQueue, final DeadLetter deadLetter)
    {
        deadLetters.computeIfAbsent(deadLetterQueue, (name) -> new ArrayList<>()).add(deadLetter);
        return this;
    }

    /**
     * Adds a client connection.
     *
     * @param connection the connection.
     * @return this for chaining.
     */
    public synchronized FakeBackend addConnection(final ConnectionInfo connection)
    {
        connections.add(connection);
        return this;
    }

    /**
     * Adds a topic subscription.
     *
     * @param subscription the subscription.
     * @return this for chaining.
     */
    public synchronized FakeBackend addSubscription(final SubscriptionInfo subscription)
    {
        subscriptions.add(subscription);
        return this;
    }

    /**
     * Makes every later call of one operation fail, until called again with null.
     *
     * @param operation the method name, e.g. {@code purge} or {@code connections}.
     * @param failure   thrown by each call, or null to let calls succeed again.
     * @return this for chaining.
     */
    public synchronized FakeBackend failOn(final String operation, final Exception failure)
    {
        if (null == failure)
        {
            failures.remove(operation);
        }
        else
        {
            failures.put(operation, failure);
        }
        return this;
    }

    /**
     * Makes {@link #connect} accept only this user and password, as a broker with security on would.
     *
     * @param user     the user name.
     * @param password the password.
     * @return this for chaining.
     */
    public synchronized FakeBackend requireLogin(final String user, final String password)
    {
        requiredUser = user;
        requiredPassword = password;
        return this;
    }

    /**
     * Messages passed to {@link #sendMessage} so far, for test assertions.
     *
     * @return a copy in call order.
     */
    public synchronized List<OutgoingMessage> sentMessages()
    {
        return List.copyOf(sent);
    }

    /**
     * Ids passed to the retry methods so far, for test assertions.
     *
     * @return a copy of the ids in call order.
     */
    public synchronized List<String> retriedIds()
    {
        return List.copyOf(retriedIds);
    }

    /**
     * Number of messages held in a dead-letter queue.
     *
     * @param deadLetterQueue queue name.
     * @return the count.
     */
    public synchronized long deadLetterCount(final String deadLetterQueue)
    {
        return deadLetters.getOrDefault(deadLetterQueue, List.of()).size();
    }

    /**
     * How often {@link #connect} was called.
     *
     * @return the count.
     */
    public synchronized int connectCalls()
    {
        return connectCalls;
    }

    /**
     * Publishes a metrics snapshot of the current destinations to all listeners, on the calling thread.
     *
     * @param timestampMs   snapshot time, epoch milliseconds.
     * @param inRatePerSec  inbound rate.
     * @param outRatePerSec outbound rate.
     */
    public void publishMetrics(final long timestampMs, final double inRatePerSec, final double outRatePerSec)
    {
        publish(snapshot(timestampMs, inRatePerSec, outRatePerSec));
    }

    /**
     * Takes a metrics snapshot of the current destinations without publishing it.
     *
     * @param timestampMs   snapshot time, epoch milliseconds.
     * @param inRatePerSec  inbound rate.
     * @param outRatePerSec outbound rate.
     * @return the snapshot.
     */
    public synchronized MetricsSnapshot snapshot(
        final long timestampMs, final double inRatePerSec, final double outRatePerSec)
    {
        return new MetricsSnapshot(
            timestampMs, inRatePerSec, outRatePerSec, connections.size(), new ArrayList<>(destinations.values()));
    }

    /**
     * Publishes a snapshot to all listeners, on the calling thread.
     *
     * @param snapshot the snapshot.
     */
    public void publish(final MetricsSnapshot snapshot)
    {
        for (final BackendListener listener : listeners)
        {
            listener.onMetrics(snapshot);
        }
    }

    /**
     * Makes the backend report a lost connection to its listeners, as a real one would when the broker stops.
     */
    public void simulateConnectionLost()
    {
        synchronized (this)
        {
            connectedUrl = null;
        }
        fireState(ConnectionState.DISCONNECTED, "");
    }

    /**
     * Makes the backend report that it reconnected by itself, as a real one does when the broker is back.
     *
     * @param url the URL it reconnected to.
     */
    public void simulateReconnected(final String url)
    {
        synchronized (this)
        {
            connectedUrl = url;
        }
        fireState(ConnectionState.CONNECTED, url);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void connect(final String url, final String user, final char[] password) throws Exception
    {
        synchronized (this)
        {
            connectCalls++;
            check("connect");
            if (null != requiredUser &&
                (!requiredUser.equals(user) || !requiredPassword.equals(new String(password))))
            {
                throw new ConsoleAccessException(
                    ConsoleAccessException.Reason.AUTHENTICATION_FAILED, user, "authentication failed", null);
            }
            connectedUrl = url;
        }
        fireState(ConnectionState.CONNECTED, url);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void disconnect()
    {
        simulateConnectionLost();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void addListener(final BackendListener listener)
    {
        listeners.add(listener);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<DestinationInfo> destinations() throws Exception
    {
        check("destinations");
        return new ArrayList<>(destinations.values());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<ConnectionInfo> connections() throws Exception
    {
        check("connections");
        return List.copyOf(connections);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized void closeConnection(final long connectionId) throws Exception
    {
        check("closeConnection");
        if (!connections.removeIf((connection) -> connection.id() == connectionId))
        {
            throw new IllegalArgumentException("no connection " + connectionId);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<SubscriptionInfo> subscriptions() throws Exception
    {
        check("subscriptions");
        return List.copyOf(subscriptions);
    }

    /**
     * {@inheritDoc} A message sent to a queue becomes browsable there.
     */
    @Override
    public synchronized void sendMessage(final OutgoingMessage message) throws Exception
    {
        check("sendMessage");
        sent.add(message);
        if (message.destinationType() != DestinationType.QUEUE)
        {
            return;
        }
        final String id = "ID:fake-sent-" + nextMessageId++;
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", id);
        headers.put("JMSType", message.jmsType());
        headers.put("JMSCorrelationID", message.correlationId());
        headers.put("JMSPriority", Integer.toString(message.priority()));
        headers.put("JMSDeliveryMode", message.persistent() ? "PERSISTENT" : "NON_PERSISTENT");
        final Map<String, String> properties = new LinkedHashMap<>();
        message.properties().forEach((name, value) -> properties.put(name, String.valueOf(value)));
        final BrowsedMessage browsed = switch (message.bodyType())
        {
            case BYTES -> new BrowsedMessage(id, 0, headers, properties, BodyType.BYTES, "", message.bytes(),
                message.bytes().length, false);
            case MAP -> new BrowsedMessage(id, 0, headers, properties, BodyType.MAP, message.map().toString(), null,
                message.map().toString().length(), false);
            default -> new BrowsedMessage(id, 0, headers, properties, BodyType.TEXT, message.text(), null,
                message.text().getBytes(StandardCharsets.UTF_8).length, false);
        };
        addMessage(message.destination(), browsed);
        final DestinationInfo info = destinations.get(message.destination());
        final int depth = queueMessages.get(message.destination()).size();
        destinations.put(message.destination(), null == info ?
            new DestinationInfo(message.destination(), DestinationType.QUEUE, depth, 0, 0, depth, 0, false) :
            info.withDepth(depth));
    }

    /**
     * {@inheritDoc} The fake does not parse selectors: a non-blank selector matches the messages whose
     * properties contain it as text, which is enough for tests of the paging and selector plumbing.
     */
    @Override
    public synchronized List<BrowsedMessage> browse(
        final String queue, final String selector, final int offset, final int limit) throws Exception
    {
        check("browse");
        final List<BrowsedMessage> matching = new ArrayList<>();
        for (final BrowsedMessage message : queueMessages.getOrDefault(queue, List.of()))
        {
            if (selector.isBlank() || message.properties().toString().contains(selector.strip()))
            {
                matching.add(message);
            }
        }
        final int from = Math.min(offset, matching.size());
        final int to = Math.min(from + limit, matching.size());
        return new ArrayList<>(matching.subList(from, to));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<DeadLetter> deadLetters(final String deadLetterQueue, final int limit) throws Exception
    {
        check("deadLetters");
        final List<DeadLetter> all = deadLetters.getOrDefault(deadLetterQueue, List.of());
        return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized long purge(final String queue) throws Exception
    {
        check("purge");
        final List<BrowsedMessage> removed = queueMessages.remove(queue);
        final DestinationInfo info = destinations.get(queue);
        if (null != info)
        {
            destinations.put(queue, info.withDepth(0));
        }
        return null == removed ? 0 : removed.size();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized long retryDeadLetters(
        final String deadLetterQueue, final List<String> messageIds, final ProgressSink progress) throws Exception
    {
        check("retryDeadLetters");
        final List<DeadLetter> all = deadLetters.getOrDefault(deadLetterQueue, new ArrayList<>());
        long moved = 0;
        for (final String id : messageIds)
        {
            if (all.removeIf((deadLetter) -> deadLetter.messageId().equals(id)))
            {
                moved++;
                retriedIds.add(id);
            }
            progress.onProgress(moved, messageIds.size());
        }
        updateDepth(deadLetterQueue, all.size());
        return moved;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized long retryAllDeadLetters(final String deadLetterQueue, final ProgressSink progress)
        throws Exception
    {
        final List<String> ids = new ArrayList<>();
        for (final DeadLetter deadLetter : deadLetters.getOrDefault(deadLetterQueue, List.of()))
        {
            ids.add(deadLetter.messageId());
        }
        return retryDeadLetters(deadLetterQueue, ids, progress);
    }

    private void updateDepth(final String queue, final long depth)
    {
        final DestinationInfo info = destinations.get(queue);
        if (null != info)
        {
            destinations.put(queue, info.withDepth(depth));
        }
    }

    private void check(final String operation) throws Exception
    {
        final Exception failure = failures.get(operation);
        if (null != failure)
        {
            throw failure;
        }
    }

    private void fireState(final ConnectionState state, final String detail)
    {
        for (final BackendListener listener : listeners)
        {
            listener.onConnectionState(state, detail);
        }
    }
}
