package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.BridgeInfo;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.DestinationInfo;
import io.aeolus.management.MessageDetail;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.SessionInfo;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.RouteInfo;

import io.aeolus.management.BrokerStatus;

import javax.management.JMException;
import javax.management.openmbean.CompositeData;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The broker's MBeans in the platform MBean server: {@code io.aeolus:type=Broker} (with {@code ,instance=<n>} when
 * several brokers share the JVM) and one {@code io.aeolus:type=Destination,name=<queue>} per queue, kept in step
 * with the broker's queues by a daemon thread, the only one that registers and unregisters them: every two seconds
 * while anything changes or someone reads the rates, up to every ten while the broker is idle ({@link RefreshBackoff}).
 * Every operation is posted to the conductor through the {@link ManagementProxy} and waits at most
 * {@link #TIMEOUT_MS} for its answer.
 */
public final class BrokerManagement implements BrokerManagementMBean, AutoCloseable
{
    /** How long a JMX call waits for the conductor, in ms. */
    public static final long TIMEOUT_MS = 5000;
    /** How long a JMX call that changes a user waits, in ms: the password is hashed slowly on purpose. */
    public static final long USERS_TIMEOUT_MS = 60_000;
    private static final long REFRESH_INTERVAL_MS = 2000;

    private final ManagementProxy proxy;
    private final TransportCounters transportCounters;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;
    private final Set<ObjectName> destinationNames = new HashSet<>();
    // Touched by the refresher thread only, and by close() once that thread has ended.
    private final Map<ObjectName, RateSampler> samplers = new HashMap<>();
    private final ScheduledExecutorService refresher;
    private final String instanceSuffix;
    private final RefreshBackoff backoff = new RefreshBackoff();

    private BrokerManagement(
        final ManagementProxy proxy,
        final TransportCounters transportCounters,
        final ObjectName name,
        final String instanceSuffix)
    {
        this.proxy = proxy;
        this.transportCounters = transportCounters;
        this.name = name;
        this.instanceSuffix = instanceSuffix;
        this.refresher = Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "aeolus-jmx-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers the broker's MBeans. Called once by the broker at start.
     *
     * @param proxy             the conductor's management proxy.
     * @param transportCounters the transport's frame counters, read directly by JMX threads.
     * @return the registration, to close when the broker stops.
     * @throws IllegalStateException if the MBean server refuses the registration.
     */
    public static BrokerManagement register(final ManagementProxy proxy, final TransportCounters transportCounters)
    {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try
        {
            for (int instance = 0; ; instance++)
            {
                final String suffix = 0 == instance ? "" : ",instance=" + instance;
                if (!server.isRegistered(new ObjectName("io.aeolus:type=Broker" + suffix)))
                {
                    return register(proxy, transportCounters, suffix);
                }
            }
        }
        catch (final JMException ex)
        {
            throw new IllegalStateException("cannot register the broker's MBeans: " + ex.getMessage(), ex);
        }
    }

    /**
     * Registers the MBeans of a broker whose names carry a given suffix: a broker group's member registers its own,
     * {@code ,member=<id>}.
     *
     * @param proxy             the management proxy its operations are posted to.
     * @param transportCounters the transport's frame counters, read directly by JMX threads.
     * @param suffix            appended to every MBean's name, e.g. {@code ,member=1}; empty for none.
     * @return the registration, to close when the broker stops.
     * @throws IllegalStateException if the MBean server refuses the registration (e.g. the names are taken).
     */
    public static BrokerManagement register(final ManagementProxy proxy, final TransportCounters transportCounters,
        final String suffix)
    {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try
        {
            final ObjectName name = new ObjectName("io.aeolus:type=Broker" + suffix);
            final BrokerManagement management = new BrokerManagement(proxy, transportCounters, name, suffix);
            server.registerMBean(NamedMBean.of(management, BrokerManagementMBean.class), name);
            server.registerMBean(NamedMBean.of(new JobsManagement(management::call), JobsManagementMBean.class),
                management.jobsName());
            server.registerMBean(NamedMBean.of(new UsersManagement((request) -> management.call(request,
                USERS_TIMEOUT_MS)), UsersManagementMBean.class), management.usersName());
            management.refresher.execute(management::refreshAndReschedule);
            return management;
        }
        catch (final JMException ex)
        {
            throw new IllegalStateException("cannot register the broker's MBeans: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the name of the MBean of jobs, the trash, triage and history, beside the broker's.
     */
    public ObjectName jobsName()
    {
        try
        {
            return new ObjectName("io.aeolus:type=Jobs" + instanceSuffix);
        }
        catch (final JMException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return the name of the MBean of users, beside the broker's.
     */
    public ObjectName usersName()
    {
        try
        {
            return new ObjectName("io.aeolus:type=Users" + instanceSuffix);
        }
        catch (final JMException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return the broker MBean's name.
     */
    public ObjectName objectName()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     */
    public int getConnectionCount()
    {
        return ((Number)call(Request.of(Operation.CONNECTIONS)).get(Reply.COUNT)).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public String getVersion()
    {
        return status().version();
    }

    /**
     * {@inheritDoc}
     */
    public long getStartTimeMs()
    {
        return status().startedMs();
    }

    /**
     * {@inheritDoc}
     */
    public long getUptimeMs()
    {
        return status().uptimeMs();
    }

    /**
     * {@inheritDoc}
     */
    public long getHeapUsedBytes()
    {
        return status().heapUsedBytes();
    }

    /**
     * {@inheritDoc}
     */
    public long getHeapMaxBytes()
    {
        return status().heapMaxBytes();
    }

    /**
     * {@inheritDoc}
     */
    public int getSessionCount()
    {
        return status().sessions();
    }

    /**
     * {@inheritDoc}
     */
    public int getQueueCount()
    {
        return status().queues();
    }

    /**
     * {@inheritDoc}
     */
    public int getTopicCount()
    {
        return status().topics();
    }

    /**
     * {@inheritDoc}
     */
    public long getJournalPending()
    {
        return status().journalPending();
    }

    /**
     * {@inheritDoc}
     */
    public long getJournalBytes()
    {
        return status().journalBytes();
    }

    /**
     * {@inheritDoc}
     */
    public long getUnauthenticatedFrames()
    {
        return transportCounters.unauthenticatedFrames().getAsLong();
    }

    /**
     * {@inheritDoc}
     */
    public long getRejectedFrames()
    {
        return transportCounters.rejectedFrames().getAsLong();
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData getStatus()
    {
        return OpenData.composite(status());
    }

    private BrokerStatus status()
    {
        return BrokerStatus.read(call(Request.of(Operation.STATUS)));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listDestinations()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.DESTINATIONS)), DestinationInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listConnections()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.CONNECTIONS)), ConnectionInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listXaBranches()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.XA_BRANCHES)),
            io.aeolus.management.PreparedBranch::read));
    }

    /**
     * {@inheritDoc}
     */
    public void commitXaBranch(final String xid)
    {
        call(Request.of(Operation.COMMIT_XA_BRANCH, Argument.NAME, xid));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listRoutes()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.ROUTES)), RouteInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public void createRoute(final String name, final String source, final String selector, final String targets,
        final String mode)
    {
        call(Request.of(Operation.CREATE_ROUTE, Argument.NAME, name, Argument.SOURCE, source, Argument.SELECTOR,
            null == selector ? "" : selector, Argument.TARGETS, targets, Argument.MODE, null == mode ? "" : mode));
    }

    /**
     * {@inheritDoc}
     */
    public void createRoute(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final String parameters, final String schema,
        final String invalid)
    {
        call(Request.of(Operation.CREATE_ROUTE, Argument.NAME, name, Argument.SOURCE, source, Argument.SELECTOR,
            emptyIfNull(selector), Argument.TARGETS, targets, Argument.MODE, emptyIfNull(mode), Argument.TRANSFORMER,
            emptyIfNull(transformer), Argument.PARAMETERS, emptyIfNull(parameters), Argument.SCHEMA,
            emptyIfNull(schema), Argument.INVALID, emptyIfNull(invalid)));
    }

    private static String emptyIfNull(final String text)
    {
        return null == text ? "" : text;
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listLastValueQueues()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.LAST_VALUES)), LastValueInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public void deleteRoute(final String name)
    {
        call(Request.of(Operation.DELETE_ROUTE, Argument.NAME, name));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listRetention()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.RETENTION)),
            io.aeolus.management.RetentionInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] browseRetained(final String name, final String from, final long after, final int limit)
    {
        final Map<String, Object> reply = call(Request.of(Operation.RETAINED, Argument.NAME, name, Argument.FROM,
            null == from || from.isEmpty() ? null : from, Argument.AFTER, after < 0 ? null : after, Argument.LIMIT,
            limit));
        final io.aeolus.management.RetainedPage page = io.aeolus.management.RetainedPage.read(reply);
        final java.util.List<RetainedRow> rows = new ArrayList<>();
        for (int i = 0; i < page.messages().size(); i++)
        {
            final io.aeolus.management.MessageInfo message = page.messages().get(i);
            rows.add(new RetainedRow(page.sequences().get(i),
                page.retainedMs().get(i), message.messageId(), message.timestamp(), message.persistent(),
                message.priority(), message.type(), message.bodyType(), message.bodySize(), message.body(),
                message.truncated(), String.valueOf(message.properties())));
        }
        return OpenData.composites(rows);
    }

    /**
     * One retained message as JMX shows it ({@link #browseRetained}).
     *
     * @param sequence   its place in the log: the {@code after} of the next page.
     * @param retainedMs when it was retained, epoch ms.
     * @param messageId  its JMSMessageID.
     * @param timestamp  its JMSTimestamp.
     * @param persistent its delivery mode.
     * @param priority   its JMSPriority.
     * @param type       its JMSType.
     * @param bodyType   its body's kind.
     * @param bodySize   its body's size in bytes.
     * @param body       a preview of its body.
     * @param truncated  true if the preview is cut.
     * @param properties its properties.
     */
    public record RetainedRow(long sequence, long retainedMs, String messageId, long timestamp, boolean persistent,
        int priority, String type, String bodyType, int bodySize, String body, boolean truncated, String properties)
    {
    }

    /**
     * {@inheritDoc}
     */
    public long replay(final String topic, final String queue, final String from, final String to)
    {
        return io.aeolus.management.ReplayInfo.read(call(Request.of(Operation.REPLAY, Argument.NAME, topic,
            Argument.TARGET, queue, Argument.FROM, from, Argument.TO, null == to ? "" : to)), "").id();
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listReplays()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.REPLAYS)),
            io.aeolus.management.ReplayInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listBridges()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.BRIDGES)), BridgeInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public void createBridge(final String name, final String options)
    {
        call(Request.of(Operation.CREATE_BRIDGE, Argument.NAME, name, Argument.OPTIONS, options));
    }

    /**
     * {@inheritDoc}
     */
    public void deleteBridge(final String name)
    {
        call(Request.of(Operation.DELETE_BRIDGE, Argument.NAME, name));
    }

    /**
     * {@inheritDoc}
     */
    public void pauseBridge(final String name)
    {
        call(Request.of(Operation.PAUSE_BRIDGE, Argument.NAME, name));
    }

    /**
     * {@inheritDoc}
     */
    public void resumeBridge(final String name)
    {
        call(Request.of(Operation.RESUME_BRIDGE, Argument.NAME, name));
    }

    /**
     * {@inheritDoc}
     */
    public void rollbackXaBranch(final String xid)
    {
        call(Request.of(Operation.ROLLBACK_XA_BRANCH, Argument.NAME, xid));
    }

    /**
     * {@inheritDoc}
     */
    public void closeConnection(final long connectionId)
    {
        call(Request.of(Operation.CLOSE_CONNECTION, Argument.CONNECTION_ID, connectionId));
    }

    /**
     * {@inheritDoc}
     */
    public void createQueue(final String queue)
    {
        call(Request.of(Operation.CREATE_QUEUE, Argument.NAME, queue));
        refreshSoon();
    }

    /**
     * {@inheritDoc}
     */
    public void createTopic(final String topic)
    {
        call(Request.of(Operation.CREATE_TOPIC, Argument.NAME, topic));
    }

    /**
     * {@inheritDoc}
     */
    public void createQueueWithSettings(final String queue, final String settings)
    {
        SettingsJmx.create(this, queue, false, settings);
        refreshSoon();
    }

    /**
     * {@inheritDoc}
     */
    public void createTopicWithSettings(final String topic, final String settings)
    {
        SettingsJmx.create(this, topic, true, settings);
        refreshSoon();
    }

    /**
     * {@inheritDoc}
     */
    public void deleteQueue(final String queue)
    {
        call(Request.of(Operation.DELETE_DESTINATION, Argument.NAME, queue, Argument.TYPE, Argument.QUEUE));
        refreshSoon();
    }

    /**
     * {@inheritDoc}
     */
    public void deleteTopic(final String topic)
    {
        call(Request.of(Operation.DELETE_DESTINATION, Argument.NAME, topic, Argument.TYPE, Argument.TOPIC));
    }

    /**
     * {@inheritDoc}
     */
    public int purge(final String queue)
    {
        return ((Number)call(Request.of(Operation.PURGE, Argument.NAME, queue)).get(Reply.COUNT)).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public int moveMessages(final String queue, final String target, final String selector)
    {
        return ((Number)call(Request.of(Operation.MOVE, Argument.NAME, queue, Argument.TARGET, target,
            Argument.SELECTOR, null == selector ? "" : selector)).get(Reply.COUNT)).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public int retryDeadLetters(final String deadLetterQueue)
    {
        return ((Number)call(Request.of(Operation.RETRY_DEAD_LETTERS, Argument.NAME,
            deadLetterQueue)).get(Reply.COUNT)).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listSessions()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.SESSIONS)), SessionInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listConsumers()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.CONSUMERS)), ConsumerInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listProducers()
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.PRODUCERS)), ProducerInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public void pauseQueue(final String queue)
    {
        call(Request.of(Operation.PAUSE, Argument.NAME, queue));
    }

    /**
     * {@inheritDoc}
     */
    public void resumeQueue(final String queue)
    {
        call(Request.of(Operation.RESUME, Argument.NAME, queue));
    }

    /**
     * {@inheritDoc}
     */
    public int copyMessages(final String queue, final String target, final String selector)
    {
        return ((Number)call(Request.of(Operation.COPY, Argument.NAME, queue, Argument.TARGET, target,
            Argument.SELECTOR, null == selector ? "" : selector)).get(Reply.COUNT)).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData getMessage(final String queue, final String messageId, final long offset, final int length)
    {
        final MessageDetail detail = MessageDetail.read(call(Request.of(Operation.GET_MESSAGE, Argument.NAME, queue,
            Argument.MESSAGE_ID, messageId, Argument.OFFSET, offset, Argument.LENGTH, length)));
        final String body = "TEXT".equals(detail.bodyType()) ? new String(detail.body(), StandardCharsets.UTF_8) :
            Base64.getEncoder().encodeToString(detail.body());
        return OpenData.composite(new JmxArguments.ReadMessage(detail.messageId(), detail.destination(),
            detail.correlationId(), detail.type(), detail.replyTo(), detail.timestamp(), detail.expiration(),
            detail.deliveryTime(), detail.priority(), detail.persistent(), detail.deliveryCount(), detail.scheduled(),
            detail.bodyType(), detail.bodySize(), detail.bodyOffset(), body, detail.className(),
            detail.properties().toString()));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] searchMessages(final String queue, final String text)
    {
        return OpenData.composites(Reply.rows(call(Request.of(Operation.SEARCH, Argument.NAME, queue, Argument.TEXT,
            text,
            Argument.LIMIT,
            MessageOperations.MAX_BROWSE_LIMIT)), MessageInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public String sendMessage(final String destination, final String destinationType, final String bodyType,
        final String body, final String jmsType, final String correlationId, final String properties,
        final boolean persistent, final int priority, final long timeToLiveMs, final long deliveryDelayMs)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put(Argument.OP, Operation.SEND_MESSAGE.wireName());
        request.put(Argument.NAME, destination);
        JmxArguments.putIfSet(request, Argument.TYPE, destinationType);
        JmxArguments.putIfSet(request, Argument.BODY_TYPE, bodyType);
        if (Argument.MAP_BODY.equalsIgnoreCase(bodyType))
        {
            JmxArguments.putLines(request, Argument.MAP_PREFIX, body, Argument.BODY);
        }
        else
        {
            JmxArguments.putIfSet(request, Argument.BODY, body);
        }
        JmxArguments.putIfSet(request, Argument.JMS_TYPE, jmsType);
        JmxArguments.putIfSet(request, Argument.CORRELATION_ID, correlationId);
        JmxArguments.putLines(request, Argument.PROPERTY_PREFIX, properties, "properties");
        request.put(Argument.DELIVERY_MODE, persistent ? Argument.PERSISTENT : Argument.NON_PERSISTENT);
        request.put(Argument.PRIORITY, priority);
        request.put(Argument.TIME_TO_LIVE, timeToLiveMs);
        request.put(Argument.DELIVERY_DELAY, deliveryDelayMs);
        return (String)call(request).get(Reply.MESSAGE_ID);
    }

    /**
     * {@inheritDoc}
     */
    public void dropSubscription(final String topic, final String clientId, final String name)
    {
        call(Request.of(Operation.DROP_SUBSCRIPTION, Argument.TOPIC_NAME, topic, Argument.CLIENT_ID,
            null == clientId ? "" : clientId,
            Argument.NAME, name));
    }

    /**
     * Unregisters every MBean of this broker and stops the refresh thread.
     */
    public void close()
    {
        refresher.shutdownNow();
        try
        {
            refresher.awaitTermination(REFRESH_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final ObjectName destination : new ArrayList<>(destinationNames))
        {
            unregister(destination);
        }
        unregister(jobsName());
        unregister(usersName());
        unregister(name);
    }

    Map<String, Object> call(final Map<String, Object> request)
    {
        return call(request, TIMEOUT_MS);
    }

    Map<String, Object> call(final Map<String, Object> request, final long timeoutMs)
    {
        try
        {
            return proxy.execute(request, JmxArguments.jmxUser(), timeoutMs);
        }
        catch (final ManagementException ex)
        {
            // JMX clients may not have our classes: a plain exception with the code in its message.
            throw new IllegalStateException(ex.code() + ": " + ex.getMessage());
        }
    }

    /**
     * The registrations are the refresh thread's alone: a JMX thread asks it to refresh now.
     */
    private void refreshSoon()
    {
        try
        {
            refresher.execute(this::refreshQuietly);
        }
        catch (final RejectedExecutionException ex)
        {
            // Closing: nothing left to refresh.
            return;
        }
    }

    /**
     * A refresh, then the next one after the {@link RefreshBackoff}'s delay: two seconds while something changes or
     * someone reads the MBeans, up to ten while the broker is idle and nobody looks.
     */
    private void refreshAndReschedule()
    {
        final boolean changed = refreshQuietly();
        try
        {
            refresher.schedule(this::refreshAndReschedule, backoff.onRefresh(changed, System.nanoTime()),
                TimeUnit.MILLISECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            // Closing: nothing left to refresh.
            return;
        }
    }

    /**
     * A JMX thread read a destination's rates: after an idle spell the figures may be up to ten seconds old, so
     * a refresh is asked for at once (the next read sees its rates, averaged over the time since the last one).
     */
    private void onRatesRead()
    {
        if (backoff.onRead(System.nanoTime()))
        {
            refreshSoon();
        }
    }

    private boolean refreshQuietly()
    {
        try
        {
            return refresh();
        }
        catch (final RuntimeException | JMException ex)
        {
            // The broker may be stopping; the next refresh tries again.
            return false;
        }
    }

    private boolean refresh() throws JMException
    {
        boolean changed = false;
        final long nowNs = System.nanoTime();
        final Set<ObjectName> current = new HashSet<>();
        for (final DestinationInfo info : Reply.rows(proxy.execute(Request.of(Operation.DESTINATIONS), TIMEOUT_MS),
            DestinationInfo::read))
        {
            final String type = info.type();
            final String destination = info.name();
            if ("QUEUE".equals(type) || "TOPIC".equals(type))
            {
                final boolean queue = "QUEUE".equals(type);
                final ObjectName objectName = new ObjectName("io.aeolus:type=" + (queue ? "Destination" : "Topic") +
                    ",name=" + ObjectName.quote(destination) + instanceSuffix);
                current.add(objectName);
                if (destinationNames.add(objectName) && !server.isRegistered(objectName))
                {
                    changed = true;
                    final RateSampler sampler = new RateSampler(this::onRatesRead);
                    samplers.put(objectName, sampler);
                    server.registerMBean(queue ?
                        NamedMBean.of(new DestinationManagement(this, destination, sampler),
                        DestinationManagementMBean.class) :
                        NamedMBean.of(new TopicManagement(this, destination, sampler), TopicManagementMBean.class),
                        objectName);
                }
                final RateSampler sampler = samplers.get(objectName);
                if (null != sampler)
                {
                    changed |= sampler.sample(info.enqueued(), info.acknowledged(), nowNs);
                }
            }
        }
        for (final ObjectName gone : new ArrayList<>(destinationNames))
        {
            if (!current.contains(gone))
            {
                changed = true;
                unregister(gone);
            }
        }
        return changed;
    }

    private void unregister(final ObjectName objectName)
    {
        destinationNames.remove(objectName);
        samplers.remove(objectName);
        try
        {
            if (server.isRegistered(objectName))
            {
                server.unregisterMBean(objectName);
            }
        }
        catch (final JMException ex)
        {
            // Already gone.
            return;
        }
    }
}
