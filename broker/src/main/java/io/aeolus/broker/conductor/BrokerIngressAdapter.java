package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineInputs;
import io.aeolus.broker.security.Authenticator;
import io.aeolus.transport.FrameHandler;
import io.aeolus.transport.codecs.AuthResponseDecoder;
import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.HeartbeatDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.XaRequestDecoder;
import io.aeolus.transport.crypto.FrameOpener;
import org.agrona.DirectBuffer;


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
    private final int ingressIndex;
    private final BrokerConductor conductor;
    private final EngineInputs engine;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final AuthResponseDecoder authResponse = new AuthResponseDecoder();
    private final DisconnectDecoder disconnect = new DisconnectDecoder();
    private final XaRequestAdapter xaRequest = new XaRequestAdapter();
    private final EngineRequestDecoder requests;

    BrokerIngressAdapter(final int ingressIndex, final BrokerConductor conductor, final EngineInputs engine)
    {
        this.ingressIndex = ingressIndex;
        this.conductor = conductor;
        this.engine = engine;
        this.requests = new EngineRequestDecoder(engine,
            (connectionId, correlationId) -> conductor.egress().onSendReceived(connectionId, correlationId));
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
                conductor.onClientDisconnect(connection, 0);
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
            case HeartbeatDecoder.TEMPLATE_ID:
                requireBlock(blockLength, HeartbeatDecoder.BLOCK_LENGTH, end - offset);
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                // Every frame before it on this connection has been applied (one thread, in order): the close
                // handshake's answer, if asked for, says so.
                requireBlock(blockLength, DisconnectDecoder.BLOCK_LENGTH, end - offset);
                disconnect.wrap(buffer, offset, blockLength, version);
                conductor.onClientDisconnect(connection, disconnect.correlationId());
                break;
            case XaRequestDecoder.TEMPLATE_ID:
                requireBlock(blockLength, XaRequestDecoder.BLOCK_LENGTH, end - offset);
                xaRequest.onRequest(connection, engine.xa(), buffer, offset, blockLength, version, end);
                break;
            default:
                if (!requests.decode(connection.connectionId, buffer, offset, blockLength, version, templateId, end))
                {
                    throw new IllegalArgumentException("unknown template id " + templateId);
                }
        }
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
     *
     * @return true, so that a read can follow in one expression.
     */
    static boolean string(final int limit, final int headerLength, final long length, final int end)
    {
        EngineRequestDecoder.string(limit, headerLength, length, end);
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

    private static void requireBlock(final int blockLength, final int expected, final int available)
    {
        EngineRequestDecoder.requireBlock(blockLength, expected, available);
    }

    private static void checkConnection(final ClientConnection connection, final long connectionId)
    {
        EngineRequestDecoder.checkConnection(connection.connectionId, connectionId);
    }
}
