package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.security.Handshake;
import io.aeolus.broker.security.Principal;
import io.aeolus.transport.EgressProgress;
import io.aeolus.transport.FrameSender;
import io.aeolus.transport.codecs.AuthChallengeEncoder;
import io.aeolus.transport.codecs.AuthSuccessEncoder;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.ConnectResponseEncoder;
import io.aeolus.transport.codecs.DeliverEncoder;
import io.aeolus.transport.codecs.DisconnectEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ErrorEncoder;
import io.aeolus.transport.codecs.HeartbeatEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.NoMessageEncoder;
import io.aeolus.transport.codecs.OkEncoder;
import io.aeolus.transport.codecs.ProducerCreditEncoder;
import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.ExclusivePublication;
import org.agrona.concurrent.status.CountersReader;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One client connection as the Aeron adapter sees it: its egress publication and the proxy that encodes every frame
 * the broker sends it, its login and liveness. What it does with sessions, producers and consumers is the engine's
 * business, under the same connection id. Conductor thread only.
 */
final class ClientConnection
{
    enum State
    {
        CONNECTING, ACTIVE, REJECTING, CLOSED
    }

    /** {@link #takeSendReceivedNs} of a reply that answers no measured send. */
    static final long NO_SEND = Long.MIN_VALUE;

    final long connectionId;
    final long sourceKey;
    final int aeronSessionId;
    final String clientId;
    final String user;
    /** Where the client connected from: {@code aeron:ipc} or the UDP address and port. */
    String source;
    /** Who the client is, once authenticated (state ACTIVE); what the engine authorizes against. */
    Principal principal;
    /** The login in progress while CONNECTING. */
    Handshake handshake;
    /** The Connect's correlation id, which every frame of the login carries. */
    long authCorrelationId;
    State state = State.CONNECTING;
    long lastReceivedNs;
    long deadlineNs;
    /** Opens the client's frames once the connection is encrypted; null while it is clear. */
    FrameOpener opener;

    private final ExclusivePublication publication;
    private final FrameSender sender;
    private final boolean network;
    private long egressPositionSeen;
    private final ExpandableArrayBuffer buffer;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final DeliverEncoder deliverEncoder = new DeliverEncoder();
    private final OkEncoder okEncoder = new OkEncoder();
    private final ProducerCreditEncoder producerCreditEncoder = new ProducerCreditEncoder();
    private final long maxPendingBytes;
    /** When each send awaiting its confirmation arrived, by correlation id: only while latencies are measured. */
    private Long2LongHashMap sendReceivedNs;

