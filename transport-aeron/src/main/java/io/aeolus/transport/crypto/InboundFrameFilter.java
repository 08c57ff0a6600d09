package io.aeolus.transport.crypto;

import io.aeolus.transport.codecs.AuthSuccessDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The client's gate for frames from the broker: clear frames pass while the connection is clear; once it is encrypted,
 * only sealed frames that open pass, as their inner frame, and, while the handshake is still running, the clear frames
 * the broker sends before it starts sealing ({@code AuthSuccess}, and {@code Error} or {@code Disconnect} when it
 * refuses). Everything else is dropped and counted. The opener is set by the connecting thread, frames pass on the
 * receive thread.
 */
public final class InboundFrameFilter
{
    /**
     * Receives the frames that pass.
     */
    @FunctionalInterface
    public interface Sink
    {
        /**
         * @param buffer holds the frame; valid only during the call.
         * @param offset of the frame.
         * @param length of the frame.
         */
        void onFrame(DirectBuffer buffer, int offset, int length);
    }

    private final AuthenticationFailures failures;
    private volatile FrameOpener opener;

    /**
     * @param logger where repeated failures are logged, rate-limited.
     */
    public InboundFrameFilter(final System.Logger logger)
    {
        this.failures = new AuthenticationFailures(logger);
    }

    /**
     * From now on, accepts only sealed frames (and the handshake's last clear frames). Set before the client sends
     * the answer that makes the broker start sealing.
     *
     * @param opener the opener of the broker-to-client direction.
     */
    public void opener(final FrameOpener opener)
    {
        this.opener = opener;
    }

    /**
     * @return true once the connection is encrypted.
     */
    public boolean isEncrypted()
    {
        return null != opener;
    }

    /**
     * @return frames dropped because they failed authentication; any thread.
     */
    public long unauthenticatedFrames()
    {
        return failures.count();
    }

    /**
     * @param buffer       holds the frame.
     * @param offset       of the frame.
     * @param length       of the frame.
     * @param handshaking  true while the connection's handshake is running.
     * @param connectionId for the log.
     * @param source       the broker, for the log.
     * @param sink         receives the frame, or its inner frame, if it passes.
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean handshaking,
        final long connectionId, final String source, final Sink sink)
    {
        final FrameOpener frameOpener = opener;
        if (null == frameOpener)
        {
            sink.onFrame(buffer, offset, length);
        }
        else if (FrameOpener.isSealed(buffer, offset, length))
        {
            final int innerLength = frameOpener.open(buffer, offset, length);
            if (innerLength < 0)
            {
                failures.onFailure(connectionId, source, frameOpener.problem(), System.nanoTime());
                return;
            }
            sink.onFrame(frameOpener.buffer(), 0, innerLength);
        }
        else if (handshaking && isHandshakeOutcome(buffer, offset, length))
        {
            sink.onFrame(buffer, offset, length);
        }
        else
        {
            failures.onFailure(connectionId, source, "clear frame on an encrypted connection", System.nanoTime());
        }
    }

    private static boolean isHandshakeOutcome(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return templateId == AuthSuccessDecoder.TEMPLATE_ID || templateId == ErrorDecoder.TEMPLATE_ID ||
            templateId == DisconnectDecoder.TEMPLATE_ID;
    }
}
