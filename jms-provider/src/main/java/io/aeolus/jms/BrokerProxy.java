package io.aeolus.jms;

import io.aeolus.jms.message.AeolusMessage;
import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.Response;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.codecs.AckEncoder;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.AckType;
import io.aeolus.transport.codecs.CloseConsumerEncoder;
import io.aeolus.transport.codecs.CloseProducerEncoder;
import io.aeolus.transport.codecs.CloseSessionEncoder;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.CommitEncoder;
import io.aeolus.transport.codecs.ConnectionFlowEncoder;
import io.aeolus.transport.codecs.ConsumerCreditEncoder;
import io.aeolus.transport.codecs.CreateConsumerEncoder;
import io.aeolus.transport.codecs.CreateProducerEncoder;
import io.aeolus.transport.codecs.CreateSessionEncoder;
import io.aeolus.transport.codecs.CreateTemporaryDestinationEncoder;
import io.aeolus.transport.codecs.DeleteTemporaryDestinationEncoder;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.PullEncoder;
import io.aeolus.transport.codecs.RecoverEncoder;
import io.aeolus.transport.codecs.RollbackEncoder;
import io.aeolus.transport.codecs.SendEncoder;
import io.aeolus.transport.codecs.SetClientIdEncoder;
import io.aeolus.transport.codecs.UnsubscribeEncoder;
import jakarta.jms.JMSException;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Encodes every request the client sends the broker and waits for the answers that matter. Each calling thread
 * encodes into its own buffer, so sessions, listeners and completion threads never share one. Thread-safe.
 */
final class BrokerProxy
{
    private static final ThreadLocal<Encoders> ENCODERS = ThreadLocal.withInitial(Encoders::new);

    private final ClientEndpoint endpoint;

