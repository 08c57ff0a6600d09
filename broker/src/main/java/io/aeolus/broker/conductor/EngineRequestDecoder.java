package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.ConsumerRequest;
import io.aeolus.broker.engine.EngineInputs;
import io.aeolus.transport.codecs.AckDecoder;
import io.aeolus.transport.codecs.AckType;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.CloseConsumerDecoder;
import io.aeolus.transport.codecs.CloseProducerDecoder;
import io.aeolus.transport.codecs.CloseSessionDecoder;
import io.aeolus.transport.codecs.CommitDecoder;
import io.aeolus.transport.codecs.ConnectionFlowDecoder;
import io.aeolus.transport.codecs.ConsumerCreditDecoder;
import io.aeolus.transport.codecs.ConsumerFlagsDecoder;
import io.aeolus.transport.codecs.CreateConsumerDecoder;
import io.aeolus.transport.codecs.CreateProducerDecoder;
import io.aeolus.transport.codecs.CreateSessionDecoder;
import io.aeolus.transport.codecs.CreateTemporaryDestinationDecoder;
import io.aeolus.transport.codecs.DeleteTemporaryDestinationDecoder;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.PullDecoder;
import io.aeolus.transport.codecs.RecoverDecoder;
import io.aeolus.transport.codecs.RollbackDecoder;
import io.aeolus.transport.codecs.SendDecoder;
import io.aeolus.transport.codecs.SetClientIdDecoder;
import io.aeolus.transport.codecs.UnsubscribeDecoder;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the request frames a connected client sends to the messaging engine (sessions, producers, consumers,
 * sends, acknowledgements, transactions, temporary destinations) and calls the engine's inputs: the one decoding of
 * those frames for every adapter that carries them (the Aeron conductor, the Aeron Cluster service). Every length is
 * checked against the frame before it is believed; a frame failing a check throws {@link IllegalArgumentException},
 * which the adapter answers as a malformed frame. Login, heartbeat, disconnect and XA frames are the adapter's own.
 * The adapter's thread only.
 */
public final class EngineRequestDecoder
{
    /**
     * The longest string field a frame may carry.
     */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    /**
     * Told of each send before the engine sees it (the engine may confirm it at once).
     */
    @FunctionalInterface
    public interface SendListener
    {
        /**
         * @param connectionId  the sending connection.
         * @param correlationId the send's correlation id, 0 for a send not to be confirmed.
         */
        void onSendReceived(long connectionId, long correlationId);
    }

    private final EngineInputs engine;
    private final SendListener sendListener;
    private final SendDecoder send = new SendDecoder();
    private final AckDecoder ack = new AckDecoder();
    private final ConsumerCreditDecoder credit = new ConsumerCreditDecoder();
    private final PullDecoder pull = new PullDecoder();
    private final CreateSessionDecoder createSession = new CreateSessionDecoder();
    private final CloseSessionDecoder closeSession = new CloseSessionDecoder();
    private final CreateProducerDecoder createProducer = new CreateProducerDecoder();
    private final CloseProducerDecoder closeProducer = new CloseProducerDecoder();
    private final CreateConsumerDecoder createConsumer = new CreateConsumerDecoder();
    private final CloseConsumerDecoder closeConsumer = new CloseConsumerDecoder();
    private final RecoverDecoder recover = new RecoverDecoder();
    private final ConnectionFlowDecoder connectionFlow = new ConnectionFlowDecoder();
    private final CommitDecoder commit = new CommitDecoder();
    private final RollbackDecoder rollback = new RollbackDecoder();
    private final UnsubscribeDecoder unsubscribe = new UnsubscribeDecoder();
    private final SetClientIdDecoder setClientId = new SetClientIdDecoder();
    private final CreateTemporaryDestinationDecoder createTemporary = new CreateTemporaryDestinationDecoder();
    private final DeleteTemporaryDestinationDecoder deleteTemporary = new DeleteTemporaryDestinationDecoder();

    /**
     * @param engine       the engine the requests go to.
     * @param sendListener told of each send first.
     */
    public EngineRequestDecoder(final EngineInputs engine, final SendListener sendListener)
    {
        this.engine = engine;
        this.sendListener = sendListener;
    }

