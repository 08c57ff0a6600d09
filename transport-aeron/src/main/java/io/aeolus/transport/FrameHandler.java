package io.aeolus.transport;

import org.agrona.DirectBuffer;

/**
 * Receives whole frames (one SBE message each) after fragment and chunk reassembly. Called on the polling thread.
 */
public interface FrameHandler
{
    /**
     * A whole frame arrived.
     *
     * @param buffer    holds the frame; valid only during the call.
     * @param offset    where the frame's message header starts.
     * @param length    the frame's length.
     * @param sessionId the Aeron session id of the publication it came from.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, int sessionId);

    /**
     * A frame could not be reassembled (for example an oversized or out-of-order chunk).
     *
     * @param sessionId the Aeron session id of the publication it came from.
     * @param reason    what was wrong.
     */
    void onMalformed(int sessionId, String reason);

    /**
     * A chunk of a large frame arrived: the peer is alive even though no whole frame has arrived for a while.
     *
     * @param sessionId the Aeron session id of the publication it came from.
     */
    default void onChunk(final int sessionId)
    {
    }
}
