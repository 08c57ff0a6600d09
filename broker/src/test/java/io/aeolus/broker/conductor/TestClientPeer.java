package io.aeolus.broker.conductor;

import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.codecs.AckEncoder;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.AckType;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.CloseConsumerEncoder;
import io.aeolus.transport.codecs.CloseSessionEncoder;
import io.aeolus.transport.codecs.CommitEncoder;
import io.aeolus.transport.codecs.ConnectEncoder;
import io.aeolus.transport.codecs.ConnectionFlowEncoder;
import io.aeolus.transport.codecs.ConnectResponseDecoder;
import io.aeolus.transport.codecs.ConsumerCreditEncoder;
import io.aeolus.transport.codecs.CreateConsumerEncoder;
import io.aeolus.transport.codecs.CreateProducerEncoder;
import io.aeolus.transport.codecs.CreateSessionEncoder;
import io.aeolus.transport.codecs.CreateTemporaryDestinationEncoder;
import io.aeolus.transport.codecs.DeliverDecoder;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.DisconnectEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.NoMessageDecoder;
import io.aeolus.transport.codecs.OkDecoder;
import io.aeolus.transport.codecs.ProducerCreditDecoder;
import io.aeolus.transport.codecs.PullEncoder;
import io.aeolus.transport.codecs.RecoverEncoder;
import io.aeolus.transport.codecs.RollbackEncoder;
import io.aeolus.transport.codecs.SendEncoder;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted client at the wire level: one raw exclusive publication to the conductor's IPC ingress and one reply
 * subscription, frames encoded with the generated codecs. Every wait drives the conductor's duty cycle from the test
 * thread until the expected frame arrives, with a bounded number of cycles; only connecting waits for the media
 * driver in real time.
 */
final class TestClientPeer implements AutoCloseable
{
    private static final int MAX_CYCLES = 2000;

    private final ConductorHarness harness;
    private final int replyStreamId;
    private final String replyChannel;
    private final ExclusivePublication publication;
    private final Subscription replies;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer messageBuffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ArrayDeque<Frame> received = new ArrayDeque<>();
    private long connectionId;
    private long nextCorrelationId = 1;

    TestClientPeer(final ConductorHarness harness, final int replyStreamId)
    {
        this(harness, replyStreamId, "aeron:ipc");
    }

    /**
     * @param replyChannel where the conductor is to send to this peer: {@code aeron:ipc}, or a UDP channel with an
     *                     endpoint on this host.
     */
    TestClientPeer(final ConductorHarness harness, final int replyStreamId, final String replyChannel)
    {
        this.harness = harness;
        this.replyStreamId = replyStreamId;
        this.replyChannel = replyChannel;
        this.publication = harness.aeron().addExclusivePublication(
            "aeron:ipc?term-length=" + ConductorHarness.TERM_LENGTH, TransportConfiguration.INGRESS_STREAM_ID);
        this.replies = harness.aeron().addSubscription(replyChannel, replyStreamId);
    }

    long connectionId()
    {
        return connectionId;
    }

    /**
     * @return the Aeron session id of this peer's ingress publication, by which the conductor knows it.
     */
    int aeronSessionId()
    {
        return publication.sessionId();
    }

