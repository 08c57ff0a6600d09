package io.aeolus.broker.management;

/**
 * One topic over JMX ({@code io.aeolus:type=Topic,name="<topic>"}): its figures, summed over its subscriptions.
 */
public interface TopicManagementMBean
{
    /**
     * @return messages waiting in its subscriptions.
     */
    long getDepth();

    /**
     * @return consumers of its subscriptions.
     */
    int getConsumers();

    /**
     * @return its subscriptions, durable and not.
     */
    int getSubscriptions();

    /**
     * @return messages published to it since the broker started.
     */
    long getPublished();

    /**
     * @return producers attached to it.
     */
    int getProducers();

    /**
     * @return the age of the oldest message waiting in one of its subscriptions, ms; 0 if none.
     */
    long getOldestAgeMs();

    /**
     * @return messages published per second, between the last two samples of the MBean refresher (two seconds
     * apart).
     */
    double getEnqueueRatePerSec();

    /**
     * @return how long it keeps each message after delivery, ms; 0: no bound by time (or no retention).
     */
    long getRetentionMs();

    /**
     * @return how many bytes of messages it keeps after delivery; 0: no bound by size (or no retention).
     */
    long getRetentionBytes();

    /**
     * @return messages it retains now, for subscriptions that start earlier and for replay; 0 without retention.
     */
    long getRetainedCount();

    /**
     * @return the encoded size of the messages it retains now, bytes.
     */
    long getRetainedBytes();

    /**
     * @return the settings in force for this topic (name, value, and whether it was given it of its own).
     */
    javax.management.openmbean.CompositeData[] getSettings();

    /**
     * Gives this topic a setting of its own, applied at once.
     *
     * @param setting the setting's name, {@code max.delivery.attempts} for example.
     * @param value   its value as text.
     */
    void setSetting(String setting, String value);

    /**
     * Takes back every setting this topic was given of its own: it follows the broker's again.
     */
    void resetSettings();
}
