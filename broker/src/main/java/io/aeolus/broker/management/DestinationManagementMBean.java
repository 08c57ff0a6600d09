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
}
