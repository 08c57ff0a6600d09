package io.aeolus.transport;

import io.aeolus.transport.codecs.ChunkDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeron.FragmentAssembler;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Turns Aeron fragments into whole frames: Aeron's own fragments are joined by a {@link FragmentAssembler}, and
 * frames larger than Aeron's maximum message length, which travel as {@code Chunk} frames, are joined here.
 * <p>
 * Chunks of one frame arrive contiguously and in order from one publication, so there is at most one frame being
 * joined per session. A frame longer than the configured maximum, or a chunk that does not continue the frame in
 * progress, is reported as malformed and dropped. Not thread-safe: one instance per polling thread.
 */
public final class FrameAssembler implements FragmentHandler
{
    private static final int CHUNK_DATA_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + ChunkDecoder.BLOCK_LENGTH;

    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(this::onMessage);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ChunkDecoder chunkDecoder = new ChunkDecoder();
    private final Int2ObjectHashMap<Reassembly> reassemblies = new Int2ObjectHashMap<>();
    private final FrameHandler handler;
    private final int maxFrameLength;

    /**
     * @param handler        receives whole frames.
     * @param maxFrameLength largest frame accepted after reassembly, in bytes.
     */
    public FrameAssembler(final FrameHandler handler, final int maxFrameLength)
    {
        this.handler = handler;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * {@inheritDoc}
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        fragmentAssembler.onFragment(buffer, offset, length, header);
    }

    /**
     * Forgets any partial frame from a publication that went away.
     *
     * @param sessionId the Aeron session id of the publication.
     */
    public void onSessionClosed(final int sessionId)
    {
        reassemblies.remove(sessionId);
        fragmentAssembler.freeSessionBuffer(sessionId);
    }

    /**
     * @return how many frames are part way through reassembly.
     */
    public int framesInProgress()
    {
        return reassemblies.size();
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int sessionId = header.sessionId();
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
        {
            headerDecoder.wrap(buffer, offset);
            if (headerDecoder.schemaId() == ChunkDecoder.SCHEMA_ID &&
                headerDecoder.templateId() == ChunkDecoder.TEMPLATE_ID)
            {
                onChunk(buffer, offset, length, sessionId);
                return;
            }
        }
        if (length > maxFrameLength)
        {
            handler.onMalformed(sessionId, "frame of " + length + " bytes exceeds the maximum of " + maxFrameLength);
            return;
        }
        handler.onFrame(buffer, offset, length, sessionId);
    }

    private void onChunk(final DirectBuffer buffer, final int offset, final int length, final int sessionId)
    {
        if (length < CHUNK_DATA_OFFSET + ChunkDecoder.dataHeaderLength() ||
            headerDecoder.blockLength() != ChunkDecoder.BLOCK_LENGTH)
        {
            fail(sessionId, "truncated chunk frame");
            return;
        }
        chunkDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, ChunkDecoder.BLOCK_LENGTH,
            ChunkDecoder.SCHEMA_VERSION);
        final long frameId = chunkDecoder.frameId();
        final int frameLength = chunkDecoder.frameLength();
        final int chunkOffset = chunkDecoder.chunkOffset();
        final int dataLength = chunkDecoder.dataLength();
        final int dataOffset = offset + CHUNK_DATA_OFFSET + ChunkDecoder.dataHeaderLength();
        if (frameLength <= 0 || frameLength > maxFrameLength)
        {
            fail(sessionId, "chunked frame of " + frameLength + " bytes exceeds the maximum of " + maxFrameLength);
            return;
        }
        if (dataLength < 0 || dataOffset + dataLength > offset + length || chunkOffset < 0 ||
            (long)chunkOffset + dataLength > frameLength)
        {
            fail(sessionId, "chunk data out of bounds");
            return;
        }

        Reassembly reassembly = reassemblies.get(sessionId);
        if (null == reassembly)
        {
            if (chunkOffset != 0)
            {
                handler.onMalformed(sessionId, "chunk at offset " + chunkOffset + " without the start of its frame");
                return;
            }
            reassembly = new Reassembly(frameId, frameLength);
            reassemblies.put(sessionId, reassembly);
        }
        if (reassembly.frameId != frameId || reassembly.frameLength != frameLength ||
            reassembly.position != chunkOffset)
        {
            fail(sessionId, "chunk does not continue frame " + reassembly.frameId);
            return;
        }
        reassembly.buffer.putBytes(chunkOffset, buffer, dataOffset, dataLength);
        reassembly.position += dataLength;
        handler.onChunk(sessionId);
        if (reassembly.position == frameLength)
        {
            reassemblies.remove(sessionId);
            handler.onFrame(reassembly.buffer, 0, frameLength, sessionId);
        }
    }

    private void fail(final int sessionId, final String reason)
    {
        reassemblies.remove(sessionId);
        handler.onMalformed(sessionId, reason);
    }

    private static final class Reassembly
    {
        final long frameId;
        final int frameLength;
        final UnsafeBuffer buffer;
        int position;

        Reassembly(final long frameId, final int frameLength)
        {
            this.frameId = frameId;
            this.frameLength = frameLength;
            // Exact size: growing by doubling would hold twice a 100 MiB frame. The declared length is bounded by the
            // maximum frame length, and a session holds at most one frame in progress.
            this.buffer = new UnsafeBuffer(new byte[frameLength]);
        }
    }
}
