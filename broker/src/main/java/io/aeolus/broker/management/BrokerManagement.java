package io.aeolus.broker.management;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        return ((Number)call(Map.of("op", "connections")).get("count")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public String[] listDestinations()
    {
        final Map<String, Object> reply = call(Map.of("op", "destinations"));
        return lines(reply, "name", "type", "depth", "inFlight", "consumers");
    }

    /**
     * {@inheritDoc}
     */
    public String[] listConnections()
    {
        final Map<String, Object> reply = call(Map.of("op", "connections"));
        return lines(reply, "id", "clientId", "user", "source", "sessions", "consumers");
    }

    /**
     * {@inheritDoc}
     */
    public void closeConnection(final long connectionId)
    {
        call(Map.of("op", "closeConnection", "connectionId", connectionId));
    }

    /**
     * {@inheritDoc}
     */
    public void createQueue(final String queue)
    {
        call(Map.of("op", "createQueue", "name", queue));
        refreshSoon();
    }

    /**
     * {@inheritDoc}
     */
    public void createTopic(final String topic)
    {
        call(Map.of("op", "createTopic", "name", topic));
    }

    /**
     * {@inheritDoc}
     */
    public void deleteQueue(final String queue)
    {
        call(Map.of("op", "deleteDestination", "name", queue, "type", "queue"));
        refreshSoon();
    }

    /**
     * {@inheritDoc}
     */
    public void deleteTopic(final String topic)
    {
        call(Map.of("op", "deleteDestination", "name", topic, "type", "topic"));
    }

    /**
     * {@inheritDoc}
     */
    public int purge(final String queue)
    {
        return ((Number)call(Map.of("op", "purge", "name", queue)).get("count")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public int moveMessages(final String queue, final String target, final String selector)
    {
        return ((Number)call(Map.of("op", "move", "name", queue, "target", target,
            "selector", null == selector ? "" : selector)).get("count")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public int retryDeadLetters(final String deadLetterQueue)
    {
        return ((Number)call(Map.of("op", "retryDeadLetters", "name", deadLetterQueue)).get("count")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public String[] listSessions()
    {
        return lines(call(Map.of("op", "sessions")), "connectionId", "sessionId", "ackMode", "consumers", "producers");
    }

    /**
     * {@inheritDoc}
     */
    public String[] listConsumers()
    {
        return lines(call(Map.of("op", "consumers")), "connectionId", "sessionId", "consumerId", "destination",
            "subscription", "selector", "prefetch", "credit", "inFlight", "delivered", "acknowledged");
    }

    /**
     * {@inheritDoc}
     */
    public String[] listProducers()
    {
        return lines(call(Map.of("op", "producers")), "connectionId", "sessionId", "producerId", "destination",
            "destinationType");
    }

    /**
     * {@inheritDoc}
     */
    public void pauseQueue(final String queue)
    {
        call(Map.of("op", "pause", "name", queue));
    }

    /**
     * {@inheritDoc}
     */
    public void resumeQueue(final String queue)
    {
        call(Map.of("op", "resume", "name", queue));
    }

    /**
     * {@inheritDoc}
     */
    public int copyMessages(final String queue, final String target, final String selector)
    {
        return ((Number)call(Map.of("op", "copy", "name", queue, "target", target,
            "selector", null == selector ? "" : selector)).get("count")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public String[] getMessage(final String queue, final String messageId, final long offset, final int length)
    {
        final Map<String, Object> reply = call(Map.of("op", "getMessage", "name", queue, "messageId", messageId,
            "offset", offset, "length", length));
        final List<String> lines = new ArrayList<>();
        for (final Map.Entry<String, Object> field : reply.entrySet())
        {
            final Object value = field.getValue();
            final boolean text = "body".equals(field.getKey()) && "TEXT".equals(reply.get("bodyType"));
            lines.add(field.getKey() + "=" + (value instanceof byte[] ? text ?
                new String((byte[])value, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString((byte[])value) :
                String.valueOf(value)));
        }
        return lines.toArray(new String[0]);
    }

    /**
     * {@inheritDoc}
     */
    public String[] searchMessages(final String queue, final String text)
    {
        return lines(call(Map.of("op", "search", "name", queue, "text", text, "limit",
            MessageOperations.MAX_BROWSE_LIMIT)), "messageId", "bodyType", "bodySize");
    }

    /**
     * {@inheritDoc}
     */
    public String sendMessage(final String destination, final String destinationType, final String bodyType,
        final String body, final String jmsType, final String correlationId, final String properties,
        final boolean persistent, final int priority, final long timeToLiveMs, final long deliveryDelayMs)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "sendMessage");
        request.put("name", destination);
        putIfSet(request, "type", destinationType);
        putIfSet(request, "bodyType", bodyType);
        if ("map".equalsIgnoreCase(bodyType))
        {
            putLines(request, "map.", body, "body");
        }
        else
        {
            putIfSet(request, "body", body);
        }
        putIfSet(request, "jmsType", jmsType);
        putIfSet(request, "correlationId", correlationId);
        putLines(request, "property.", properties, "properties");
        request.put("deliveryMode", persistent ? "PERSISTENT" : "NON_PERSISTENT");
        request.put("priority", priority);
        request.put("timeToLive", timeToLiveMs);
        request.put("deliveryDelay", deliveryDelayMs);
        return (String)call(request).get("messageId");
    }

    /**
     * {@inheritDoc}
     */
    public void dropSubscription(final String topic, final String clientId, final String name)
    {
        call(Map.of("op", "dropSubscription", "topic", topic, "clientId", null == clientId ? "" : clientId,
            "name", name));
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
            return proxy.execute(request, TIMEOUT_MS);
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
        final Map<String, Object> reply = proxy.execute(Map.of("op", "destinations"), TIMEOUT_MS);
        final int count = ((Number)reply.get("count")).intValue();
        final Set<ObjectName> current = new HashSet<>();
        for (int i = 0; i < count; i++)
        {
            final Object type = reply.get(i + ".type");
            final String destination = (String)reply.get(i + ".name");
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

    static String[] lines(final Map<String, Object> reply, final String... fields)
    {
        final int count = ((Number)reply.get("count")).intValue();
        final List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final StringBuilder line = new StringBuilder();
            for (final String field : fields)
            {
                line.append(line.length() == 0 ? "" : " ").append(field).append('=').append(reply.get(i + "." + field));
            }
            lines.add(line.toString());
        }
        return lines.toArray(new String[0]);
    }
}