    /**
     * Decodes one frame's body and applies it to the engine if its template is one of the engine's requests.
     *
     * @param connectionId the connection the frame came from; the frame must name the same.
     * @param buffer       the frame.
     * @param offset       where its body starts (after the message header).
     * @param blockLength  the header's block length.
     * @param version      the header's schema version.
     * @param templateId   the header's template id.
     * @param end          where the frame ends.
     * @return true if the template was one of the engine's requests and was applied, false if it is not one.
     * @throws IllegalArgumentException if the frame is malformed or names another connection.
     */
    public boolean decode(final long connectionId, final DirectBuffer buffer, final int offset, final int blockLength,
        final int version, final int templateId, final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case SendDecoder.TEMPLATE_ID:
                requireBlock(blockLength, SendDecoder.BLOCK_LENGTH, available);
                send.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, send.connectionId());
                final int messageLength = send.messageLength();
                final int messageOffset = send.limit() + SendDecoder.messageHeaderLength();
                checkEnd((long)messageOffset + messageLength, end);
                sendListener.onSendReceived(connectionId, send.correlationId());
                engine.onSend(connectionId, send.correlationId(), send.sessionId(), send.producerId(), buffer,
                    messageOffset, messageLength);
                return true;
            case AckDecoder.TEMPLATE_ID:
                requireBlock(blockLength, AckDecoder.BLOCK_LENGTH, available);
                ack.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, ack.connectionId());
                final boolean cumulative = ack.ackType() == AckType.CUMULATIVE;
                final long ackCorrelationId = ack.correlationId();
                for (final AckDecoder.EntriesDecoder entry : ack.entries())
                {
                    engine.onAck(connectionId, entry.consumerId(), entry.deliveryId(), cumulative);
                }
                checkEnd(ack.limit(), end);
                engine.onAckComplete(connectionId, ackCorrelationId);
                return true;
            case ConsumerCreditDecoder.TEMPLATE_ID:
                requireBlock(blockLength, ConsumerCreditDecoder.BLOCK_LENGTH, available);
                credit.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, credit.connectionId());
                engine.onConsumerCredit(connectionId, credit.consumerId(), credit.credit());
                return true;
            case PullDecoder.TEMPLATE_ID:
                requireBlock(blockLength, PullDecoder.BLOCK_LENGTH, available);
                pull.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, pull.connectionId());
                engine.onPull(connectionId, pull.correlationId(), pull.consumerId(), pull.timeoutMs());
                return true;
            default:
                return onSessionFrame(connectionId, buffer, offset, blockLength, version, templateId, end);
        }
    }

    private boolean onSessionFrame(final long connectionId, final DirectBuffer buffer, final int offset,
        final int blockLength, final int version, final int templateId, final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case CreateSessionDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateSessionDecoder.BLOCK_LENGTH, available);
                createSession.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, createSession.connectionId());
                engine.onCreateSession(connectionId, createSession.correlationId(), createSession.sessionId(),
                    createSession.ackMode());
                return true;
            case CloseSessionDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CloseSessionDecoder.BLOCK_LENGTH, available);
                closeSession.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, closeSession.connectionId());
                engine.onCloseSession(connectionId, closeSession.correlationId(), closeSession.sessionId());
                return true;
            case CreateProducerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateProducerDecoder.BLOCK_LENGTH, available);
                createProducer.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, createProducer.connectionId());
                final long producerCorrelationId = createProducer.correlationId();
                final long producerSessionId = createProducer.sessionId();
                final long producerId = createProducer.producerId();
                final DestinationType producerType = createProducer.destinationType();
                string(createProducer.limit(), CreateProducerDecoder.destinationHeaderLength(),
                    createProducer.destinationLength(), end);
                engine.onCreateProducer(connectionId, producerCorrelationId, producerSessionId, producerId,
                    producerType, createProducer.destination());
                return true;
            case CloseProducerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CloseProducerDecoder.BLOCK_LENGTH, available);
                closeProducer.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, closeProducer.connectionId());
                engine.onCloseProducer(connectionId, closeProducer.correlationId(), closeProducer.producerId());
                return true;
            case CreateConsumerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateConsumerDecoder.BLOCK_LENGTH, available);
                createConsumer.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, createConsumer.connectionId());
                onCreateConsumer(connectionId, end);
                return true;
            case CloseConsumerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CloseConsumerDecoder.BLOCK_LENGTH, available);
                closeConsumer.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, closeConsumer.connectionId());
                engine.onCloseConsumer(connectionId, closeConsumer.correlationId(), closeConsumer.consumerId(),
                    closeConsumer.lastConsumedDeliveryId());
                return true;
            default:
                return onTransactionFrame(connectionId, buffer, offset, blockLength, version, templateId, end);
        }
    }

    private boolean onTransactionFrame(final long connectionId, final DirectBuffer buffer, final int offset,
        final int blockLength, final int version, final int templateId, final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case RecoverDecoder.TEMPLATE_ID:
                requireBlock(blockLength, RecoverDecoder.BLOCK_LENGTH, available);
                recover.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, recover.connectionId());
                final Map<Long, Long> recovered = new TreeMap<>();
                for (final RecoverDecoder.ConsumersDecoder entry : recover.consumers())
                {
                    recovered.put(entry.consumerId(), entry.lastConsumedDeliveryId());
                }
                checkEnd(recover.limit(), end);
                engine.onRecover(connectionId, recover.correlationId(), recover.sessionId(), recovered);
                return true;
            case CommitDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CommitDecoder.BLOCK_LENGTH, available);
                commit.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, commit.connectionId());
                final Map<Long, Long> acks = new TreeMap<>();
                for (final CommitDecoder.AcksDecoder entry : commit.acks())
                {
                    acks.merge(entry.consumerId(), entry.deliveryId(), Math::max);
                }
                checkEnd(commit.limit(), end);
                engine.onCommit(connectionId, commit.correlationId(), commit.sessionId(), acks);
                return true;
            case RollbackDecoder.TEMPLATE_ID:
                requireBlock(blockLength, RollbackDecoder.BLOCK_LENGTH, available);
                rollback.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, rollback.connectionId());
                final Map<Long, Long> rolledBack = new TreeMap<>();
                for (final RollbackDecoder.ConsumersDecoder entry : rollback.consumers())
                {
                    rolledBack.put(entry.consumerId(), entry.lastConsumedDeliveryId());
                }
                checkEnd(rollback.limit(), end);
                engine.onRollback(connectionId, rollback.correlationId(), rollback.sessionId(), rolledBack);
                return true;
            case ConnectionFlowDecoder.TEMPLATE_ID:
                requireBlock(blockLength, ConnectionFlowDecoder.BLOCK_LENGTH, available);
                connectionFlow.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, connectionFlow.connectionId());
                final Map<Long, Long> consumers = new TreeMap<>();
                for (final ConnectionFlowDecoder.ConsumersDecoder entry : connectionFlow.consumers())
                {
                    consumers.put(entry.consumerId(), entry.lastConsumedDeliveryId());
                }
                checkEnd(connectionFlow.limit(), end);
                engine.onConnectionFlow(connectionId, connectionFlow.correlationId(),
                    connectionFlow.started() == BooleanType.TRUE, consumers);
                return true;
            default:
                return onNamedFrame(connectionId, buffer, offset, blockLength, version, templateId, end);
        }
    }

    private boolean onNamedFrame(final long connectionId, final DirectBuffer buffer, final int offset,
        final int blockLength, final int version, final int templateId, final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case UnsubscribeDecoder.TEMPLATE_ID:
                requireBlock(blockLength, UnsubscribeDecoder.BLOCK_LENGTH, available);
                unsubscribe.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, unsubscribe.connectionId());
                final long unsubscribeCorrelationId = unsubscribe.correlationId();
                string(unsubscribe.limit(), UnsubscribeDecoder.subscriptionNameHeaderLength(),
                    unsubscribe.subscriptionNameLength(), end);
                engine.onUnsubscribe(connectionId, unsubscribeCorrelationId, unsubscribe.subscriptionName());
                return true;
            case SetClientIdDecoder.TEMPLATE_ID:
                requireBlock(blockLength, SetClientIdDecoder.BLOCK_LENGTH, available);
                setClientId.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, setClientId.connectionId());
                final long setClientIdCorrelationId = setClientId.correlationId();
                string(setClientId.limit(), SetClientIdDecoder.clientIdHeaderLength(), setClientId.clientIdLength(),
                    end);
                engine.onSetClientId(connectionId, setClientIdCorrelationId, setClientId.clientId());
                return true;
            case CreateTemporaryDestinationDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateTemporaryDestinationDecoder.BLOCK_LENGTH, available);
                createTemporary.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, createTemporary.connectionId());
                final long createCorrelationId = createTemporary.correlationId();
                final DestinationType createType = createTemporary.destinationType();
                string(createTemporary.limit(), CreateTemporaryDestinationDecoder.nameHeaderLength(),
                    createTemporary.nameLength(), end);
                engine.onCreateTemporaryDestination(connectionId, createCorrelationId, createType,
                    createTemporary.name());
                return true;
            case DeleteTemporaryDestinationDecoder.TEMPLATE_ID:
                requireBlock(blockLength, DeleteTemporaryDestinationDecoder.BLOCK_LENGTH, available);
                deleteTemporary.wrap(buffer, offset, blockLength, version);
                checkConnection(connectionId, deleteTemporary.connectionId());
                final long deleteCorrelationId = deleteTemporary.correlationId();
                final DestinationType deleteType = deleteTemporary.destinationType();
                string(deleteTemporary.limit(), DeleteTemporaryDestinationDecoder.nameHeaderLength(),
                    deleteTemporary.nameLength(), end);
                engine.onDeleteTemporaryDestination(connectionId, deleteCorrelationId, deleteType,
                    deleteTemporary.name());
                return true;
            default:
                return false;
        }
    }

    private void onCreateConsumer(final long connectionId, final int end)
    {
        final ConsumerFlagsDecoder flags = createConsumer.flags();
        final long correlationId = createConsumer.correlationId();
        final long sessionId = createConsumer.sessionId();
        final long consumerId = createConsumer.consumerId();
        final DestinationType destinationType = createConsumer.destinationType();
        final int prefetch = createConsumer.prefetch();
        final boolean noLocal = flags.noLocal();
        final boolean durable = flags.durable();
        final boolean shared = flags.shared();
        final boolean browser = flags.browser();
        string(createConsumer.limit(), CreateConsumerDecoder.destinationHeaderLength(),
            createConsumer.destinationLength(), end);
        final String destination = createConsumer.destination();
        string(createConsumer.limit(), CreateConsumerDecoder.selectorHeaderLength(), createConsumer.selectorLength(),
            end);
        final String selector = createConsumer.selector();
        string(createConsumer.limit(), CreateConsumerDecoder.subscriptionNameHeaderLength(),
            createConsumer.subscriptionNameLength(), end);
        final String subscriptionName = createConsumer.subscriptionName();
        engine.onCreateConsumer(connectionId, new ConsumerRequest(correlationId, sessionId, consumerId,
            destinationType, destination, selector, subscriptionName, prefetch, noLocal, durable, shared, browser));
    }

    /**
     * Checks a variable-length string before it is read, so a hostile length never makes the decoder allocate.
     *
     * @param limit        the decoder's limit before the field.
     * @param headerLength the field's length header.
     * @param length       the length the header gives.
     * @param end          where the frame ends.
     * @throws IllegalArgumentException if it runs past the frame or is longer than {@link #MAX_STRING_LENGTH}.
     */
    public static void string(final int limit, final int headerLength, final long length, final int end)
    {
        // A uint32 length above 2 GiB arrives as a negative int: without the first test it would pass the others.
        if (length < 0 || length > MAX_STRING_LENGTH || limit + headerLength + length > end)
        {
            throw new IllegalArgumentException("string field of " + length + " bytes runs past the frame or exceeds " +
                MAX_STRING_LENGTH + " bytes");
        }
    }

    /**
     * @param blockLength the header's block length.
     * @param expected    the template's block length.
     * @param available   the bytes left in the frame from the body's start.
     * @throws IllegalArgumentException if the block is shorter than the template's or longer than the frame.
     */
    public static void requireBlock(final int blockLength, final int expected, final int available)
    {
        if (blockLength < expected || blockLength > available)
        {
            throw new IllegalArgumentException("block length " + blockLength + " invalid (need " + expected +
                ", frame has " + available + ")");
        }
    }

    static void checkEnd(final long limit, final int end)
    {
        if (limit > end)
        {
            throw new IllegalArgumentException("variable-length field runs past the end of the frame");
        }
    }

    static void checkConnection(final long connectionId, final long frameConnectionId)
    {
        if (connectionId != frameConnectionId)
        {
            throw new IllegalArgumentException("connection id " + frameConnectionId + " does not match the session's " +
                connectionId);
        }
    }
}
