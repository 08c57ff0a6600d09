package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.ConsumerRequest;
import io.aeolus.broker.engine.EngineInputs;
import io.aeolus.broker.security.Authenticator;
import io.aeolus.transport.FrameHandler;
import io.aeolus.transport.codecs.AckDecoder;
import io.aeolus.transport.codecs.AckType;
import io.aeolus.transport.codecs.AuthResponseDecoder;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.CloseConsumerDecoder;
import io.aeolus.transport.codecs.CloseProducerDecoder;
import io.aeolus.transport.codecs.CloseSessionDecoder;
import io.aeolus.transport.codecs.CommitDecoder;
import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.ConnectionFlowDecoder;
import io.aeolus.transport.codecs.ConsumerCreditDecoder;
import io.aeolus.transport.codecs.ConsumerFlagsDecoder;
import io.aeolus.transport.codecs.CreateConsumerDecoder;
import io.aeolus.transport.codecs.CreateProducerDecoder;
import io.aeolus.transport.codecs.CreateSessionDecoder;
import io.aeolus.transport.codecs.CreateTemporaryDestinationDecoder;
import io.aeolus.transport.codecs.DeleteTemporaryDestinationDecoder;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.HeartbeatDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.PullDecoder;
import io.aeolus.transport.codecs.RecoverDecoder;
import io.aeolus.transport.codecs.RollbackDecoder;
import io.aeolus.transport.codecs.SendDecoder;
import io.aeolus.transport.codecs.SetClientIdDecoder;
import io.aeolus.transport.codecs.UnsubscribeDecoder;
import io.aeolus.transport.codecs.XaRequestDecoder;
import io.aeolus.transport.crypto.FrameOpener;
import org.agrona.DirectBuffer;

import java.util.TreeMap;
import java.util.Map;

/**
 * Decodes and validates the frames of one ingress subscription and calls the conductor or the messaging engine.
 * <p>
 * Every frame is checked before it is believed: schema id, a known template, a block no shorter than the
 * template's, variable fields within the frame, and the connection id matching the publication it came from.
 * A frame failing any check is rejected and counted; if it came from a known connection, that connection gets an
 * error and is closed. Conductor thread only.
 */
final class BrokerIngressAdapter implements FrameHandler
{
    static final int MAX_STRING_LENGTH = 64 * 1024;

    private final int ingressIndex;
    private final BrokerConductor conductor;
    private final EngineInputs engine;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final AuthResponseDecoder authResponse = new AuthResponseDecoder();
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
    private final XaRequestAdapter xaRequest = new XaRequestAdapter();

    BrokerIngressAdapter(final int ingressIndex, final BrokerConductor conductor, final EngineInputs engine)
    {
        this.ingressIndex = ingressIndex;
        this.conductor = conductor;
        this.engine = engine;
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int sessionId)
    {
        final long sourceKey = BrokerConductor.sourceKey(ingressIndex, sessionId);
        final ClientConnection connection = conductor.connectionBySource(sourceKey);
        final FrameOpener opener = null == connection ? null : connection.opener;
        if (null != opener)
        {
            // Encrypted: only a sealed frame that opens with the connection's key and a new sequence is believed.
            final int innerLength = opener.open(buffer, offset, length);
            if (innerLength < 0)
            {
                conductor.onUnauthenticated(connection, opener.problem());
                return;
            }
            if (FrameOpener.isSealed(opener.buffer(), 0, innerLength) ||
                innerLength >= MessageHeaderDecoder.ENCODED_LENGTH &&
                header.wrap(opener.buffer(), 0).templateId() == ConnectDecoder.TEMPLATE_ID)
            {
                conductor.onMalformed(sourceKey, connection, "sealed frame holds a Sealed or Connect frame");
                return;
            }
            onFrame(sourceKey, connection, opener.buffer(), 0, innerLength, sessionId);
            return;
        }
        onFrame(sourceKey, connection, buffer, offset, length, sessionId);
    }

