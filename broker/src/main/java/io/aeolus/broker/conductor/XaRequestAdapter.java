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
 * Used by the single broker's ingress and by a broker group's service. The owning thread only.
 */
public final class XaRequestAdapter
{
    /**
     * Where an answer the adapter gives itself (an invalid Xid) goes.
     */
    @FunctionalInterface
    public interface Errors
    {
        /**
         * @param correlationId the request's correlation id.
         * @param error         the error.
         * @param message       the client's message.
         */
        void onError(long correlationId, EngineError error, String message);
    }

    private static final int TMONEPHASE = 0x40000000;

    private final XaRequestDecoder decoder = new XaRequestDecoder();

    void onRequest(final ClientConnection connection, final XaInputs xa, final DirectBuffer buffer, final int offset,
        final int blockLength, final int version, final int end)
    {
        onRequest(connection.connectionId, (correlationId, error, message) ->
            connection.sendError(correlationId, AeronClientEgress.errorCode(error), message),
            xa, buffer, offset, blockLength, version, end);
    }

    /**
     * @param connectionId the engine connection the frame came on.
     * @param errors       where an invalid Xid is answered.
     * @param xa           the engine's XA inputs.
     * @param buffer       the frame.
     * @param offset       where the XaRequest's block starts.
     * @param blockLength  the block's length from the header.
     * @param version      the schema version from the header.
     * @param end          where the frame ends.
     * @throws IllegalArgumentException if the frame is malformed or names another connection.
     */
    public void onRequest(final long connectionId, final Errors errors, final XaInputs xa, final DirectBuffer buffer,
        final int offset, final int blockLength, final int version, final int end)
    {
        decoder.wrap(buffer, offset, blockLength, version);
        if (decoder.connectionId() != connectionId)
        {
            throw new IllegalArgumentException("connection id " + decoder.connectionId() +
                " does not match the session's " + connectionId);
        }
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
            errors.onError(correlationId, EngineError.XA_INVAL, "invalid Xid: " + ex.getMessage());
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
            default -> errors.onError(correlationId, EngineError.XA_INVAL, "unknown XA operation " + operation);
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
