package io.aeolus.broker.management;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
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
            if ("QUEUE".equals(reply.get(i + ".type")))
            {
                final String queue = (String)reply.get(i + ".name");
                final ObjectName objectName = new ObjectName(
                    "io.aeolus:type=Destination,name=" + ObjectName.quote(queue) + instanceSuffix);
                current.add(objectName);
                if (destinationNames.add(objectName) && !server.isRegistered(objectName))
                {
                    server.registerMBean(new DestinationManagement(this, queue), objectName);
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

    private static String[] lines(final Map<String, Object> reply, final String... fields)
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