    private void onFrame(final long sourceKey, final ClientConnection connection, final DirectBuffer buffer,
        final int offset, final int length, final int sessionId)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            conductor.onMalformed(sourceKey, connection, "frame shorter than its header (" + length + " bytes)");
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            conductor.onMalformed(sourceKey, connection, "unknown schema id " + header.schemaId());
            return;
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        try
        {
            if (templateId == ConnectDecoder.TEMPLATE_ID)
            {
                requireBlock(blockLength, ConnectDecoder.BLOCK_LENGTH, length);
                connect.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onConnect(sourceKey, sessionId, connection, connectRequest(offset + length));
                return;
            }
            if (null == connection)
            {
                conductor.onMalformed(sourceKey, null, "frame (template " + templateId + ") before Connect");
                return;
            }
            if (version > MessageHeaderDecoder.SCHEMA_VERSION)
            {
                conductor.onMalformed(sourceKey, connection, "protocol version " + version + " not supported");
                return;
            }
            connection.lastReceivedNs = conductor.nowNs();
            if (connection.state != ClientConnection.State.ACTIVE)
            {
                // Nothing reaches the engine before the client has authenticated.
                onFrameBeforeActive(connection, buffer, bodyOffset, blockLength, version, templateId, offset + length);
                return;
            }
            dispatch(connection, buffer, bodyOffset, blockLength, version, templateId, offset + length);
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            conductor.onMalformed(sourceKey, connection, "template " + templateId + ": " + ex.getMessage());
        }
    }

    public void onChunk(final int sessionId)
    {
        final ClientConnection connection = conductor.connectionBySource(
            BrokerConductor.sourceKey(ingressIndex, sessionId));
        if (null != connection)
        {
            connection.lastReceivedNs = conductor.nowNs();
        }
    }

    public void onMalformed(final int sessionId, final String reason)
    {
        final long sourceKey = BrokerConductor.sourceKey(ingressIndex, sessionId);
        conductor.onMalformed(sourceKey, conductor.connectionBySource(sourceKey), reason);
    }

    private void onFrameBeforeActive(
        final ClientConnection connection,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final int templateId,
        final int end)
    {
        switch (templateId)
        {
            case AuthResponseDecoder.TEMPLATE_ID:
                requireBlock(blockLength, AuthResponseDecoder.BLOCK_LENGTH, end - offset);
                authResponse.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, authResponse.connectionId());
                final long correlationId = authResponse.correlationId();
                final int dataLength = authResponse.dataLength();
                string(authResponse.limit(), AuthResponseDecoder.dataHeaderLength(), dataLength, end);
                if (dataLength < 0)
                {
                    throw new IllegalArgumentException("negative data length");
                }
                byte[] data = null;
                if (dataLength <= Authenticator.MAX_MESSAGE_LENGTH)
                {
                    data = new byte[dataLength];
                    authResponse.getData(data, 0, dataLength);
                }
                conductor.onAuthResponse(connection, correlationId, data);
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                conductor.onClientDisconnect(connection);
                break;
            default:
                if (connection.state == ClientConnection.State.CONNECTING)
                {
                    throw new IllegalStateException("template " + templateId + " before the login completed");
                }
                // A refused connection is closing: what it still sends is ignored.
        }
    }

    private void dispatch(
        final ClientConnection connection,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final int templateId,
        final int end)
    {
        switch (templateId)
        {
            case SendDecoder.TEMPLATE_ID:
                requireBlock(blockLength, SendDecoder.BLOCK_LENGTH, end - offset);
                send.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, send.connectionId());
                onSend(connection, buffer, end);
                break;
            case AckDecoder.TEMPLATE_ID:
                requireBlock(blockLength, AckDecoder.BLOCK_LENGTH, end - offset);
                ack.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, ack.connectionId());
                onAck(connection, end);
                break;
            case ConsumerCreditDecoder.TEMPLATE_ID:
                requireBlock(blockLength, ConsumerCreditDecoder.BLOCK_LENGTH, end - offset);
                credit.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, credit.connectionId());
                engine.onConsumerCredit(connection.connectionId, credit.consumerId(), credit.credit());
                break;
            case PullDecoder.TEMPLATE_ID:
                requireBlock(blockLength, PullDecoder.BLOCK_LENGTH, end - offset);
                pull.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, pull.connectionId());
                engine.onPull(connection.connectionId, pull.correlationId(), pull.consumerId(), pull.timeoutMs());
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                requireBlock(blockLength, HeartbeatDecoder.BLOCK_LENGTH, end - offset);
                break;
            default:
                dispatchControl(connection, buffer, offset, blockLength, version, templateId, end);
        }
    }

    private void dispatchControl(
        final ClientConnection connection,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final int templateId,
        final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case CreateSessionDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateSessionDecoder.BLOCK_LENGTH, available);
                createSession.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, createSession.connectionId());
                engine.onCreateSession(connection.connectionId,
                    createSession.correlationId(), createSession.sessionId(),
                    createSession.ackMode());
                break;
            case CloseSessionDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CloseSessionDecoder.BLOCK_LENGTH, available);
                closeSession.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, closeSession.connectionId());
                engine.onCloseSession(connection.connectionId, closeSession.correlationId(), closeSession.sessionId());
                break;
            case CreateProducerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateProducerDecoder.BLOCK_LENGTH, available);
                createProducer.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, createProducer.connectionId());
                engine.onCreateProducer(connection.connectionId,
                    createProducer.correlationId(), createProducer.sessionId(),
                    createProducer.producerId(), createProducer.destinationType(), string(createProducer.limit(),
                    CreateProducerDecoder.destinationHeaderLength(), createProducer.destinationLength(), end) ?
                    createProducer.destination() : null);
                break;
            case CloseProducerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CloseProducerDecoder.BLOCK_LENGTH, available);
                closeProducer.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, closeProducer.connectionId());
                engine.onCloseProducer(connection.connectionId,
                    closeProducer.correlationId(), closeProducer.producerId());
                break;
            case CreateConsumerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateConsumerDecoder.BLOCK_LENGTH, available);
                createConsumer.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, createConsumer.connectionId());
                onCreateConsumer(connection, end);
                break;
            case CloseConsumerDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CloseConsumerDecoder.BLOCK_LENGTH, available);
                closeConsumer.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, closeConsumer.connectionId());
                engine.onCloseConsumer(connection.connectionId,
                    closeConsumer.correlationId(), closeConsumer.consumerId(),
                    closeConsumer.lastConsumedDeliveryId());
                break;
            default:
                dispatchTransactionsAndMore(connection, buffer, offset, blockLength, version, templateId, end);
        }
    }

    private void dispatchTransactionsAndMore(
        final ClientConnection connection,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final int templateId,
        final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case RecoverDecoder.TEMPLATE_ID:
                requireBlock(blockLength, RecoverDecoder.BLOCK_LENGTH, available);
                recover.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, recover.connectionId());
                final Map<Long, Long> recovered = new TreeMap<>();
                for (final RecoverDecoder.ConsumersDecoder entry : recover.consumers())
                {
                    recovered.put(entry.consumerId(), entry.lastConsumedDeliveryId());
                }
                checkEnd(recover.limit(), end);
                engine.onRecover(connection.connectionId, recover.correlationId(), recover.sessionId(), recovered);
                break;
            case CommitDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CommitDecoder.BLOCK_LENGTH, available);
                commit.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, commit.connectionId());
                final Map<Long, Long> acks = new TreeMap<>();
                for (final CommitDecoder.AcksDecoder entry : commit.acks())
                {
                    acks.merge(entry.consumerId(), entry.deliveryId(), Math::max);
                }
                checkEnd(commit.limit(), end);
                engine.onCommit(connection.connectionId, commit.correlationId(), commit.sessionId(), acks);
                break;
            case RollbackDecoder.TEMPLATE_ID:
                requireBlock(blockLength, RollbackDecoder.BLOCK_LENGTH, available);
                rollback.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, rollback.connectionId());
                final Map<Long, Long> rolledBack = new TreeMap<>();
                for (final RollbackDecoder.ConsumersDecoder entry : rollback.consumers())
                {
                    rolledBack.put(entry.consumerId(), entry.lastConsumedDeliveryId());
                }
                checkEnd(rollback.limit(), end);
                engine.onRollback(connection.connectionId, rollback.correlationId(), rollback.sessionId(), rolledBack);
                break;
            default:
                dispatchRest(connection, buffer, offset, blockLength, version, templateId, end);
        }
    }

    private void dispatchRest(
        final ClientConnection connection,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final int templateId,
        final int end)
    {
        final int available = end - offset;
        switch (templateId)
        {
            case UnsubscribeDecoder.TEMPLATE_ID:
                requireBlock(blockLength, UnsubscribeDecoder.BLOCK_LENGTH, available);
                unsubscribe.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, unsubscribe.connectionId());
                final long unsubscribeCorrelationId = unsubscribe.correlationId();
                string(unsubscribe.limit(), UnsubscribeDecoder.subscriptionNameHeaderLength(),
                    unsubscribe.subscriptionNameLength(), end);
                engine.onUnsubscribe(connection.connectionId, unsubscribeCorrelationId, unsubscribe.subscriptionName());
                break;
            case SetClientIdDecoder.TEMPLATE_ID:
                requireBlock(blockLength, SetClientIdDecoder.BLOCK_LENGTH, available);
                setClientId.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, setClientId.connectionId());
                final long setClientIdCorrelationId = setClientId.correlationId();
                string(setClientId.limit(), SetClientIdDecoder.clientIdHeaderLength(), setClientId.clientIdLength(),
                    end);
                final String clientId = setClientId.clientId();
                engine.onSetClientId(connection.connectionId, setClientIdCorrelationId, clientId);
                break;
            case CreateTemporaryDestinationDecoder.TEMPLATE_ID:
                requireBlock(blockLength, CreateTemporaryDestinationDecoder.BLOCK_LENGTH, available);
                createTemporary.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, createTemporary.connectionId());
                string(createTemporary.limit(), CreateTemporaryDestinationDecoder.nameHeaderLength(),
                    createTemporary.nameLength(), end);
                engine.onCreateTemporaryDestination(connection.connectionId, createTemporary.correlationId(),
                    createTemporary.destinationType(), createTemporary.name());
                break;
            case DeleteTemporaryDestinationDecoder.TEMPLATE_ID:
                requireBlock(blockLength, DeleteTemporaryDestinationDecoder.BLOCK_LENGTH, available);
                deleteTemporary.wrap(buffer, offset, blockLength, version);
                checkConnection(connection, deleteTemporary.connectionId());
                string(deleteTemporary.limit(), DeleteTemporaryDestinationDecoder.nameHeaderLength(),
                    deleteTemporary.nameLength(), end);
                engine.onDeleteTemporaryDestination(connection.connectionId, deleteTemporary.correlationId(),
                    deleteTemporary.destinationType(), deleteTemporary.name());
                break;
            case ConnectionFlowDecoder.TEMPLATE_ID:
                requireBlock(blockLength, ConnectionFlowDecoder.BLOCK_LENGTH, available);
                onConnectionFlow(connection, buffer, offset, blockLength, version, end);
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                conductor.onClientDisconnect(connection);
                break;
            case XaRequestDecoder.TEMPLATE_ID:
                requireBlock(blockLength, XaRequestDecoder.BLOCK_LENGTH, available);
                xaRequest.onRequest(connection, engine.xa(), buffer, offset, blockLength, version, end);
                break;
            default:
                throw new IllegalArgumentException("unknown template id " + templateId);
        }
    }

    private void onConnectionFlow(final ClientConnection connection, final DirectBuffer buffer, final int offset,
        final int blockLength, final int version, final int end)
    {
        connectionFlow.wrap(buffer, offset, blockLength, version);
        checkConnection(connection, connectionFlow.connectionId());
        final Map<Long, Long> consumers = new TreeMap<>();
        for (final ConnectionFlowDecoder.ConsumersDecoder entry : connectionFlow.consumers())
        {
            consumers.put(entry.consumerId(), entry.lastConsumedDeliveryId());
        }
        checkEnd(connectionFlow.limit(), end);
        engine.onConnectionFlow(connection.connectionId, connectionFlow.correlationId(),
            connectionFlow.started() == BooleanType.TRUE, consumers);
    }

    private void onSend(final ClientConnection connection, final DirectBuffer buffer, final int end)
    {
        final int messageLength = send.messageLength();
        final int messageOffset = send.limit() + SendDecoder.messageHeaderLength();
        checkEnd((long)messageOffset + messageLength, end);
        conductor.egress().onSendReceived(connection, send.correlationId());
        engine.onSend(connection.connectionId, send.correlationId(), send.sessionId(), send.producerId(), buffer,
            messageOffset, messageLength);
    }

    private void onAck(final ClientConnection connection, final int end)
    {
        final boolean cumulative = ack.ackType() == AckType.CUMULATIVE;
        final long correlationId = ack.correlationId();
        for (final AckDecoder.EntriesDecoder entry : ack.entries())
        {
            engine.onAck(connection.connectionId, entry.consumerId(), entry.deliveryId(), cumulative);
        }
        checkEnd(ack.limit(), end);
        engine.onAckComplete(connection.connectionId, correlationId);
    }

    private void onCreateConsumer(final ClientConnection connection, final int end)
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
        engine.onCreateConsumer(connection.connectionId, new ConsumerRequest(correlationId, sessionId, consumerId,
            destinationType, destination, selector, subscriptionName, prefetch, noLocal, durable, shared, browser));
    }

    private ConnectRequest connectRequest(final int end)
    {
        final long correlationId = connect.correlationId();
        final int protocolVersion = connect.protocolVersion();
        final int replyStreamId = connect.replyStreamId();
        string(connect.limit(), ConnectDecoder.clientIdHeaderLength(), connect.clientIdLength(), end);
        final String clientId = connect.clientId();
        string(connect.limit(), ConnectDecoder.userHeaderLength(), connect.userLength(), end);
        final String user = connect.user();
        string(connect.limit(), ConnectDecoder.credentialsHeaderLength(), connect.credentialsLength(), end);
        final byte[] credentials = credentials(connect);
        string(connect.limit(), ConnectDecoder.replyChannelHeaderLength(), connect.replyChannelLength(), end);
        final String replyChannel = connect.replyChannel();
        return new ConnectRequest(
            correlationId, protocolVersion, replyStreamId, clientId, user, credentials, replyChannel);
    }

    /**
     * Checks a variable-length string before it is read, so a hostile length never makes the decoder allocate.
     */
    static boolean string(final int limit, final int headerLength, final long length, final int end)
    {
        // A uint32 length above 2 GiB arrives as a negative int: without the first test it would pass the others.
        if (length < 0 || length > MAX_STRING_LENGTH || limit + headerLength + length > end)
        {
            throw new IllegalArgumentException("string field of " + length + " bytes runs past the frame or exceeds " +
                MAX_STRING_LENGTH + " bytes");
        }
        return true;
    }

    /**
     * Reads the Connect's credentials (already checked to lie within the frame), or skips them and returns null
     * when they are longer than any real login needs.
     */
    static byte[] credentials(final ConnectDecoder connect)
    {
        final int length = connect.credentialsLength();
        if (length < 0)
        {
            throw new IllegalArgumentException("negative credentials length");
        }
        if (length > Authenticator.MAX_MESSAGE_LENGTH)
        {
            connect.skipCredentials();
            return null;
        }
        final byte[] credentials = new byte[length];
        connect.getCredentials(credentials, 0, length);
        return credentials;
    }

    private static void checkEnd(final long limit, final int end)
    {
        if (limit > end)
        {
            throw new IllegalArgumentException("variable-length field runs past the end of the frame");
        }
    }

    private static void requireBlock(final int blockLength, final int expected, final int available)
    {
        if (blockLength < expected || blockLength > available)
        {
            throw new IllegalArgumentException("block length " + blockLength + " invalid (need " + expected +
                ", frame has " + available + ")");
        }
    }

    private static void checkConnection(final ClientConnection connection, final long connectionId)
    {
        if (connection.connectionId != connectionId)
        {
            throw new IllegalArgumentException("connection id " + connectionId + " does not match the session's " +
                connection.connectionId);
        }
    }
}
