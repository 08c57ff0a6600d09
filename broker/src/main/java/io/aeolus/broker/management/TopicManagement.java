package io.aeolus.broker.management;

import java.util.Map;

/**
 * The JMX face of one topic; reads its figures from the destinations list the conductor answers.
 */
public final class TopicManagement implements TopicManagementMBean
{
    private final BrokerManagement broker;
    private final String name;

    TopicManagement(final BrokerManagement broker, final String name)
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
    public int getConsumers()
    {
        return ((Number)field("consumers")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public int getSubscriptions()
    {
        return ((Number)field("subscriptions")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public long getPublished()
    {
        return ((Number)field("enqueued")).longValue();
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
    public long getOldestAgeMs()
    {
        return ((Number)field("oldestAgeMs")).longValue();
    }

    private Object field(final String field)
    {
        final Map<String, Object> reply = broker.call(Map.of("op", "destinations"));
        final int count = ((Number)reply.get("count")).intValue();
        for (int i = 0; i < count; i++)
        {
            if (name.equals(reply.get(i + ".name")) && "TOPIC".equals(reply.get(i + ".type")))
            {
                final Object value = reply.get(i + "." + field);
                return null == value ? 0 : value;
            }
        }
        throw new IllegalStateException("topic '" + name + "' no longer exists");
    }
}
