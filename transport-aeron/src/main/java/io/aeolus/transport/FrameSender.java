package io.aeolus.transport;

import io.aeolus.transport.codecs.ChunkEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;

/**
 * Sends frames on one Aeron publication, in order, without ever blocking.
 * <p>
 * A frame that fits in Aeron's maximum message length is offered whole; a larger one is cut into {@code Chunk}
 * frames. Back-pressure is a normal outcome: what could not be offered now is copied and kept, in order, and
 * {@link #flush()} continues it on a later duty cycle. Frames sent later never overtake kept ones.
 * With a {@link FrameSealer} set, every frame is sealed as it is sent (so in sending order), and the sealed frame
 * is what is offered, kept and chunked.
 * Not thread-safe: one owning thread (or callers holding the owner's lock).
 */
public final class FrameSender
{
    private static final int CHUNK_OVERHEAD =
        MessageHeaderEncoder.ENCODED_LENGTH + ChunkEncoder.BLOCK_LENGTH + ChunkEncoder.dataHeaderLength();

    private final Publication publication;
    private final int maxMessageLength;
    private final ArrayDeque<PendingFrame> pending = new ArrayDeque<>();
    private final UnsafeBuffer chunkBuffer;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ChunkEncoder chunkEncoder = new ChunkEncoder();
    private long connectionId;
    private FrameSealer sealer;
    private long nextFrameId;
    private long pendingBytes;
    private long lastResult;

    /**
     * @param publication the publication to send on; owned by the caller.
     */
    public FrameSender(final Publication publication)
    {
        this.publication = publication;
        this.maxMessageLength = publication.maxMessageLength();
        this.chunkBuffer = new UnsafeBuffer(new byte[maxMessageLength]);
    }

    /**
     * @param connectionId stamped on chunk frames.
     * @return this.
     */
    public FrameSender connectionId(final long connectionId)
    {
        this.connectionId = connectionId;
        return this;
    }

    /**
     * From now on, seals every frame before sending it. Frames already kept are sent as they are.
     *
     * @param sealer the sealer of this direction of the connection.
     * @return this.
     */
    public FrameSender sealer(final FrameSealer sealer)
    {
        this.sealer = sealer;
        return this;
    }

    /**
     * @return true once frames are sealed.
     */
    public boolean isSealing()
    {
        return null != sealer;
    }

    /**
     * Sends a frame now if possible, otherwise keeps a copy to continue in {@link #flush()}.
     *
     * @param buffer holds the frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @return true if the whole frame was offered now.
     * @throws IllegalStateException if the publication is closed or its log is exhausted.
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != sealer)
        {
            final int sealedLength = sealer.seal(buffer, offset, length);
            return sendClear(sealer.buffer(), 0, sealedLength);
        }
        return sendClear(buffer, offset, length);
    }

    private boolean sendClear(final DirectBuffer buffer, final int offset, final int length)
    {
        if (pending.isEmpty() && length <= maxMessageLength)
        {
            final long result = publication.offer(buffer, offset, length);
            lastResult = result;
            if (result > 0)
            {
                return true;
            }
            checkFatal(result);
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        pending.addLast(new PendingFrame(copy, nextFrameId++));
        pendingBytes += length;
        flush();
        return pending.isEmpty();
    }

    /**
     * Sends a frame the caller hands over: if it must be kept for later, it is kept without a copy. For large
     * frames, which are always chunked and usually kept.
     *
     * @param frame  the frame's bytes, from index 0; the caller must not touch them afterwards.
     * @param length of the frame.
     * @return true if the whole frame was offered now.
     * @throws IllegalStateException if the publication is closed or its log is exhausted.
     */
    public boolean sendOwned(final byte[] frame, final int length)
    {
        if (length + (null == sealer ? 0 : FrameSealer.OVERHEAD) <= maxMessageLength)
        {
            return send(new UnsafeBuffer(frame), 0, length);
        }
        final byte[] data = null != sealer ? sealer.sealToNewArray(frame, length) :
            length == frame.length ? frame : java.util.Arrays.copyOf(frame, length);
        pending.addLast(new PendingFrame(data, nextFrameId++));
        pendingBytes += data.length;
        flush();
        return pending.isEmpty();
    }

    /**
     * Continues kept frames until Aeron pushes back or none is left.
     *
     * @return the number of Aeron messages offered.
     * @throws IllegalStateException if the publication is closed or its log is exhausted.
     */
    public int flush()
    {
        int workCount = 0;
        PendingFrame frame;
        while (null != (frame = pending.peekFirst()))
        {
            final int length = frame.data.length;
            if (length <= maxMessageLength)
            {
                final long result = publication.offer(new UnsafeBuffer(frame.data), 0, length);
                lastResult = result;
                if (result < 0)
                {
                    checkFatal(result);
                    return workCount;
                }
                workCount++;
            }
            else
            {
                while (frame.position < length)
                {
                    final int chunkLength = offerChunk(frame);
                    if (chunkLength < 0)
                    {
                        return workCount;
                    }
                    frame.position += chunkLength;
                    workCount++;
                }
            }
            pending.pollFirst();
            pendingBytes -= length;
        }
        return workCount;
    }

    /**
     * @return true while some frame is kept for a later {@link #flush()}.
     */
    public boolean hasPending()
    {
        return !pending.isEmpty();
    }

    /**
     * @return bytes kept for a later {@link #flush()}: how far the peer is behind.
     */
    public long pendingBytes()
    {
        return pendingBytes;
    }

    /**
     * @return the last result of {@code Publication.offer}, e.g. {@link Publication#NOT_CONNECTED}.
     */
    public long lastResult()
    {
        return lastResult;
    }

    /**
     * @return the largest frame sent without chunking.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return true if the peer's subscription is connected.
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    private int offerChunk(final PendingFrame frame)
    {
        final int dataLength = Math.min(maxMessageLength - CHUNK_OVERHEAD, frame.data.length - frame.position);
        chunkEncoder.wrapAndApplyHeader(chunkBuffer, 0, headerEncoder)
            .connectionId(connectionId)
            .frameId(frame.frameId)
            .frameLength(frame.data.length)
            .chunkOffset(frame.position)
            .putData(frame.data, frame.position, dataLength);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + chunkEncoder.encodedLength();
        final long result = publication.offer(chunkBuffer, 0, length);
        lastResult = result;
        if (result < 0)
        {
            checkFatal(result);
            return -1;
        }
        return dataLength;
    }

    private static void checkFatal(final long result)
    {
        if (result == Publication.CLOSED)
        {
            throw new IllegalStateException("publication closed");
        }
        if (result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("publication reached its maximum position");
        }
    }

    private static final class PendingFrame
    {
        final byte[] data;
        final long frameId;
        int position;

        PendingFrame(final byte[] data, final long frameId)
        {
            this.data = data;
            this.frameId = frameId;
        }
    }
}
