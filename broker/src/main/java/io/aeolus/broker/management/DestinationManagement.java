package io.aeolus.broker.management;

import java.util.Map;

/**
 * The JMX face of one queue; reads its figures from the destinations list the conductor answers.
 */
public final class DestinationManagement implements DestinationManagementMBean
{
    private final BrokerManagement broker;
    private final String name;

    DestinationManagement(final BrokerManagement broker, final String name)
    {
        this.broker = broker;
        this.name = name;
    }

    /**
     * {@inheritDoc}
     */
    public long getDepth()
    {
        return ((Number)field("depth")).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public int getInFlight()
    {
        return ((Number)field("inFlight")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public int getConsumers()
    {
        return ((Number)field("consumers")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public long getEnqueued()
    {
        return ((Number)field("enqueued")).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public long getAcknowledged()
    {
        return ((Number)field("acknowledged")).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public int purge()
    {
        return broker.purge(name);
    }

    /**
     * {@inheritDoc}
     */
    public boolean isPaused()
    {
        return Boolean.TRUE.equals(field("paused"));
    }

    /**
     * {@inheritDoc}
     */
    public long getOldestAgeMs()
    {
        return ((Number)field("oldestAgeMs")).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public int getProducers()
    {
        return ((Number)field("producers")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public long getDlqDepth()
    {
        return ((Number)field("dlqDepth")).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public void pause()
    {
        broker.pauseQueue(name);
    }

    /**
     * {@inheritDoc}
     */
    public void resume()
    {
        broker.resumeQueue(name);
    }

    private Object field(final String field)
    {
        final Map<String, Object> reply = broker.call(Map.of("op", "destinations"));
        final int count = ((Number)reply.get("count")).intValue();
        for (int i = 0; i < count; i++)
        {
            if (name.equals(reply.get(i + ".name")) && "QUEUE".equals(reply.get(i + ".type")))
            {
                final Object value = reply.get(i + "." + field);
                return null == value ? 0 : value;
            }
        }
        throw new IllegalStateException("queue '" + name + "' no longer exists");
    }
}
