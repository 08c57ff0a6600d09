package io.aeolus.broker.management;

import io.aeolus.management.DestinationInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.RetentionInfo;

/**
 * The JMX face of one topic; reads its figures from the destinations list the conductor answers.
 */
public final class TopicManagement implements TopicManagementMBean
{
    private final BrokerManagement broker;
    private final String name;
    private final RateSampler rates;

    TopicManagement(final BrokerManagement broker, final String name, final RateSampler rates)
    {
        this.broker = broker;
        this.name = name;
        this.rates = rates;
    }

    /**
     * {@inheritDoc}
     */
    public long getDepth()
    {
        return info().depth();
    }

    /**
     * {@inheritDoc}
     */
    public int getConsumers()
    {
        return info().consumers();
    }

    /**
     * {@inheritDoc}
     */
    public int getSubscriptions()
    {
        return info().subscriptions();
    }

    /**
     * {@inheritDoc}
     */
    public long getPublished()
    {
        return info().enqueued();
    }

    /**
     * {@inheritDoc}
     */
    public int getProducers()
    {
        return info().producers();
    }

    /**
     * {@inheritDoc}
     */
    public long getOldestAgeMs()
    {
        return info().oldestAgeMs();
    }

    /**
     * {@inheritDoc}
     */
    public double getEnqueueRatePerSec()
    {
        return rates.enqueueRatePerSec();
    }

    /**
     * {@inheritDoc}
     */
    public long getRetentionMs()
    {
        final RetentionInfo retention = retention();
        return null == retention ? 0 : retention.retentionMs();
    }

    /**
     * {@inheritDoc}
     */
    public long getRetentionBytes()
    {
        final RetentionInfo retention = retention();
        return null == retention ? 0 : retention.retentionBytes();
    }

    /**
     * {@inheritDoc}
     */
    public long getRetainedCount()
    {
        final RetentionInfo retention = retention();
        return null == retention ? 0 : retention.retainedCount();
    }

    /**
     * {@inheritDoc}
     */
    public long getRetainedBytes()
    {
        final RetentionInfo retention = retention();
        return null == retention ? 0 : retention.retainedBytes();
    }

    private RetentionInfo retention()
    {
        for (final RetentionInfo info : Reply.rows(broker.call(Request.of(Operation.RETENTION)), RetentionInfo::read))
        {
            if (name.equals(info.topic()))
            {
                return info;
            }
        }
        return null;
    }

    /**
     * {@inheritDoc}
     */
    public javax.management.openmbean.CompositeData[] getSettings()
    {
        return SettingsJmx.settings(broker, name, true);
    }

    /**
     * {@inheritDoc}
     */
    public void setSetting(final String setting, final String value)
    {
        SettingsJmx.setSetting(broker, name, true, setting, value);
    }

    /**
     * {@inheritDoc}
     */
    public void resetSettings()
    {
        SettingsJmx.resetSettings(broker, name, true);
    }

    private DestinationInfo info()
    {
        for (final DestinationInfo info : Reply.rows(broker.call(Request.of(Operation.DESTINATIONS)),
            DestinationInfo::read))
        {
            if (name.equals(info.name()) && "TOPIC".equals(info.type()))
            {
                return info;
            }
        }
        throw new IllegalStateException("topic '" + name + "' no longer exists");
    }
}
