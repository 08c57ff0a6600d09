package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;

/**
 * What the engine says to its clients, each call naming the client by the plain connection id it was given at
 * {@link EngineInputs#onConnected}. An adapter encodes these onto its transport (the Aeron adapter onto the
 * client's egress publication). Calls come on the engine's thread, in the engine's order.
 */
public interface ClientEgress
{
    /**
     * A request succeeded.
     *
     * @param connectionId  the client.
     * @param correlationId the request's correlation id; 0 for a request that wants no answer.
     * @param value         a result, 0 if the request has none.
     */
    void ok(long connectionId, long correlationId, long value);

    /**
     * A request was refused; nothing it asked for was done.
     *
     * @param connectionId  the client.
     * @param correlationId the request's correlation id.
     * @param error         why, as a stable code.
     * @param message       why, for people.
     */
    void error(long connectionId, long correlationId, EngineError error, String message);

    /**
     * A message for one of the client's consumers.
     *
     * @param connectionId  the client.
     * @param consumerId    the consumer.
     * @param deliveryId    the delivery's id, unique within the connection, increasing.
     * @param deliveryCount how often the message has been delivered, this delivery included.
     * @param message       the message.
     */
    void deliver(long connectionId, long consumerId, long deliveryId, int deliveryCount, BrokerMessage message);

    /**
     * A pull ended without a message, or a browser reached the end of its queue (correlation id 0).
     *
     * @param connectionId  the client.
     * @param consumerId    the consumer.
     * @param correlationId the pull's correlation id, 0 for a browser.
     */
    void noMessage(long connectionId, long consumerId, long correlationId);

    /**
     * A producer must wait (its destination is over its memory limit), or may go on.
     *
     * @param connectionId the client.
     * @param producerId   the producer.
     * @param blocked      true to wait, false to go on.
     */
    void producerCredit(long connectionId, long producerId, boolean blocked);

    /**
     * The answer to an XA recover: the branches prepared or completed heuristically and not yet forgotten.
     *
     * @param connectionId  the client.
     * @param correlationId the request's correlation id.
     * @param branches      in {@link BranchId} order.
     */
    void xaRecovered(long connectionId, long correlationId, java.util.List<BranchId> branches);

    /**
     * The one question the engine asks its egress: can the client take more deliveries now? An adapter whose
     * transport has no back-pressure answers true.
     *
     * @param connectionId the client.
     * @return false while the client's egress is too far behind.
     */
    boolean isWritable(long connectionId);
}
