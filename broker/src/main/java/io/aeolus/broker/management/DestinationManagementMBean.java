package io.aeolus.broker.management;

/**
 * One queue's JMX interface, registered as {@code io.aeolus:type=Destination,name=<queue>}. Each attribute read is
 * one round trip to the conductor. Called by JMX threads.
 */
public interface DestinationManagementMBean
{
    /**
     * @return messages waiting, paged out ones included.
     */
    long getDepth();

    /**
     * @return messages delivered and not yet acknowledged.
     */
    int getInFlight();

    /**
     * @return consumers attached.
     */
    int getConsumers();

    /**
     * @return messages enqueued since start.
     */
    long getEnqueued();

    /**
     * @return messages acknowledged since start.
     */
    long getAcknowledged();

    /**
     * Removes every waiting message.
     *
     * @return messages removed.
     */
    int purge();

    /**
     * @return true while the queue's deliveries are held back.
     */
    boolean isPaused();

    /**
     * @return how long the oldest message available for delivery has waited, in ms; 0 if none.
     */
    long getOldestAgeMs();

    /**
     * @return producers created for this queue.
     */
    int getProducers();

    /**
     * @return messages waiting in the queue this queue's dead letters go to; 0 if none.
     */
    long getDlqDepth();

    /**
     * Holds back the queue's deliveries until {@link #resume()}.
     */
    void pause();

    /**
     * Resumes the queue's deliveries.
     */
    void resume();

    /**
     * @return messages in per second, between the last two samples of the MBean refresher (two seconds apart).
     */
    double getEnqueueRatePerSec();

    /**
     * @return messages acknowledged per second, between the last two samples.
     */
    double getDequeueRatePerSec();

    /**
     * @return messages waiting for their delivery time.
     */
    int getScheduled();

    /**
     * @return messages that expired here.
     */
    long getExpired();

    /**
     * @return messages moved from here to the dead-letter queue.
     */
    long getDeadLettered();

    /**
     * @return bytes of the messages held.
     */
    long getHeldBytes();

    /**
     * @return the queue its dead letters go to, empty for none.
     */
    String getDeadLetterQueue();

    /**
     * @return the settings in force for this queue (name, value, and whether it was given it of its own).
     */
    javax.management.openmbean.CompositeData[] getSettings();

    /**
     * Gives this queue a setting of its own, applied at once.
     *
     * @param setting the setting's name, {@code max.delivery.attempts} for example.
     * @param value   its value as text.
     */
    void setSetting(String setting, String value);

    /**
     * Takes back every setting this queue was given of its own: it follows the broker's again.
     */
    void resetSettings();
}