    BrokerProxy(final ClientEndpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    ClientEndpoint endpoint()
    {
        return endpoint;
    }

    void setClientId(final String clientId) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.setClientId.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).clientId(clientId);
        request(correlationId, e, e.setClientId.encodedLength());
    }

    void createSession(final long sessionId, final AckMode ackMode) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.createSession.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId).ackMode(ackMode);
        request(correlationId, e, e.createSession.encodedLength());
    }

    void closeSession(final long sessionId) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.closeSession.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId);
        request(correlationId, e, e.closeSession.encodedLength());
    }

    void createProducer(final long sessionId, final long producerId, final AeolusDestination destination)
        throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.createProducer.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId)
            .producerId(producerId)
            .destinationType(null == destination ? DestinationType.NONE : destination.destinationType())
            .destination(null == destination ? "" : destination.name());
        request(correlationId, e, e.createProducer.encodedLength());
    }

    void closeProducer(final long producerId) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.closeProducer.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).producerId(producerId);
        request(correlationId, e, e.closeProducer.encodedLength());
    }

    void createConsumer(
        final long sessionId,
        final long consumerId,
        final AeolusDestination destination,
        final ConsumerKind kind,
        final int prefetch) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        final CreateConsumerEncoder encoder = e.createConsumer.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId)
            .consumerId(consumerId).destinationType(destination.destinationType());
        encoder.flags().clear().noLocal(kind.noLocal()).durable(kind.durable()).shared(kind.shared())
            .browser(kind.browser());
        encoder.prefetch(prefetch)
            .destination(destination.name())
            .selector(null == kind.selector() ? "" : kind.selector())
            .subscriptionName(null == kind.subscriptionName() ? "" : kind.subscriptionName());
        request(correlationId, e, encoder.encodedLength());
    }

    void closeConsumer(final long consumerId, final long lastConsumedDeliveryId) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.closeConsumer.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).consumerId(consumerId)
            .lastConsumedDeliveryId(lastConsumedDeliveryId);
        request(correlationId, e, e.closeConsumer.encodedLength());
    }

    /**
     * Tells the broker a consumer is gone without waiting for its answer, for a session or connection close that
     * must not block on a broker that may be gone; frames sent later on this connection are handled after it.
     */
    void closeConsumerNoWait(final long consumerId, final long lastConsumedDeliveryId) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        e.closeConsumer.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(endpoint.nextCorrelationId()).consumerId(consumerId)
            .lastConsumedDeliveryId(lastConsumedDeliveryId);
        send(e, e.closeConsumer.encodedLength());
    }

    void credit(final long consumerId, final int credit) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        e.credit.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).consumerId(consumerId).credit(credit);
        send(e, e.credit.encodedLength());
    }

    long pull(final long consumerId, final long timeoutMs) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.pull.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).consumerId(consumerId)
            .timeoutMs(timeoutMs);
        send(e, e.pull.encodedLength());
        return correlationId;
    }

    /**
     * Sends a message; waits for the broker's confirmation when asked.
     *
     * @return null if no confirmation was asked for, else the pending confirmation.
     */
    CompletableFuture<Response> send(final long sessionId, final long producerId, final AeolusMessage message,
        final boolean confirm) throws JMSException
    {
        return send(sessionId, producerId, message, confirm, null);
    }

    /**
     * Sends a message.
     *
     * @param confirm true to ask for an answer and return it.
     * @param window  the producer's window, for a send that asks no answer of its own: it may make this send ask for
     *                one on its behalf (then the answer goes to the window); null for none.
     * @return the answer if {@code confirm}, else null.
     */
    CompletableFuture<Response> send(final long sessionId, final long producerId, final AeolusMessage message,
        final boolean confirm, final ProducerWindow window) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final int messageLength = message.encode(e.scratch, 0);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + SendEncoder.BLOCK_LENGTH +
            SendEncoder.messageHeaderLength() + messageLength;
        final boolean forWindow = !confirm && null != window && window.onSend(length);
        final boolean ask = confirm || forWindow;
        final long correlationId = ask ? endpoint.nextCorrelationId() : 0;
        final boolean large = length > endpoint.maxMessageLength();
        // A large frame goes into its own array, which the transport keeps without copying while it is chunked.
        final MutableDirectBuffer frame = large ? new UnsafeBuffer(new byte[length]) : e.buffer;
        e.send.wrapAndApplyHeader(frame, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId)
            .producerId(producerId).putMessage(e.scratch, 0, messageLength);
        try
        {
            final CompletableFuture<Response> answer;
            if (large)
            {
                e.shrink();
                if (!ask)
                {
                    endpoint.sendOwned(frame.byteArray(), length);
                    return null;
                }
                answer = endpoint.requestOwnedAsync(correlationId, frame.byteArray(), length);
            }
            else if (!ask)
            {
                endpoint.send(e.buffer, 0, length);
                return null;
            }
            else
            {
                answer = endpoint.requestAsync(correlationId, e.buffer, 0, length);
            }
            if (forWindow)
            {
                window.onRequested(answer);
                return null;
            }
            return answer;
        }
        catch (final TransportException ex)
        {
            throw AeolusExceptions.toJms(ex);
        }
        finally
        {
            e.shrink();
        }
    }

    void acknowledge(final long sessionId, final Map<Long, Long> lastConsumedByConsumer, final boolean cumulative,
        final boolean confirm) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = confirm ? endpoint.nextCorrelationId() : 0;
        final AckEncoder encoder = e.ack.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId)
            .ackType(cumulative ? AckType.CUMULATIVE : AckType.INDIVIDUAL);
        final AckEncoder.EntriesEncoder entries = encoder.entriesCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            entries.next().consumerId(entry.getKey()).deliveryId(entry.getValue());
        }
        if (confirm)
        {
            request(correlationId, e, encoder.encodedLength());
        }
        else
        {
            send(e, encoder.encodedLength());
        }
    }

    /**
     * Acknowledges one consumer's deliveries without waiting: the per-message path of AUTO_ACKNOWLEDGE and
     * DUPS_OK_ACKNOWLEDGE, so it allocates nothing.
     */
    void acknowledgeOne(final long sessionId, final long consumerId, final long deliveryId, final boolean cumulative)
        throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final AckEncoder encoder = e.ack.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(0).sessionId(sessionId)
            .ackType(cumulative ? AckType.CUMULATIVE : AckType.INDIVIDUAL);
        encoder.entriesCount(1).next().consumerId(consumerId).deliveryId(deliveryId);
        send(e, encoder.encodedLength());
    }

    long recover(final long sessionId, final Map<Long, Long> lastConsumedByConsumer) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        final RecoverEncoder encoder = e.recover.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId);
        final RecoverEncoder.ConsumersEncoder consumers = encoder.consumersCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            consumers.next().consumerId(entry.getKey()).lastConsumedDeliveryId(entry.getValue());
        }
        return request(correlationId, e, encoder.encodedLength()).value();
    }

    long commit(final long sessionId, final Map<Long, Long> lastConsumedByConsumer) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        final CommitEncoder encoder = e.commit.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId);
        final CommitEncoder.AcksEncoder acks = encoder.acksCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            acks.next().consumerId(entry.getKey()).deliveryId(entry.getValue());
        }
        return request(correlationId, e, encoder.encodedLength()).value();
    }

    long rollback(final long sessionId, final Map<Long, Long> lastConsumedByConsumer) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        final RollbackEncoder encoder = e.rollback.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId);
        final RollbackEncoder.ConsumersEncoder consumers = encoder.consumersCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            consumers.next().consumerId(entry.getKey()).lastConsumedDeliveryId(entry.getValue());
        }
        return request(correlationId, e, encoder.encodedLength()).value();
    }

    /**
     * JMS Connection.start/stop at the broker: a stopped connection's consumers get nothing, and on stop what each
     * listed consumer was sent after its last consumed delivery goes back to its queue.
     *
     * @param started                true to start delivery, false to stop it.
     * @param lastConsumedByConsumer the connection's consumers with the last delivery each handed to the application.
     * @param wait                   true to wait for the broker's answer.
     * @return the broker's next delivery id when waited for (every delivery below it was sent before the broker
     *         stopped the consumers), otherwise 0.
     */
    long connectionFlow(final boolean started, final Map<Long, Long> lastConsumedByConsumer, final boolean wait)
        throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = wait ? endpoint.nextCorrelationId() : 0;
        final ConnectionFlowEncoder encoder = e.connectionFlow.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId)
            .started(started ? BooleanType.TRUE : BooleanType.FALSE);
        final ConnectionFlowEncoder.ConsumersEncoder consumers =
            encoder.consumersCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            consumers.next().consumerId(entry.getKey()).lastConsumedDeliveryId(entry.getValue());
        }
        if (!wait)
        {
            send(e, encoder.encodedLength());
            return 0;
        }
        return request(correlationId, e, encoder.encodedLength()).value();
    }

    void unsubscribe(final String name) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.unsubscribe.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).subscriptionName(name);
        request(correlationId, e, e.unsubscribe.encodedLength());
    }

    void createTemporaryDestination(final AeolusDestination destination) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.createTemporary.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId)
            .destinationType(destination.destinationType()).name(destination.name());
        request(correlationId, e, e.createTemporary.encodedLength());
    }

    void deleteTemporaryDestination(final AeolusDestination destination) throws JMSException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        e.deleteTemporary.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId)
            .destinationType(destination.destinationType()).name(destination.name());
        request(correlationId, e, e.deleteTemporary.encodedLength());
    }

    private Response request(final long correlationId, final Encoders e, final int bodyLength) throws JMSException
    {
        try
        {
            return endpoint.request(correlationId, e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        }
        catch (final TransportException ex)
        {
            throw AeolusExceptions.toJms(ex);
        }
    }

    private void send(final Encoders e, final int bodyLength) throws JMSException
    {
        try
        {
            endpoint.send(e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        }
        catch (final TransportException ex)
        {
            throw AeolusExceptions.toJms(ex);
        }
    }

    /**
     * One thread's encoders and buffers.
     */
    private static final class Encoders
    {
        private static final int KEEP_CAPACITY = 1024 * 1024;

        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final SetClientIdEncoder setClientId = new SetClientIdEncoder();
        final CreateSessionEncoder createSession = new CreateSessionEncoder();
        final CloseSessionEncoder closeSession = new CloseSessionEncoder();
        final CreateProducerEncoder createProducer = new CreateProducerEncoder();
        final CloseProducerEncoder closeProducer = new CloseProducerEncoder();
        final CreateConsumerEncoder createConsumer = new CreateConsumerEncoder();
        final CloseConsumerEncoder closeConsumer = new CloseConsumerEncoder();
        final ConsumerCreditEncoder credit = new ConsumerCreditEncoder();
        final PullEncoder pull = new PullEncoder();
        final SendEncoder send = new SendEncoder();
        final AckEncoder ack = new AckEncoder();
        final RecoverEncoder recover = new RecoverEncoder();
        final CommitEncoder commit = new CommitEncoder();
        final RollbackEncoder rollback = new RollbackEncoder();
        final ConnectionFlowEncoder connectionFlow = new ConnectionFlowEncoder();
        final UnsubscribeEncoder unsubscribe = new UnsubscribeEncoder();
        final CreateTemporaryDestinationEncoder createTemporary = new CreateTemporaryDestinationEncoder();
        final DeleteTemporaryDestinationEncoder deleteTemporary = new DeleteTemporaryDestinationEncoder();

        /**
         * Gives back the memory of a very large message rather than keeping it per thread.
         */
        void shrink()
        {
            if (buffer.capacity() > KEEP_CAPACITY)
            {
                buffer = new ExpandableArrayBuffer(4096);
            }
            if (scratch.capacity() > KEEP_CAPACITY)
            {
                scratch = new ExpandableArrayBuffer(4096);
            }
        }
    }
}
