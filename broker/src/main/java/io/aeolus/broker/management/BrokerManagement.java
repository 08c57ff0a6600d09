package io.aeolus.broker.management;

import io.aeolus.management.Argument;
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

import javax.management.JMException;
import javax.security.auth.Subject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.security.AccessController;
import java.security.Principal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The broker's MBeans in the platform MBean server: {@code io.aeolus:type=Broker} (with {@code ,instance=<n>} when
 * several brokers share the JVM) and one {@code io.aeolus:type=Destination,name=<queue>} per queue, kept in step
 * with the broker's queues every two seconds by a daemon thread, the only one that registers and unregisters them.
 * Every operation is posted to the conductor through the {@link ManagementProxy} and waits at most
 * {@link #TIMEOUT_MS} for its answer.
 */
public final class BrokerManagement implements BrokerManagementMBean, AutoCloseable
{
    /** How long a JMX call waits for the conductor, in ms. */
    public static final long TIMEOUT_MS = 5000;
    private static final long REFRESH_INTERVAL_MS = 2000;

    private final ManagementProxy proxy;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;
    private final Set<ObjectName> destinationNames = new HashSet<>();
    private final ScheduledExecutorService refresher;
    private final String instanceSuffix;

    private BrokerManagement(final ManagementProxy proxy, final ObjectName name, final String instanceSuffix)
    {
        this.proxy = proxy;
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
     * @param proxy the conductor's management proxy.
     * @return the registration, to close when the broker stops.
     * @throws IllegalStateException if the MBean server refuses the registration.
     */
    public static BrokerManagement register(final ManagementProxy proxy)
    {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try
        {
            for (int instance = 0; ; instance++)
            {
                final String suffix = 0 == instance ? "" : ",instance=" + instance;
                final ObjectName name = new ObjectName("io.aeolus:type=Broker" + suffix);
                if (!server.isRegistered(name))
                {
                    final BrokerManagement management = new BrokerManagement(proxy, name, suffix);
                    server.registerMBean(management, name);
                    server.registerMBean(new JobsManagement(management::call), management.jobsName());
                    management.refresher.scheduleWithFixedDelay(management::refreshQuietly,
                        0, REFRESH_INTERVAL_MS, TimeUnit.MILLISECONDS);
                    return management;
                }
            }
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
    public String[] listDestinations()
    {
        return lines(Reply.rows(call(Request.of(Operation.DESTINATIONS)), DestinationInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public String[] listConnections()
    {
        return lines(Reply.rows(call(Request.of(Operation.CONNECTIONS)), ConnectionInfo::read));
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
    public String[] listSessions()
    {
        return lines(Reply.rows(call(Request.of(Operation.SESSIONS)), SessionInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public String[] listConsumers()
    {
        return lines(Reply.rows(call(Request.of(Operation.CONSUMERS)), ConsumerInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public String[] listProducers()
    {
        return lines(Reply.rows(call(Request.of(Operation.PRODUCERS)), ProducerInfo::read));
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
    public String[] getMessage(final String queue, final String messageId, final long offset, final int length)
    {
        final Map<String, Object> reply = call(Request.of(Operation.GET_MESSAGE, Argument.NAME, queue,
            Argument.MESSAGE_ID, messageId,
            Argument.OFFSET, offset, Argument.LENGTH, length));
        final MessageDetail detail = MessageDetail.read(reply);
        final String body = "TEXT".equals(detail.bodyType()) ? new String(detail.body(), StandardCharsets.UTF_8) :
            Base64.getEncoder().encodeToString(detail.body());
        final List<String> lines = new ArrayList<>(List.of(lines(List.of(detail))[0].split(" (?=\\w+=)")));
        lines.removeIf((line) -> line.startsWith("body="));
        lines.add("body=" + body);
        return lines.toArray(new String[0]);
    }

    /**
     * {@inheritDoc}
     */
    public String[] searchMessages(final String queue, final String text)
    {
        return lines(Reply.rows(call(Request.of(Operation.SEARCH, Argument.NAME, queue, Argument.TEXT, text,
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
        putIfSet(request, Argument.TYPE, destinationType);
        putIfSet(request, Argument.BODY_TYPE, bodyType);
        if (Argument.MAP_BODY.equalsIgnoreCase(bodyType))
        {
            putLines(request, Argument.MAP_PREFIX, body, Argument.BODY);
        }
        else
        {
            putIfSet(request, Argument.BODY, body);
        }
        putIfSet(request, Argument.JMS_TYPE, jmsType);
        putIfSet(request, Argument.CORRELATION_ID, correlationId);
        putLines(request, Argument.PROPERTY_PREFIX, properties, "properties");
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

    private static void putIfSet(final Map<String, Object> request, final String name, final String value)
    {
        if (null != value && !value.isEmpty())
        {
            request.put(name, value);
        }
    }

    /**
     * Adds {@code name=value} lines as string entries under a prefix.
     */
    private static void putLines(
        final Map<String, Object> request, final String prefix, final String lines, final String argument)
    {
        if (null == lines || lines.isBlank())
        {
            return;
        }
        for (final String line : lines.split("\\R"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalStateException(ManagementException.INVALID_ARGUMENT + ": " + argument +
                    ": expected name=value, not '" + line + "'");
            }
            request.put(prefix + line.substring(0, equals).trim(), line.substring(equals + 1));
        }
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
        unregister(name);
    }

    Map<String, Object> call(final Map<String, Object> request)
    {
        try
        {
            return proxy.execute(request, jmxUser(), TIMEOUT_MS);
        }
        catch (final ManagementException ex)
        {
            // JMX clients may not have our classes: a plain exception with the code in its message.
            throw new IllegalStateException(ex.code() + ": " + ex.getMessage());
        }
    }

    /**
     * @return the name of the authenticated JMX principal calling on this thread (remote JMX with a password file or
     * a JAAS login), empty for an unauthenticated or local caller.
     */
    @SuppressWarnings("removal")
    static String jmxUser()
    {
        // JMX runs a remote call inside the caller's Subject; the only way to read it on Java 17 is this API, which
        // later Java versions replace with Subject.current().
        final Subject subject = Subject.getSubject(AccessController.getContext());
        if (null == subject)
        {
            return "";
        }
        for (final Principal principal : subject.getPrincipals())
        {
            return principal.getName();
        }
        return "";
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

    private void refreshQuietly()
    {
        try
        {
            refresh();
        }
        catch (final RuntimeException | JMException ex)
        {
            // The broker may be stopping; the next refresh tries again.
            return;
        }
    }

    private void refresh() throws JMException
    {
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
                    server.registerMBean(queue ? new DestinationManagement(this, destination) :
                        new TopicManagement(this, destination), objectName);
                }
            }
        }
        for (final ObjectName gone : new ArrayList<>(destinationNames))
        {
            if (!current.contains(gone))
            {
                unregister(gone);
            }
        }
    }

    private void unregister(final ObjectName objectName)
    {
        destinationNames.remove(objectName);
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

    /**
     * @return one line per record: each of its components as {@code name=value}, separated by blanks.
     */
    static String[] lines(final List<? extends Record> rows)
    {
        final List<String> lines = new ArrayList<>(rows.size());
        for (final Record row : rows)
        {
            final StringBuilder line = new StringBuilder();
            for (final RecordComponent component : row.getClass().getRecordComponents())
            {
                final Object value;
                try
                {
                    value = component.getAccessor().invoke(row);
                }
                catch (final ReflectiveOperationException ex)
                {
                    throw new IllegalStateException(ex);
                }
                line.append(line.length() == 0 ? "" : " ").append(component.getName()).append('=')
                    .append(value instanceof int[] ? Arrays.toString((int[])value) : value instanceof byte[] ?
                    Base64.getEncoder().encodeToString((byte[])value) : String.valueOf(value));
            }
            lines.add(line.toString());
        }
        return lines.toArray(new String[0]);
    }
}
