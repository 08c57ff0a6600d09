package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.BranchId;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.broker.engine.XaInputs;
import io.aeolus.transport.codecs.XaOperation;
import io.aeolus.transport.codecs.XaRequestDecoder;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes an {@code XaRequest} frame, already checked for its block, and calls the engine's XA inputs. An Xid out
 * of the XA specification's bounds is answered {@code XA_INVAL} here, since the engine takes only valid ones.
 * Conductor thread only.
 */
final class XaRequestAdapter
{
    private static final int TMONEPHASE = 0x40000000;

    private final XaRequestDecoder decoder = new XaRequestDecoder();

    void onRequest(final ClientConnection connection, final XaInputs xa, final DirectBuffer buffer, final int offset,
        final int blockLength, final int version, final int end)
    {
        decoder.wrap(buffer, offset, blockLength, version);
        if (decoder.connectionId() != connection.connectionId)
        {
            throw new IllegalArgumentException("connection id " + decoder.connectionId() +
                " does not match the session's " + connection.connectionId);
        }
        final long connectionId = connection.connectionId;
        final long correlationId = decoder.correlationId();
        final long sessionId = decoder.sessionId();
        final XaOperation operation = decoder.operation();
        final int flags = decoder.flags();
        final int formatId = decoder.formatId();
        final int timeoutSeconds = decoder.timeoutSeconds();
        final Map<Long, Long> consumers = new TreeMap<>();
        for (final XaRequestDecoder.ConsumersDecoder entry : decoder.consumers())
        {
            consumers.merge(entry.consumerId(), entry.lastConsumedDeliveryId(), Math::max);
        }
        final byte[] gtrid = bytes(end, XaRequestDecoder.gtridHeaderLength(), decoder.gtridLength());
        decoder.getGtrid(gtrid, 0, gtrid.length);
        final byte[] bqual = bytes(end, XaRequestDecoder.bqualHeaderLength(), decoder.bqualLength());
        decoder.getBqual(bqual, 0, bqual.length);
        if (operation == XaOperation.RECOVER)
        {
            xa.onXaRecover(connectionId, correlationId);
            return;
        }
        final BranchId id;
        try
        {
            id = new BranchId(formatId, gtrid, bqual);
        }
        catch (final IllegalArgumentException ex)
        {
            connection.sendError(correlationId, AeronClientEgress.errorCode(EngineError.XA_INVAL),
                "invalid Xid: " + ex.getMessage());
            return;
        }
        switch (operation)
        {
            case START -> xa.onXaStart(connectionId, correlationId, sessionId, id, flags, timeoutSeconds);
            case END -> xa.onXaEnd(connectionId, correlationId, sessionId, id, flags, consumers);
            case PREPARE -> xa.onXaPrepare(connectionId, correlationId, id);
            case COMMIT -> xa.onXaCommit(connectionId, correlationId, id, 0 != (flags & TMONEPHASE));
            case ROLLBACK -> xa.onXaRollback(connectionId, correlationId, id);
            case FORGET -> xa.onXaForget(connectionId, correlationId, id);
            default -> connection.sendError(correlationId, AeronClientEgress.errorCode(EngineError.XA_INVAL),
                "unknown XA operation " + operation);
        }
    }

    /**
     * Checks a variable-length field before it is read: a hostile length never makes the adapter allocate much.
     */
    private byte[] bytes(final int end, final int headerLength, final int length)
    {
        if (length < 0 || length > 1024 || decoder.limit() + headerLength + length > end)
        {
            throw new IllegalArgumentException("Xid field of " + length + " bytes runs past the frame or is too long");
        }
        return new byte[length];
    }
}
