package io.aeolus.console.backend;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobInfo;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminJobs;
import io.aeolus.jms.admin.AdminTrash;
import io.aeolus.management.MessageInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The console's access to a real broker, through the management protocol's {@link AdminClient} over a JMS
 * connection. When the connection fails (its {@code ExceptionListener} fires) listeners hear
 * {@link ConnectionState#DISCONNECTED} and a background thread tries to reconnect with the same URL and
 * credentials every {@link #RECONNECT_INTERVAL_MS} ms, reporting {@link ConnectionState#CONNECTED} when it
 * succeeds; {@link #disconnect()} stops that.
 * <p>
 * The user and password go to {@code createConnection(user, password)}: the same SCRAM login as any JMS client. A
 * refused login, or a user who may not use the management queue and metrics topic (permission {@code manage}),
 * fails {@link #connect} with a {@link ConsoleAccessException} saying which. Each connection gets a client id of
 * its own ({@value #CLIENT_ID_PREFIX}...), so the console can tell its own connection in the connections list.
 * Messages are sent with a plain JMS producer on a short-lived session of the same connection. Bulk jobs, triage and
 * the trash go through {@code AdminJobs} and {@code AdminTrash} over the same management client.
 * <p>
 * Thread-safe: connection changes hold a private lock, and the {@link AdminClient} serializes the calls themselves.
 */
public final class AdminClientBackend implements ConsoleBackend
{
    /** Delay between reconnect attempts after the broker went away. */
    public static final long RECONNECT_INTERVAL_MS = 3_000;
    /** Start of the client id of the console's connections. */
    public static final String CLIENT_ID_PREFIX = "aeolus-console-";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** The most body bytes one {@code getMessage} returns. */
    private static final int GET_MESSAGE_SLICE = 4 * 1024 * 1024;
    private static final int BROWSE_PAGE_LIMIT = 1000;
    private static final int RETRY_BATCH = 100;

    private final Object lock = new Object();
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, DestinationInfo> knownDestinations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconnector;
    private Link link;
    private String url;
    private String user;
    private char[] password;
    private ScheduledFuture<?> reconnect;
    private final BrokerActions actions = new RemoteActions(this::client);

    /**
     * Creates a disconnected backend with its (daemon) reconnect thread.
     */
    public AdminClientBackend()
    {
        reconnector = Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "aeolus-console-reconnect");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void connect(final String url, final String user, final char[] password) throws Exception
    {
        disconnectQuietly();
        final Link opened = open(url, user, password);
        synchronized (lock)
        {
            this.url = url;
            this.user = user;
            this.password = Arrays.copyOf(password, password.length);
            this.link = opened;
        }
        fireState(ConnectionState.CONNECTED, url);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void disconnect()
    {
        disconnectQuietly();
        fireState(ConnectionState.DISCONNECTED, "");
    }

    /**
     * Stops reconnecting and closes the connection, then lets the reconnect thread end once it has finished closing
     * a lost connection (it is not interrupted, so the JMS client can shut down cleanly); the backend is unusable
     * after.
     */
    public void close()
    {
        disconnectQuietly();
        reconnector.shutdown();
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
    public List<DestinationInfo> destinations() throws Exception
    {
        final List<DestinationInfo> rows = AdminRecords.destinations(client().destinations());
        for (final DestinationInfo row : rows)
        {
            knownDestinations.put(row.name(), row);
        }
        return rows;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<ConnectionInfo> connections() throws Exception
    {
        return client().connections();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void closeConnection(final long connectionId) throws Exception
    {
        client().closeConnection(connectionId);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<SubscriptionInfo> subscriptions() throws Exception
    {
        return client().subscriptions();
    }

    /**
     * {@inheritDoc} Uses a plain JMS producer on a session of its own, not the management protocol.
     */
    @Override
    public void sendMessage(final OutgoingMessage message) throws Exception
    {
        final Session session = link().connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try
        {
            OutgoingMessages.send(session, message);
        }
        finally
        {
            session.close();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<BrowsedMessage> browse(final String queue, final String selector, final int offset, final int limit)
        throws Exception
    {
        final List<BrowsedMessage> rows = new ArrayList<>();
        for (final MessageInfo info : client().browse(queue, selector, offset, Math.min(limit, BROWSE_PAGE_LIMIT)))
        {
            rows.add(AdminRecords.message(info));
        }
        return rows;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public BrowsedPage browsePage(final String queue, final String selector, final int offset, final int limit)
        throws Exception
    {
        final io.aeolus.management.MessagePage page = client().browsePage(queue, selector, offset,
            Math.min(limit, BROWSE_PAGE_LIMIT));
        final List<BrowsedMessage> rows = new ArrayList<>();
        for (final MessageInfo info : page.messages())
        {
            rows.add(AdminRecords.message(info));
        }
        return new BrowsedPage(rows, page.total());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<DeadLetter> deadLetters(final String deadLetterQueue, final int limit) throws Exception
    {
        final List<DeadLetter> rows = new ArrayList<>();
        for (final MessageInfo info : client().browse(deadLetterQueue, "", 0, Math.min(limit, BROWSE_PAGE_LIMIT)))
        {
            rows.add(AdminRecords.deadLetter(info));
        }
        return rows;
    }

    /**
     * {@inheritDoc} Through the broker's {@code getMessage}: an object body comes as its class name and serialized
     * bytes, never deserialized; a map body as its entries with their types; a stream body is left as browsed.
     */
    @Override
    public BrowsedMessage withBody(final String queue, final BrowsedMessage message, final int maxBytes)
        throws Exception
    {
        if (message.bodyType() == BodyType.MAP)
        {
            return MapBodies.typed(client(), queue, message, GET_MESSAGE_SLICE);
        }
        if (message.bodyType() != BodyType.TEXT && message.bodyType() != BodyType.BYTES &&
            message.bodyType() != BodyType.OBJECT)
        {
            return message;
        }
        final io.aeolus.management.MessageDetail detail = client().getMessage(queue, message.messageId(), 0,
            Math.min(maxBytes, GET_MESSAGE_SLICE));
        final byte[] body = detail.body();
        final String text = message.bodyType() == BodyType.OBJECT ? String.valueOf(detail.className()) :
            message.bodyText();
        return new BrowsedMessage(message.messageId(), message.timestampMs(), message.headers(),
            message.properties(), message.bodyType(), text, body, detail.bodySize(), body.length < detail.bodySize());
    }

    /**
     * {@inheritDoc} In the {@code MessageFile} format of {@link AdminClient#exportMessages}.
     */
    @Override
    public int exportMessages(final String queue, final String selector, final java.nio.file.Path file)
        throws Exception
    {
        return client().exportMessages(queue, selector, file);
    }

    /**
     * {@inheritDoc} In slices of the broker's {@code getMessage}.
     */
    @Override
    public long saveBody(final String queue, final BrowsedMessage message, final java.nio.file.Path file)
        throws Exception
    {
        final AdminClient client = client();
        long offset = 0;
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file))
        {
            while (true)
            {
                final io.aeolus.management.MessageDetail slice = client.getMessage(queue, message.messageId(), offset,
                    GET_MESSAGE_SLICE);
                out.write(slice.body());
                offset += slice.body().length;
                if (0 == slice.body().length || offset >= slice.bodySize())
                {
                    return offset;
                }
            }
        }
    }

    /**
     * {@inheritDoc} The broker's reply names the trash batch the purge went to.
     */
    @Override
    public PurgeResult purge(final String queue) throws Exception
    {
        final io.aeolus.jms.admin.AdminTrash.Removal removal = link().trash.purge(queue, null);
        return new PurgeResult(removal.count(), removal.batch());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<TrashBatch> trashBatches() throws Exception
    {
        return link().trash.batches();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long restoreTrash(final String batch) throws Exception
    {
        return link().trash.restore(batch);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public DryRunResult dryRun(final JobRequest request) throws Exception
    {
        final AdminJobs.DryRun dryRun = link().jobs.dryRun(request.kind(),
            request.queue(), target(request), request.selector(), request.messageIds());
        return new DryRunResult(dryRun.matched(), dryRun.skipped(), dryRun.pagedOut());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long startJob(final JobRequest request) throws Exception
    {
        return link().jobs.start(request.kind(), request.queue(), target(request),
            request.selector(), request.messageIds(), request.ratePerSec());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<JobInfo> jobs() throws Exception
    {
        return link().jobs.list();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JobInfo pauseJob(final long jobId) throws Exception
    {
        return link().jobs.pause(jobId);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JobInfo resumeJob(final long jobId) throws Exception
    {
        return link().jobs.resume(jobId);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JobInfo cancelJob(final long jobId) throws Exception
    {
        return link().jobs.cancel(jobId);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public TriageResult triage(
        final String deadLetterQueue, final TriageGrouping grouping, final String property, final int buckets)
        throws Exception
    {
        final String groupingProperty = grouping == TriageGrouping.PROPERTY ? property : null;
        return AdminRecords.triage(
            link().jobs.triage(deadLetterQueue, grouping.protocolName(), groupingProperty, buckets));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<HistoryPoint> history(final String destination, final boolean topic, final HistoryRange range)
        throws Exception
    {
        return client().history(destination, topic, range.protocolName());
    }

    /**
     * {@inheritDoc} The ids go to the broker in batches, with progress after each.
     */
    @Override
    public long retryDeadLetters(
        final String deadLetterQueue, final List<String> messageIds, final ProgressSink progress) throws Exception
    {
        final AdminClient client = client();
        long moved = 0;
        for (int from = 0; from < messageIds.size(); from += RETRY_BATCH)
        {
            final int to = Math.min(from + RETRY_BATCH, messageIds.size());
            moved += client.retryDeadLetters(deadLetterQueue, new ArrayList<>(messageIds.subList(from, to)));
            progress.onProgress(to, messageIds.size());
        }
        return moved;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long retryAllDeadLetters(final String deadLetterQueue, final ProgressSink progress) throws Exception
    {
        final long moved = client().retryDeadLetters(deadLetterQueue, null);
        progress.onProgress(moved, moved);
        return moved;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public BrokerActions actions()
    {
        return actions;
    }

    private static String target(final JobRequest request)
    {
        return request.kind() == JobKind.MOVE ? request.target() : null;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String ownClientId()
    {
        synchronized (lock)
        {
            return null == link ? "" : link.clientId;
        }
    }

    private AdminClient client() throws JMSException
    {
        return link().client;
    }

    private Link link() throws JMSException
    {
        synchronized (lock)
        {
            if (null == link)
            {
                throw new JMSException("not connected to a broker", "NOT_CONNECTED");
            }
            return link;
        }
    }

    private Link open(final String url, final String user, final char[] password)
        throws JMSException, ConsoleAccessException
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
        final boolean anonymous = null == user || user.isBlank();
        final Connection connection;
        try
        {
            connection = anonymous ? factory.createConnection() : factory.createConnection(user, new String(password));
        }
        catch (final JMSSecurityException ex)
        {
            throw new ConsoleAccessException(
                ConsoleAccessException.Reason.AUTHENTICATION_FAILED, user, ex.getMessage(), ex);
        }
        try
        {
            final String clientId = CLIENT_ID_PREFIX + UUID.randomUUID().toString().substring(0, 8);
            connection.setClientID(clientId);
            connection.setExceptionListener((ex) -> onConnectionLost(connection, ex));
            connection.start();
            return manage(connection, clientId, user);
        }
        catch (final JMSException | ConsoleAccessException | RuntimeException ex)
        {
            closeQuietly(connection::close);
            throw ex;
        }
    }

    private Link manage(final Connection connection, final String clientId, final String user)
        throws JMSException, ConsoleAccessException
    {
        AdminClient client = null;
        try
        {
            client = new AdminClient(connection, CALL_TIMEOUT);
            // Listing once proves the manage permission now, rather than at the first click, and primes the DLQ flags.
            for (final DestinationInfo row : AdminRecords.destinations(client.destinations()))
            {
                knownDestinations.put(row.name(), row);
            }
            final AutoCloseable metrics = client.subscribeMetrics(
                (snapshot) -> onMetrics(AdminRecords.metrics(snapshot, knownDestinations)));
            return new Link(connection, client, new AdminJobs(client), new AdminTrash(client), metrics, clientId);
        }
        catch (final JMSSecurityException ex)
        {
            if (null != client)
            {
                closeQuietly(client);
            }
            throw new ConsoleAccessException(
                ConsoleAccessException.Reason.NOT_ALLOWED_TO_MANAGE, user, ex.getMessage(), ex);
        }
    }

    private void onConnectionLost(final Connection connection, final JMSException cause)
    {
        final Link lost;
        synchronized (lock)
        {
            if (null == link || link.connection != connection)
            {
                return;
            }
            lost = link;
            link = null;
            if (null == reconnect)
            {
                reconnect = reconnector.scheduleWithFixedDelay(
                    this::tryReconnect, RECONNECT_INTERVAL_MS, RECONNECT_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
        }
        reconnector.execute(lost::close);
        fireState(ConnectionState.DISCONNECTED, "connection lost (" + cause.getMessage() + "), reconnecting every " +
            RECONNECT_INTERVAL_MS / 1000 + " s");
    }

    private void tryReconnect()
    {
        final String targetUrl;
        final String targetUser;
        final char[] targetPassword;
        synchronized (lock)
        {
            if (null == reconnect || null != link)
            {
                return;
            }
            targetUrl = url;
            targetUser = user;
            targetPassword = password;
        }
        final Link opened;
        try
        {
            opened = open(targetUrl, targetUser, targetPassword);
        }
        catch (final Exception ex)
        {
            return; // still down (or refusing us): the next attempt follows after the interval
        }
        synchronized (lock)
        {
            if (null == reconnect || null != link)
            {
                opened.close(); // disconnect() ran meanwhile
                return;
            }
            link = opened;
            reconnect.cancel(false);
            reconnect = null;
        }
        fireState(ConnectionState.CONNECTED, targetUrl);
    }

    private void disconnectQuietly()
    {
        final Link old;
        synchronized (lock)
        {
            if (null != reconnect)
            {
                reconnect.cancel(false);
                reconnect = null;
            }
            if (null != password)
            {
                Arrays.fill(password, '\0');
                password = null;
            }
            old = link;
            link = null;
        }
        if (null != old)
        {
            old.close();
        }
    }

    private void onMetrics(final MetricsSnapshot snapshot)
    {
        for (final BackendListener listener : listeners)
        {
            listener.onMetrics(snapshot);
        }
    }

    private void fireState(final ConnectionState state, final String detail)
    {
        for (final BackendListener listener : listeners)
        {
            listener.onConnectionState(state, detail);
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            // Closing after a failure or a lost broker: there is nothing left to tell anyone.
            return;
        }
    }

    /**
     * One live connection with its management client and metrics subscription.
     */
    private static final class Link
    {
        private final Connection connection;
        private final AdminClient client;
        private final AdminJobs jobs;
        private final AdminTrash trash;
        private final AutoCloseable metrics;
        private final String clientId;

        private Link(
            final Connection connection,
            final AdminClient client,
            final AdminJobs jobs,
            final AdminTrash trash,
            final AutoCloseable metrics,
            final String clientId)
        {
            this.connection = connection;
            this.client = client;
            this.jobs = jobs;
            this.trash = trash;
            this.metrics = metrics;
            this.clientId = clientId;
        }

        private void close()
        {
            closeQuietly(metrics);
            closeQuietly(client);
            closeQuietly(connection::close);
        }
    }
}