    void connect(final String clientId)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected())
        {
            harness.doWork();
            assertTrue(System.nanoTime() < deadlineNs, "ingress publication never connected");
            Thread.onSpinWait();
        }
        final long correlationId = nextCorrelationId++;
        final ConnectEncoder encoder = new ConnectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .protocolVersion(ConnectEncoder.SCHEMA_VERSION)
            .replyStreamId(replyStreamId)
            .heartbeatIntervalMs(1000)
            .livenessTimeoutMs(5000)
            .clientId(clientId)
            .user("")
            .putCredentials(new byte[0], 0, 0)
            .replyChannel(replyChannel)
            .clientVersion("test-peer");
        offer(encoder.encodedLength());
        while (true)
        {
            harness.doWork();
            pollReplies();
            final Frame frame = take((candidate) -> candidate.templateId == ConnectResponseDecoder.TEMPLATE_ID);
            if (null != frame)
            {
                connectionId = frame.value;
                return;
            }
            assertTrue(System.nanoTime() < deadlineNs, "no ConnectResponse");
            Thread.onSpinWait();
        }
    }

    void createSession(final long sessionId, final AckMode ackMode)
    {
        final long correlationId = nextCorrelationId++;
        final CreateSessionEncoder encoder = new CreateSessionEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId).ackMode(ackMode);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    void createProducer(final long sessionId, final long producerId, final DestinationType type, final String name)
    {
        final long correlationId = nextCorrelationId++;
        final CreateProducerEncoder encoder = new CreateProducerEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId).producerId(producerId)
            .destinationType(type).destination(name);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    /**
     * Asks for a consumer; the answer is for the caller to expect.
     *
     * @return the request's correlation id.
     */
    long requestConsumer(
        final long sessionId,
        final long consumerId,
        final DestinationType type,
        final String destination,
        final String selector,
        final int prefetch)
    {
        final long correlationId = nextCorrelationId++;
        final CreateConsumerEncoder encoder = new CreateConsumerEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId).consumerId(consumerId)
            .destinationType(type);
        encoder.flags().clear();
        encoder.prefetch(prefetch).destination(destination).selector(selector).subscriptionName("");
        offer(encoder.encodedLength());
        return correlationId;
    }

    /**
     * Subscribes to a topic with a durable or shared subscription, expecting Ok.
     */
    void createSubscriber(final long sessionId, final long consumerId, final String topic, final String name,
        final boolean durable, final boolean shared)
    {
        final long correlationId = nextCorrelationId++;
        final CreateConsumerEncoder encoder = new CreateConsumerEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId).consumerId(consumerId)
            .destinationType(DestinationType.TOPIC);
        encoder.flags().clear().durable(durable).shared(shared);
        encoder.prefetch(10).destination(topic).selector("").subscriptionName(name);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    void closeSession(final long sessionId)
    {
        final long correlationId = nextCorrelationId++;
        final CloseSessionEncoder encoder = new CloseSessionEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    void createConsumer(
        final long sessionId, final long consumerId, final String queue, final String selector, final int prefetch)
    {
        expectOk(requestConsumer(sessionId, consumerId, DestinationType.QUEUE, queue, selector, prefetch));
    }

    long requestTemporaryQueue(final String name)
    {
        final long correlationId = nextCorrelationId++;
        final CreateTemporaryDestinationEncoder encoder = new CreateTemporaryDestinationEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder).connectionId(connectionId).correlationId(correlationId)
            .destinationType(DestinationType.TEMPORARY_QUEUE).name(name);
        offer(encoder.encodedLength());
        return correlationId;
    }

    /**
     * Sends a message asking for confirmation.
     *
     * @return the send's correlation id.
     */
    long send(final long sessionId, final long producerId, final TestMessage message)
    {
        return send(sessionId, producerId, message, true);
    }

    long send(final long sessionId, final long producerId, final TestMessage message, final boolean confirm)
    {
        final long correlationId = confirm ? nextCorrelationId++ : 0;
        final int messageLength = message.encode(messageBuffer, connectionId);
        final SendEncoder encoder = new SendEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId).producerId(producerId)
            .putMessage(messageBuffer, 0, messageLength);
        offer(encoder.encodedLength());
        return correlationId;
    }

    void sendConfirmed(final long sessionId, final TestMessage message)
    {
        expectOk(send(sessionId, 0, message));
    }

    void ack(final long sessionId, final long consumerId, final long deliveryId, final boolean cumulative)
    {
        final long correlationId = nextCorrelationId++;
        final AckEncoder encoder = new AckEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId)
            .ackType(cumulative ? AckType.CUMULATIVE : AckType.INDIVIDUAL);
        encoder.entriesCount(1).next().consumerId(consumerId).deliveryId(deliveryId);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    /**
     * Acknowledges a delivery without waiting for the answer: the frame is only offered.
     */
    void ackWithoutAnswer(final long sessionId, final long consumerId, final long deliveryId)
    {
        final AckEncoder encoder = new AckEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(0).sessionId(sessionId).ackType(AckType.CUMULATIVE);
        encoder.entriesCount(1).next().consumerId(consumerId).deliveryId(deliveryId);
        offer(encoder.encodedLength());
    }

    /**
     * Closes the connection with a Disconnect, without waiting.
     *
     * @param handshake ask for the close handshake's answer (a correlation id), or not (0).
     * @return the Disconnect's correlation id.
     */
    long disconnect(final boolean handshake)
    {
        final long correlationId = handshake ? nextCorrelationId++ : 0;
        final DisconnectEncoder encoder = new DisconnectEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).code(ErrorCode.NONE).reason("test closed");
        offer(encoder.encodedLength());
        return correlationId;
    }

    /**
     * Recovers a session whose listed consumers consumed up to the given deliveries.
     *
     * @return the Ok's value: the lowest delivery id still valid.
     */
    long recover(final long sessionId, final Map<Long, Long> lastConsumedByConsumer)
    {
        final long correlationId = nextCorrelationId++;
        final RecoverEncoder encoder = new RecoverEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId);
        final RecoverEncoder.ConsumersEncoder consumers = encoder.consumersCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            consumers.next().consumerId(entry.getKey()).lastConsumedDeliveryId(entry.getValue());
        }
        offer(encoder.encodedLength());
        return expectOk(correlationId).value;
    }

    void commit(final long sessionId, final long consumerId, final long deliveryId)
    {
        final long correlationId = nextCorrelationId++;
        final CommitEncoder encoder = new CommitEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId);
        encoder.acksCount(1).next().consumerId(consumerId).deliveryId(deliveryId);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    /**
     * Commits a session that consumed nothing, without waiting for the answer.
     *
     * @return the commit's correlation id.
     */
    long requestCommit(final long sessionId)
    {
        final long correlationId = nextCorrelationId++;
        final CommitEncoder encoder = new CommitEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId);
        encoder.acksCount(0);
        offer(encoder.encodedLength());
        return correlationId;
    }

    void rollback(final long sessionId, final long consumerId, final long lastConsumedDeliveryId)
    {
        final long correlationId = nextCorrelationId++;
        final RollbackEncoder encoder = new RollbackEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).sessionId(sessionId);
        encoder.consumersCount(1).next().consumerId(consumerId).lastConsumedDeliveryId(lastConsumedDeliveryId);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    /**
     * Starts or stops the connection's delivery; on stop, the consumers' deliveries after their last consumed one
     * go back.
     *
     * @param lastConsumedByConsumer consumer ids with the last delivery each consumed.
     * @return the broker's next delivery id.
     */
    long connectionFlow(final boolean started, final Map<Long, Long> lastConsumedByConsumer)
    {
        final long correlationId = nextCorrelationId++;
        final ConnectionFlowEncoder encoder = new ConnectionFlowEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId)
            .started(started ? BooleanType.TRUE : BooleanType.FALSE);
        final ConnectionFlowEncoder.ConsumersEncoder consumers = encoder.consumersCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            consumers.next().consumerId(entry.getKey()).lastConsumedDeliveryId(entry.getValue());
        }
        offer(encoder.encodedLength());
        return expectOk(correlationId).value;
    }

    void credit(final long consumerId, final int credit)
    {
        final ConsumerCreditEncoder encoder = new ConsumerCreditEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).consumerId(consumerId).credit(credit);
        offer(encoder.encodedLength());
        harness.settle();
    }

    void pull(final long consumerId, final long timeoutMs)
    {
        final PullEncoder encoder = new PullEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(nextCorrelationId++).consumerId(consumerId)
            .timeoutMs(timeoutMs);
        offer(encoder.encodedLength());
        harness.settle();
    }

    void closeConsumer(final long consumerId, final long lastConsumedDeliveryId)
    {
        final long correlationId = nextCorrelationId++;
        final CloseConsumerEncoder encoder = new CloseConsumerEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).consumerId(consumerId)
            .lastConsumedDeliveryId(lastConsumedDeliveryId);
        offer(encoder.encodedLength());
        expectOk(correlationId);
    }

    Frame expectOk(final long correlationId)
    {
        final Frame frame = awaitReply(correlationId);
        assertEquals(OkDecoder.TEMPLATE_ID, frame.templateId, () -> "expected Ok, got " + frame);
        return frame;
    }

    Frame expectError(final long correlationId, final ErrorCode code)
    {
        final Frame frame = awaitReply(correlationId);
        assertEquals(ErrorDecoder.TEMPLATE_ID, frame.templateId, () -> "expected Error, got " + frame);
        assertEquals(code, frame.code, frame.text);
        return frame;
    }

    Frame awaitReply(final long correlationId)
    {
        final Frame frame = await((candidate) -> candidate.correlationId == correlationId &&
            (candidate.templateId == OkDecoder.TEMPLATE_ID || candidate.templateId == ErrorDecoder.TEMPLATE_ID));
        assertNotNull(frame, "no reply to request " + correlationId);
        return frame;
    }

    /**
     * @return true if a reply to the request has arrived, without waiting.
     */
    boolean hasReply(final long correlationId)
    {
        harness.settle();
        for (final Frame frame : received)
        {
            if (frame.correlationId == correlationId &&
                (frame.templateId == OkDecoder.TEMPLATE_ID || frame.templateId == ErrorDecoder.TEMPLATE_ID))
            {
                return true;
            }
        }
        return false;
    }

    Frame awaitDelivery(final long consumerId)
    {
        final Frame frame = await((candidate) ->
            candidate.templateId == DeliverDecoder.TEMPLATE_ID && candidate.consumerId == consumerId);
        assertNotNull(frame, "no delivery to consumer " + consumerId);
        return frame;
    }

    Frame awaitProducerCredit(final long producerId)
    {
        final Frame frame = await((candidate) ->
            candidate.templateId == ProducerCreditDecoder.TEMPLATE_ID && candidate.producerId == producerId);
        assertNotNull(frame, "no ProducerCredit for producer " + producerId);
        return frame;
    }

    Frame awaitNoMessage(final long consumerId)
    {
        final Frame frame = await((candidate) ->
            candidate.templateId == NoMessageDecoder.TEMPLATE_ID && candidate.consumerId == consumerId);
        assertNotNull(frame, "no NoMessage for consumer " + consumerId);
        return frame;
    }

    /**
     * Settles the conductor, then takes every delivery that has arrived for the consumer.
     */
    List<Frame> deliveries(final long consumerId)
    {
        harness.settle();
        final List<Frame> deliveries = new ArrayList<>();
        for (final Iterator<Frame> it = received.iterator(); it.hasNext();)
        {
            final Frame frame = it.next();
            if (frame.templateId == DeliverDecoder.TEMPLATE_ID && frame.consumerId == consumerId)
            {
                it.remove();
                deliveries.add(frame);
            }
        }
        return deliveries;
    }

    /**
     * Settles the conductor, then takes every frame of a template that has arrived.
     */
    List<Frame> frames(final int templateId)
    {
        harness.settle();
        final List<Frame> frames = new ArrayList<>();
        for (final Iterator<Frame> it = received.iterator(); it.hasNext();)
        {
            final Frame frame = it.next();
            if (frame.templateId == templateId)
            {
                it.remove();
                frames.add(frame);
            }
        }
        return frames;
    }

    void pollReplies()
    {
        while (replies.poll(assembler, 64) > 0)
        {
            Thread.onSpinWait();
        }
    }

    public void close()
    {
        CloseHelper.quietCloseAll(publication, replies);
    }

    private Frame await(final java.util.function.Predicate<Frame> condition)
    {
        for (int cycle = 0; cycle < MAX_CYCLES; cycle++)
        {
            harness.doWork();
            pollReplies();
            final Frame frame = take(condition);
            if (null != frame)
            {
                return frame;
            }
        }
        return null;
    }

    private Frame take(final java.util.function.Predicate<Frame> condition)
    {
        for (final Iterator<Frame> it = received.iterator(); it.hasNext();)
        {
            final Frame frame = it.next();
            if (condition.test(frame))
            {
                it.remove();
                return frame;
            }
        }
        return null;
    }

    private void offer(final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (publication.offer(buffer, 0, length) < 0)
        {
            harness.doWork();
            assertTrue(System.nanoTime() < deadlineNs, "ingress back-pressured for 5 s");
        }
    }

    private void onFragment(final DirectBuffer frameBuffer, final int offset, final int length, final Header header)
    {
        headerDecoder.wrap(frameBuffer, offset);
        final Frame frame = Frame.decode(frameBuffer, offset, headerDecoder);
        if (null != frame)
        {
            received.addLast(frame);
        }
    }

    /**
     * A frame from the broker, decoded.
     */
    static final class Frame
    {
        int templateId;
        long correlationId = -1;
        long value;
        ErrorCode code;
        String text;
        long consumerId = -1;
        long deliveryId;
        int deliveryCount;
        boolean redelivered;
        long producerId = -1;
        boolean blocked;
        TestMessage message;

        static Frame decode(final DirectBuffer buffer, final int offset, final MessageHeaderDecoder header)
        {
            final Frame frame = new Frame();
            frame.templateId = header.templateId();
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            switch (frame.templateId)
            {
                case ConnectResponseDecoder.TEMPLATE_ID:
                    final ConnectResponseDecoder connectResponse = new ConnectResponseDecoder()
                        .wrap(buffer, bodyOffset, blockLength, version);
                    frame.correlationId = connectResponse.correlationId();
                    frame.value = connectResponse.connectionId();
                    return frame;
                case OkDecoder.TEMPLATE_ID:
                    final OkDecoder ok = new OkDecoder().wrap(buffer, bodyOffset, blockLength, version);
                    frame.correlationId = ok.correlationId();
                    frame.value = ok.value();
                    return frame;
                case ErrorDecoder.TEMPLATE_ID:
                    final ErrorDecoder error = new ErrorDecoder().wrap(buffer, bodyOffset, blockLength, version);
                    frame.correlationId = error.correlationId();
                    frame.code = error.code();
                    frame.text = error.message();
                    return frame;
                case DeliverDecoder.TEMPLATE_ID:
                    final DeliverDecoder deliver = new DeliverDecoder().wrap(buffer, bodyOffset, blockLength, version);
                    frame.consumerId = deliver.consumerId();
                    frame.deliveryId = deliver.deliveryId();
                    frame.deliveryCount = deliver.deliveryCount();
                    frame.redelivered = deliver.redelivered() == BooleanType.TRUE;
                    final int messageLength = deliver.messageLength();
                    frame.message = TestMessage.decode(
                        buffer, deliver.limit() + DeliverDecoder.messageHeaderLength(), messageLength);
                    return frame;
                case NoMessageDecoder.TEMPLATE_ID:
                    final NoMessageDecoder noMessage = new NoMessageDecoder()
                        .wrap(buffer, bodyOffset, blockLength, version);
                    frame.correlationId = noMessage.correlationId();
                    frame.consumerId = noMessage.consumerId();
                    return frame;
                case ProducerCreditDecoder.TEMPLATE_ID:
                    final ProducerCreditDecoder credit = new ProducerCreditDecoder()
                        .wrap(buffer, bodyOffset, blockLength, version);
                    frame.producerId = credit.producerId();
                    frame.blocked = credit.blocked() == BooleanType.TRUE;
                    return frame;
                default:
                    return null;
            }
        }

        String text()
        {
            return null == message ? null : message.text();
        }

        public String toString()
        {
            return "Frame{template=" + templateId + ", correlationId=" + correlationId + ", code=" + code +
                ", text=" + text + ", consumerId=" + consumerId + ", deliveryId=" + deliveryId + "}";
        }
    }
}
