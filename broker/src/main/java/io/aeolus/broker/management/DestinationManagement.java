package io.aeolus.broker.management;

import io.aeolus.management.DestinationInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;

/**
 * The JMX face of one queue; reads its figures from the destinations list the conductor answers.
 */
public final class DestinationManagement implements DestinationManagementMBean
{
    private final BrokerManagement broker;
    private final String name;
    private final RateSampler rates;

    DestinationManagement(final BrokerManagement broker, final String name, final RateSampler rates)
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
    public int getInFlight()
    {
        return info().inFlight();
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
    public long getEnqueued()
    {
        return info().enqueued();
    }

    /**
     * {@inheritDoc}
     */
    public long getAcknowledged()
    {
        return info().acknowledged();
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
        return info().paused();
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
    public int getProducers()
    {
        return info().producers();
    }

    /**
     * {@inheritDoc}
     */
    public long getDlqDepth()
    {
        return info().dlqDepth();
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
    public double getDequeueRatePerSec()
    {
        return rates.dequeueRatePerSec();
    }

    /**
     * {@inheritDoc}
     */
    public int getScheduled()
    {
        return info().scheduled();
    }

    /**
     * {@inheritDoc}
     */
    public long getExpired()
    {
        return info().expired();
    }

    /**
     * {@inheritDoc}
     */
    public long getDeadLettered()
    {
        return info().deadLettered();
    }

    /**
     * {@inheritDoc}
     */
    public long getHeldBytes()
    {
        return info().heldBytes();
    }

    /**
     * {@inheritDoc}
     */
    public String getDeadLetterQueue()
    {
        return info().dlq();
    }

    /**
     * {@inheritDoc}
     */
    public javax.management.openmbean.CompositeData[] getSettings()
    {
        return SettingsJmx.settings(broker, name, false);
    }

    /**
     * {@inheritDoc}
     */
    public void setSetting(final String setting, final String value)
    {
        SettingsJmx.setSetting(broker, name, false, setting, value);
    }

    /**
     * {@inheritDoc}
     */
    public void resetSettings()
    {
        SettingsJmx.resetSettings(broker, name, false);
    }

    private DestinationInfo info()
    {
        for (final DestinationInfo info : Reply.rows(broker.call(Request.of(Operation.DESTINATIONS)),
            DestinationInfo::read))
        {
            if (name.equals(info.name()) && "QUEUE".equals(info.type()))
            {
                return info;
            }
        }
        throw new IllegalStateException("queue '" + name + "' no longer exists");
    }
}
