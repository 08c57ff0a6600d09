package io.aeolus.cluster;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.BranchId;
import io.aeolus.broker.engine.ClientEgress;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.ConnectResponseEncoder;
import io.aeolus.transport.codecs.DeliverEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ErrorEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.NoMessageEncoder;
import io.aeolus.transport.codecs.OkEncoder;
import io.aeolus.transport.codecs.ProducerCreditEncoder;
import io.aeolus.transport.codecs.XaRecoveredEncoder;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * The engine's egress in a broker group: each call encodes the single broker's frame and hands it to the client's
 * {@link ClientStream}, which keeps it until acknowledged and offers it on the cluster session (only the leader's
 * offers reach the client). Egress to a client whose kept frames exceed the backlog bound is paused by the engine
 * ({@link #isWritable}), the same on every member since the bound is measured on replicated state. Service thread
 * only.
 */
final class ClusterEgress implements ClientEgress
{
    private final Map<Long, ClientStream> streams;
    private final long maxEgressBacklog;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OkEncoder ok = new OkEncoder();
    private final ErrorEncoder error = new ErrorEncoder();
    private final DeliverEncoder deliver = new DeliverEncoder();
    private final NoMessageEncoder noMessage = new NoMessageEncoder();
    private final ProducerCreditEncoder producerCredit = new ProducerCreditEncoder();
    private Cluster cluster;

    ClusterEgress(final Map<Long, ClientStream> streams, final long maxEgressBacklog)
    {
        this.streams = streams;
        this.maxEgressBacklog = maxEgressBacklog;
    }

    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    ClientSession session(final long sessionId)
    {
        return null == cluster ? null : cluster.getClientSession(sessionId);
    }

    /**
     * Answers a Connect: the connection id is the cluster session's id.
     */
    void connectResponse(final long sessionId, final long correlationId, final String brokerId,
        final String brokerVersion, final int maxMessageLength)
    {
        final ConnectResponseEncoder encoder = new ConnectResponseEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .connectionId(sessionId)
            .protocolVersion(ConnectResponseEncoder.SCHEMA_VERSION)
            .heartbeatIntervalMs(0)
            .livenessTimeoutMs(0)
            .maxMessageLength(maxMessageLength)
            .brokerId(brokerId)
            .brokerVersion(brokerVersion);
        send(sessionId, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void ok(final long connectionId, final long correlationId, final long value)
    {
        if (0 == correlationId)
        {
            return;
        }
        ok.wrapAndApplyHeader(buffer, 0, header).connectionId(connectionId).correlationId(correlationId).value(value);
        send(connectionId, MessageHeaderEncoder.ENCODED_LENGTH + ok.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void error(final long connectionId, final long correlationId, final EngineError engineError,
        final String message)
    {
        error.wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .code(ErrorCode.valueOf(engineError.name()))
            .message(message);
        send(connectionId, MessageHeaderEncoder.ENCODED_LENGTH + error.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void deliver(final long connectionId, final long consumerId, final long deliveryId,
        final int deliveryCount, final BrokerMessage message)
    {
        final int messageLength = message.encodedLength();
        deliver.wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId)
            .consumerId(consumerId)
            .deliveryId(deliveryId)
            .deliveryCount(deliveryCount)
            .redelivered(deliveryCount > 1 ? BooleanType.TRUE : BooleanType.FALSE)
            .putMessage(message.encoded(), 0, messageLength);
        send(connectionId, MessageHeaderEncoder.ENCODED_LENGTH + deliver.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void noMessage(final long connectionId, final long consumerId, final long correlationId)
    {
        noMessage.wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .consumerId(consumerId);
        send(connectionId, MessageHeaderEncoder.ENCODED_LENGTH + noMessage.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void producerCredit(final long connectionId, final long producerId, final boolean blocked)
    {
        producerCredit.wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId)
            .producerId(producerId)
            .blocked(blocked ? BooleanType.TRUE : BooleanType.FALSE);
        send(connectionId, MessageHeaderEncoder.ENCODED_LENGTH + producerCredit.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void xaRecovered(final long connectionId, final long correlationId, final List<BranchId> branches)
    {
        final ExpandableArrayBuffer xids = new ExpandableArrayBuffer(64);
        int length = 0;
        for (final BranchId branch : branches)
        {
            final byte[] gtrid = branch.gtrid();
            final byte[] bqual = branch.bqual();
            xids.putInt(length, branch.formatId(), ByteOrder.LITTLE_ENDIAN);
            xids.putByte(length + 4, (byte)gtrid.length);
            xids.putBytes(length + 5, gtrid);
            xids.putByte(length + 5 + gtrid.length, (byte)bqual.length);
            xids.putBytes(length + 6 + gtrid.length, bqual);
            length += 6 + gtrid.length + bqual.length;
        }
        final XaRecoveredEncoder encoder = new XaRecoveredEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId)
            .correlationId(correlationId)
            .count(branches.size())
            .putXids(xids, 0, length);
        send(connectionId, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public boolean isWritable(final long connectionId)
    {
        final ClientStream stream = streams.get(connectionId);
        return null != stream && stream.connected && stream.egressBytes < maxEgressBacklog;
    }

    private void send(final long connectionId, final int length)
    {
        final ClientStream stream = streams.get(connectionId);
        if (null != stream)
        {
            stream.send(session(connectionId), buffer, 0, length);
        }
    }
}
