package io.aeolus.broker.destination;

/**
 * Where a consumer's deliveries go: implemented by the connection that owns the consumer, which encodes a
 * {@code Deliver} frame onto its egress. Called on the conductor thread.
 */
public interface DeliverySink
{
    /**
     * @return false while the connection's egress is too far behind to take more deliveries.
     */
    boolean isWritable();

    /**
     * Sends a delivery.
     *
     * @param consumer the consumer it is for.
     * @param entry    the entry delivered; its delivery count is already incremented.
     * @return the delivery id assigned, unique within the connection.
     */
    long deliver(Consumer consumer, QueueEntry entry);

    /**
     * Tells a pulling consumer that no message came within its pull's timeout, or a browser that it reached the end.
     *
     * @param consumer      the consumer.
     * @param correlationId the pull's correlation id.
     */
    void noMessage(Consumer consumer, long correlationId);

    /**
     * @return who consumes through this sink, for people (a dead letter records its last consumer): the client id
     * if set, else the user and the source address; empty if unknown.
     */
    default String description()
    {
        return "";
    }
}
