package io.aeolus.broker.engine;

import io.aeolus.broker.security.Principal;
import io.aeolus.store.StoredReference;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.Map;

/**
 * Everything that changes the engine's state arrives here, on one thread, in one order: client commands (keyed by
 * the connection id the adapter chose), durability and page-in reports from the journal, and time, which is given
 * and never read (one timebase: ms since the epoch). The same calls in the same order give the same calls on
 * {@link ClientEgress} and {@link Durability}. Maps of consumer ids are walked in key order.
 */
public interface EngineInputs
{
    /**
     * @return the XA part of the port: a transaction manager's calls on branches.
     */
    XaInputs xa();

    /**
     * The clock moved; the engine does nothing else now.
     *
     * @param nowMs the time, ms since the epoch.
     */
    void advanceTime(long nowMs);

    /**
     * Releases what is due and dispatches what changed: once per duty cycle, after the commands read in it.
     *
     * @return the work done.
     */
    int dispatch();

    /**
     * The periodic tick (pull timeouts, the expiry scan, page requests), carrying the time.
     *
     * @param nowMs the time, ms since the epoch.
     * @return the work done.
     */
    int onTimer(long nowMs);

    /**
     * Positions up to this one are durable.
     *
     * @param position the highest durable position.
     */
    void onDurable(long position);

    /**
     * The durable store failed: positions up to {@code durablePosition} are durable, later ones never will be.
     *
     * @param durablePosition the highest durable position.
     * @param failure         what went wrong.
     */
    void onDurabilityFailed(long durablePosition, String failure);

    /**
     * A page of references read back from the store (paging).
     *
     * @param queue      the queue's journal name.
     * @param references in sequence order; empty at the end of the queue.
     */
    void onPage(String queue, List<StoredReference> references);

    /**
     * A client logged in.
     *
     * @param connectionId its id, unique for the engine's life.
     * @param clientId     its client id, empty if none.
     * @param principal    who it is.
     * @param source       where it connected from, for people.
     */
    void onConnected(long connectionId, String clientId, Principal principal, String source);

    /**
     * A client is gone (closed, dead, refused): what it held comes back.
     *
     * @param connectionId its id; unknown ids are ignored.
     */
    void onConnectionClosed(long connectionId);

    /**
     * A client sets its client id (JMS {@code Connection.setClientID}).
     */
    void onSetClientId(long connectionId, long correlationId, String clientId);

    /**
     * A client creates a session.
     */
    void onCreateSession(long connectionId, long correlationId, long sessionId, AckMode ackMode);

    /**
     * A client closes a session, with its consumers and producers.
     */
    void onCloseSession(long connectionId, long correlationId, long sessionId);

    /**
     * A client creates a producer, for a destination or anonymous ({@code DestinationType.NONE}).
     */
    void onCreateProducer(long connectionId, long correlationId, long sessionId, long producerId,
        DestinationType type, String destination);

    /**
     * A client closes a producer.
     */
    void onCloseProducer(long connectionId, long correlationId, long producerId);

    /**
     * A client creates a consumer, a subscriber or a browser.
     */
    void onCreateConsumer(long connectionId, ConsumerRequest request);

    /**
     * A client closes a consumer; deliveries after the last consumed one come back unharmed.
     */
    void onCloseConsumer(long connectionId, long correlationId, long consumerId, long lastConsumedDeliveryId);

    /**
     * A consumer grants more credit (its application took messages).
     */
    void onConsumerCredit(long connectionId, long consumerId, int credit);

    /**
     * A consumer without prefetch asks for one message, waiting at most {@code timeoutMs} (negative: forever).
     */
    void onPull(long connectionId, long correlationId, long consumerId, long timeoutMs);

    /**
     * A send; the engine decodes the message and answers a malformed one with {@link EngineError#MESSAGE_FORMAT}.
     */
    void onSend(long connectionId, long correlationId, long sessionId, long producerId, DirectBuffer buffer,
        int offset, int length);

    /**
     * One acknowledgement of an acknowledgement frame.
     */
    void onAck(long connectionId, long consumerId, long deliveryId, boolean cumulative);

    /**
     * The end of an acknowledgement frame: answered Ok if it carries a correlation id.
     */
    void onAckComplete(long connectionId, long correlationId);

    /**
     * A session recovers: every unacknowledged delivery comes back.
     */
    void onRecover(long connectionId, long correlationId, long sessionId, Map<Long, Long> lastConsumedByConsumer);

    /**
     * A transacted session commits its acknowledgements and sends, atomically.
     */
    void onCommit(long connectionId, long correlationId, long sessionId, Map<Long, Long> lastConsumedByConsumer);

    /**
     * A transacted session rolls back: its sends are dropped, its deliveries come back.
     */
    void onRollback(long connectionId, long correlationId, long sessionId, Map<Long, Long> lastConsumedByConsumer);

    /**
     * JMS 6.1.5, Connection.start and stop: a stopped connection's consumers get nothing, and what they had been
     * sent after the last delivery the application consumed goes back, not counted as delivered. Answered with the
     * next delivery id: the client drops what it buffered below it.
     *
     * @param connectionId           the client.
     * @param correlationId          the request's correlation id.
     * @param started                true to start, false to stop.
     * @param lastConsumedByConsumer the connection's consumers with their last consumed delivery.
     */
    void onConnectionFlow(long connectionId, long correlationId, boolean started,
        Map<Long, Long> lastConsumedByConsumer);

    /**
     * A client deletes a durable subscription.
     */
    void onUnsubscribe(long connectionId, long correlationId, String subscriptionName);

    /**
     * A client creates a temporary queue or topic.
     */
    void onCreateTemporaryDestination(long connectionId, long correlationId, DestinationType type, String name);

    /**
     * A client deletes one of its temporary destinations.
     */
    void onDeleteTemporaryDestination(long connectionId, long correlationId, DestinationType type, String name);
}
