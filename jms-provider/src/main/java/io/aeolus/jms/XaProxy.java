package io.aeolus.jms;

import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.Response;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.XaOperation;
import io.aeolus.transport.codecs.XaRequestEncoder;
import org.agrona.ExpandableArrayBuffer;

import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes the XA requests of a connection and turns the broker's answers into XA return values and
 * {@link XAException}s with the XA specification's codes: a broker that does not answer (gone, closed, too slow) is
 * {@code XAER_RMFAIL}, so a transaction manager retries or recovers later. Thread-safe.
 */
final class XaProxy
{
    private static final ThreadLocal<Encoders> ENCODERS = ThreadLocal.withInitial(Encoders::new);

    private final ClientEndpoint endpoint;

    XaProxy(final ClientEndpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    /**
     * Sends one XA request and waits for its answer.
     *
     * @return the Ok's value (prepare: XA_OK or XA_RDONLY).
     * @throws XAException with the broker's XA code, or XAER_RMFAIL when it does not answer.
     */
    long request(final XaOperation operation, final long sessionId, final Xid xid, final int flags,
        final int timeoutSeconds, final Map<Long, Long> lastConsumedByConsumer) throws XAException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        final XaRequestEncoder encoder = e.request.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(sessionId)
            .operation(operation).flags(flags).formatId(null == xid ? 0 : xid.getFormatId())
            .timeoutSeconds(timeoutSeconds);
        final XaRequestEncoder.ConsumersEncoder consumers = encoder.consumersCount(lastConsumedByConsumer.size());
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            consumers.next().consumerId(entry.getKey()).lastConsumedDeliveryId(entry.getValue());
        }
        final byte[] gtrid = null == xid ? new byte[0] : xid.getGlobalTransactionId();
        final byte[] bqual = null == xid ? new byte[0] : xid.getBranchQualifier();
        encoder.putGtrid(gtrid, 0, gtrid.length).putBqual(bqual, 0, bqual.length);
        return call(correlationId, e, encoder.encodedLength()).value();
    }

    /**
     * @return the branches the broker holds prepared or heuristically completed.
     * @throws XAException XAER_RMFAIL when the broker does not answer.
     */
    List<Xid> recover() throws XAException
    {
        final Encoders e = ENCODERS.get();
        final long correlationId = endpoint.nextCorrelationId();
        final XaRequestEncoder encoder = e.request.wrapAndApplyHeader(e.buffer, 0, e.header)
            .connectionId(endpoint.connectionId()).correlationId(correlationId).sessionId(0)
            .operation(XaOperation.RECOVER).flags(0).formatId(0).timeoutSeconds(0);
        encoder.consumersCount(0);
        encoder.putGtrid(new byte[0], 0, 0).putBqual(new byte[0], 0, 0);
        final Response response = call(correlationId, e, encoder.encodedLength());
        return unpack(response.payload(), (int)response.value());
    }

    static List<Xid> unpack(final byte[] xids, final int count) throws XAException
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(xids);
        final List<Xid> result = new ArrayList<>(count);
        int offset = 0;
        try
        {
            for (int i = 0; i < count; i++)
            {
                final int formatId = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
                final byte[] gtrid = new byte[buffer.getByte(offset + 4) & 0xFF];
                buffer.getBytes(offset + 5, gtrid);
                final byte[] bqual = new byte[buffer.getByte(offset + 5 + gtrid.length) & 0xFF];
                buffer.getBytes(offset + 6 + gtrid.length, bqual);
                offset += 6 + gtrid.length + bqual.length;
                result.add(new AeolusXid(formatId, gtrid, bqual));
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw xaException(XAException.XAER_RMERR, "the broker's list of branches is malformed", ex);
        }
        return result;
    }

    private Response call(final long correlationId, final Encoders e, final int bodyLength) throws XAException
    {
        try
        {
            return endpoint.request(correlationId, e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        }
        catch (final TransportException ex)
        {
            throw xaException(code(ex.code()), ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw xaException(XAException.XAER_RMFAIL, "the broker cannot be reached: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the XA code for a broker error code: the XA ones as they are, anything about the connection
     * XAER_RMFAIL (the outcome is unknown until the broker is reached again).
     */
    static int code(final ErrorCode code)
    {
        if (null == code)
        {
            return XAException.XAER_RMFAIL;
        }
        switch (code)
        {
            case XA_NOTA: return XAException.XAER_NOTA;
            case XA_PROTO: return XAException.XAER_PROTO;
            case XA_INVAL: return XAException.XAER_INVAL;
            case XA_DUPID: return XAException.XAER_DUPID;
            case XA_RBROLLBACK: return XAException.XA_RBROLLBACK;
            case XA_RBTIMEOUT: return XAException.XA_RBTIMEOUT;
            case XA_HEURCOM: return XAException.XA_HEURCOM;
            case XA_HEURRB: return XAException.XA_HEURRB;
            case XA_RMERR: return XAException.XAER_RMERR;
            case INVALID_ARGUMENT: return XAException.XAER_INVAL;
            case ILLEGAL_STATE: return XAException.XAER_PROTO;
            case SECURITY: return XAException.XAER_RMERR;
            default: return XAException.XAER_RMFAIL;
        }
    }

    static XAException xaException(final int code, final String message, final Throwable cause)
    {
        final XAException ex = new XAException(message);
        ex.errorCode = code;
        if (null != cause)
        {
            ex.initCause(cause);
        }
        return ex;
    }

    /**
     * One thread's encoder and buffer.
     */
    private static final class Encoders
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final XaRequestEncoder request = new XaRequestEncoder();
    }
}
