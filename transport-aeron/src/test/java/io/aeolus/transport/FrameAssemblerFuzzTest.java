package io.aeolus.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.transport.codecs.ChunkEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of frame reassembly: Aeron fragments (with fuzzed begin/end flags and sessions) and
 * {@code Chunk} frames (with fuzzed ids, lengths and offsets) go into one {@link FrameAssembler}. Whatever arrives,
 * it throws nothing, never hands on a frame longer than its maximum, and holds at most one frame in progress per
 * session. A well-formed chunked frame cut at fuzzed places always comes out whole and equal to what went in.
 * <p>
 * The normal build replays the inputs under {@code src/test/resources/.../FrameAssemblerFuzzTestInputs}; fuzzing
 * runs by hand ({@code JAZZER_FUZZ=1}, see TESTING.md).
 */
class FrameAssemblerFuzzTest
{
    private static final int MAX_FRAME_LENGTH = 4096;
    private static final int SESSIONS = 3;

    private final UnsafeBuffer fragment = new UnsafeBuffer(new byte[DataHeaderFlyweight.HEADER_LENGTH + 8192]);
    private final DataHeaderFlyweight dataHeader = new DataHeaderFlyweight(fragment);
    private final Header header = new Header(0, 16);
    private final MessageHeaderEncoder messageHeader = new MessageHeaderEncoder();
    private final ChunkEncoder chunk = new ChunkEncoder();
    private final List<byte[]> frames = new ArrayList<>();
    private final FrameHandler handler = new FrameHandler()
    {
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int sessionId)
        {
            assertTrue(length <= MAX_FRAME_LENGTH, "frame of " + length + " bytes passed the maximum");
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            frames.add(copy);
        }

        public void onMalformed(final int sessionId, final String reason)
        {
            assertTrue(null != reason && !reason.isEmpty(), "a malformed frame needs a reason");
        }
    };
    private FrameAssembler assembler;

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldSurviveAnyFragmentSequence(final FuzzedDataProvider data)
    {
        reset();
        final int steps = data.consumeInt(1, 32);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++)
        {
            final int sessionId = data.consumeInt(0, SESSIONS - 1);
            final byte flags = (byte)(data.consumeBoolean() ? FrameDescriptor.UNFRAGMENTED : data.consumeByte());
            if (data.consumeBoolean())
            {
                final int length = putChunk(data.consumeLong(), data.consumeInt(), data.consumeInt(),
                    data.consumeBytes(data.consumeInt(0, 2 * MAX_FRAME_LENGTH)), data.consumeInt(0, 4));
                deliver(sessionId, flags, length);
            }
            else
            {
                final byte[] raw = data.consumeBytes(data.consumeInt(0, 8192));
                fragment.putBytes(DataHeaderFlyweight.HEADER_LENGTH, raw);
                deliver(sessionId, flags, raw.length);
            }
            assertTrue(assembler.framesInProgress() <= SESSIONS, "more frames in progress than sessions");
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldReassembleWellFormedChunksCutAnywhere(final FuzzedDataProvider data)
    {
        reset();
        final int frameLength = data.consumeInt(1, MAX_FRAME_LENGTH);
        final byte[] whole = new byte[frameLength];
        for (int i = 0; i < frameLength; i++)
        {
            whole[i] = (byte)(i * 31 + frameLength);
        }
        final long frameId = data.consumeLong();
        int position = 0;
        while (position < frameLength)
        {
            // When the input runs out, the rest of the frame goes as one chunk.
            final int size = data.remainingBytes() < Integer.BYTES ? frameLength - position :
                Math.min(frameLength - position, data.consumeInt(1, frameLength));
            final byte[] part = new byte[size];
            System.arraycopy(whole, position, part, 0, size);
            deliver(1, FrameDescriptor.UNFRAGMENTED, putChunk(frameId, frameLength, position, part, 0));
            position += size;
        }

        assertEquals(1, frames.size(), "one whole frame");
        assertArrayEquals(whole, frames.get(0));
        assertEquals(0, assembler.framesInProgress());
    }

    /**
     * Jazzer runs every input on the same test instance: each starts from a new assembler.
     */
    private void reset()
    {
        frames.clear();
        assembler = new FrameAssembler(handler, MAX_FRAME_LENGTH);
    }

    private int putChunk(
        final long frameId, final int frameLength, final int chunkOffset, final byte[] bytes, final int blockPadding)
    {
        final int offset = DataHeaderFlyweight.HEADER_LENGTH;
        messageHeader.wrap(fragment, offset)
            .blockLength(ChunkEncoder.BLOCK_LENGTH + blockPadding)
            .templateId(ChunkEncoder.TEMPLATE_ID)
            .schemaId(ChunkEncoder.SCHEMA_ID)
            .version(ChunkEncoder.SCHEMA_VERSION);
        chunk.wrap(fragment, offset + MessageHeaderEncoder.ENCODED_LENGTH)
            .connectionId(7)
            .frameId(frameId)
            .frameLength(frameLength)
            .chunkOffset(chunkOffset)
            .putData(bytes, 0, bytes.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + chunk.encodedLength();
    }

    private void deliver(final int sessionId, final byte flags, final int length)
    {
        dataHeader.sessionId(sessionId).flags(flags).frameLength(DataHeaderFlyweight.HEADER_LENGTH + length);
        header.buffer(fragment);
        header.offset(0);
        assembler.onFragment(fragment, DataHeaderFlyweight.HEADER_LENGTH, length, header);
    }
}