    ClientConnection(
        final long connectionId,
        final long sourceKey,
        final int aeronSessionId,
        final String clientId,
        final String user,
        final ExclusivePublication publication,
        final ExpandableArrayBuffer buffer,
        final long maxPendingBytes)
    {
        this.connectionId = connectionId;
        this.sourceKey = sourceKey;
        this.aeronSessionId = aeronSessionId;
        this.clientId = clientId;
        this.user = user;
        this.publication = publication;
        this.network = publication.channel().startsWith("aeron:udp");
        this.sender = new FrameSender(publication).connectionId(connectionId);
        this.buffer = buffer;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Notes when a send that wants a confirmation arrived; allocates only as the map grows to its working size.
     */
    void sendReceived(final long correlationId, final long nowNs)
    {
        if (null == sendReceivedNs)
        {
            sendReceivedNs = new Long2LongHashMap(NO_SEND);
        }
        sendReceivedNs.put(correlationId, nowNs);
    }

    /**
     * @return when the send with this correlation id arrived, {@link #NO_SEND} if it is not one being measured.
     */
    long takeSendReceivedNs(final long correlationId)
    {
        return null == sendReceivedNs ? NO_SEND : sendReceivedNs.remove(correlationId);
    }

    boolean isWritable()
    {
        return state == State.ACTIVE && sender.pendingBytes() < maxPendingBytes;
    }

    void deliver(final long consumerId, final long deliveryId, final int deliveryCount, final BrokerMessage message)
    {
        final int messageLength = message.encodedLength();
        final int frameLength = MessageHeaderEncoder.ENCODED_LENGTH + DeliverEncoder.BLOCK_LENGTH +
            DeliverEncoder.messageHeaderLength() + messageLength;
        final boolean large = frameLength > sender.maxMessageLength();
        // A large frame is encoded into its own array, which the sender keeps without another copy.
        final MutableDirectBuffer target = large ? new UnsafeBuffer(new byte[frameLength]) : buffer;
        final DeliverEncoder encoder = deliverEncoder;
        encoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .connectionId(connectionId)
            .consumerId(consumerId)
            .deliveryId(deliveryId)
            .deliveryCount(deliveryCount)
            .redelivered(deliveryCount > 1 ? BooleanType.TRUE : BooleanType.FALSE)
            .putMessage(message.encodedBytes(), 0, messageLength);
        if (large)
        {
            sendOwned(target.byteArray(), frameLength);
        }
        else
        {
            send(encoder.encodedLength());
        }
    }

    void noMessage(final long consumerId, final long correlationId)
    {
        final NoMessageEncoder encoder = new NoMessageEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .consumerId(consumerId);
        send(encoder.encodedLength());
    }

    void sendConnectResponse(
        final long correlationId,
        final long heartbeatIntervalMs,
        final long livenessTimeoutMs,
        final String brokerId,
        final String brokerVersion)
    {
        final ConnectResponseEncoder encoder = new ConnectResponseEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .connectionId(connectionId)
            .protocolVersion(ConnectResponseEncoder.SCHEMA_VERSION)
            .heartbeatIntervalMs((int)heartbeatIntervalMs)
            .livenessTimeoutMs((int)livenessTimeoutMs)
            .maxMessageLength(sender.maxMessageLength())
            .brokerId(brokerId)
            .brokerVersion(brokerVersion);
        send(encoder.encodedLength());
    }

    void sendAuthChallenge(final long correlationId, final byte[] challenge)
    {
        final AuthChallengeEncoder encoder = new AuthChallengeEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .putData(challenge, 0, challenge.length);
        send(encoder.encodedLength());
    }

    void sendAuthSuccess(final long correlationId, final byte[] serverFinal)
    {
        final AuthSuccessEncoder encoder = new AuthSuccessEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .putData(serverFinal, 0, serverFinal.length);
        send(encoder.encodedLength());
    }

    /**
     * From now on, seals every frame to the client and accepts only sealed frames from it. Called right after
     * {@code AuthSuccess}, the last clear frame.
     */
    void encrypt(final TransportKeys keys)
    {
        sender.sealer(keys.brokerSealer(connectionId));
        opener = keys.brokerOpener(connectionId);
    }

    void sendOk(final long correlationId, final long value)
    {
        if (correlationId == 0)
        {
            return;
        }
        final OkEncoder encoder = okEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .value(value);
        send(encoder.encodedLength());
    }

    /**
     * Answers an XA recover: the branches, packed as the schema's {@code XaRecovered} says.
     */
    void sendXaRecovered(final long correlationId, final java.util.List<io.aeolus.broker.engine.BranchId> branches)
    {
        final org.agrona.ExpandableArrayBuffer xids = new org.agrona.ExpandableArrayBuffer(64);
        int length = 0;
        for (final io.aeolus.broker.engine.BranchId branch : branches)
        {
            final byte[] gtrid = branch.gtrid();
            final byte[] bqual = branch.bqual();
            xids.putInt(length, branch.formatId(), java.nio.ByteOrder.LITTLE_ENDIAN);
            xids.putByte(length + 4, (byte)gtrid.length);
            xids.putBytes(length + 5, gtrid);
            xids.putByte(length + 5 + gtrid.length, (byte)bqual.length);
            xids.putBytes(length + 6 + gtrid.length, bqual);
            length += 6 + gtrid.length + bqual.length;
        }
        final io.aeolus.transport.codecs.XaRecoveredEncoder encoder =
            new io.aeolus.transport.codecs.XaRecoveredEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .count(branches.size())
            .putXids(xids, 0, length);
        send(encoder.encodedLength());
    }

    void sendProducerCredit(final long producerId, final boolean blocked)
    {
        final ProducerCreditEncoder encoder = producerCreditEncoder;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .producerId(producerId)
            .blocked(blocked ? BooleanType.TRUE : BooleanType.FALSE);
        send(encoder.encodedLength());
    }

    void sendError(final long correlationId, final ErrorCode code, final String message)
    {
        final ErrorEncoder encoder = new ErrorEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .code(code)
            .message(message);
        send(encoder.encodedLength());
    }

    void sendDisconnect(final ErrorCode code, final String reason)
    {
        final DisconnectEncoder encoder = new DisconnectEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .connectionId(connectionId)
            .correlationId(0)
            .code(code)
            .reason(reason);
        send(encoder.encodedLength());
    }

    void sendHeartbeat()
    {
        new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).connectionId(connectionId);
        send(HeartbeatEncoder.BLOCK_LENGTH);
    }

    int flush()
    {
        if (!sender.hasPending())
        {
            return 0;
        }
        try
        {
            return sender.flush();
        }
        catch (final IllegalStateException ex)
        {
            state = State.CLOSED;
            return 1;
        }
    }

    /**
     * @return the position just past the last frame offered to this client's egress publication.
     */
    long egressPosition()
    {
        return publication.position();
    }

    /**
     * @return true if this client's egress goes out over UDP (its media driver must send it), not over IPC.
     */
    boolean isNetwork()
    {
        return network;
    }

    /**
     * @return true if frames were offered to this client's egress publication since the last call (read on the
     *         conductor thread after each duty cycle: a UDP client's frames wait for the media driver to send them).
     */
    boolean egressAdvanced()
    {
        final long position = publication.position();
        if (position != egressPositionSeen)
        {
            egressPositionSeen = position;
            return true;
        }
        return false;
    }

    /**
     * @param counters the driver's counters.
     * @return how far the driver has carried this client's egress ({@link EgressProgress}).
     */
    long egressCarriedPosition(final CountersReader counters)
    {
        return EgressProgress.carriedPosition(counters, publication);
    }

    boolean hasPendingEgress()
    {
        return sender.hasPending();
    }

    boolean isPublicationConnected()
    {
        return publication.isConnected();
    }

    long lastOfferResult()
    {
        return sender.lastResult();
    }

    void closeEgress()
    {
        state = State.CLOSED;
        CloseHelper.quietClose(publication);
    }

    private void sendOwned(final byte[] frame, final int length)
    {
        if (state == State.CLOSED)
        {
            return;
        }
        try
        {
            sender.sendOwned(frame, length);
        }
        catch (final IllegalStateException ex)
        {
            state = State.CLOSED;
        }
    }

    private void send(final int bodyLength)
    {
        if (state == State.CLOSED)
        {
            return;
        }
        try
        {
            sender.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        }
        catch (final IllegalStateException ex)
        {
            state = State.CLOSED;
        }
    }
}
