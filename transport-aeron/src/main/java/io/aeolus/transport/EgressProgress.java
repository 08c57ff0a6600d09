package io.aeolus.transport;

import io.aeron.AeronCounters;
import io.aeron.Publication;
import io.aeron.status.ChannelEndpointStatus;
import org.agrona.concurrent.status.CountersReader;

/**
 * How far the media driver has carried a publication's data towards its subscribers: the sender's position for UDP,
 * the slowest subscriber's position for IPC, read from the driver's counters. A broker shutting down waits for it
 * to reach what it last offered (its last confirmations), since closing the driver drops what it has not sent.
 * Off the hot path: scans every counter.
 */
public final class EgressProgress
{
    private static final int SESSION_ID_OFFSET = 8;
    private static final int STREAM_ID_OFFSET = 12;

    private EgressProgress()
    {
    }

    /**
     * @param counters    the driver's counters ({@code aeron.countersReader()}).
     * @param publication the publication.
     * @return the position up to which its data has left the publication (sent over UDP, or read by every IPC
     *         subscriber), or {@link Long#MAX_VALUE} if nothing is there to wait for (no sender, no subscriber).
     */
    public static long carriedPosition(final CountersReader counters, final Publication publication)
    {
        if (publication.isClosed() || publication.channelStatus() == ChannelEndpointStatus.ERRORED)
        {
            return Long.MAX_VALUE;
        }
        final boolean ipc = publication.channel().startsWith("aeron:ipc");
        final long registrationId = publication.registrationId();
        final int sessionId = publication.sessionId();
        final int streamId = publication.streamId();
        final long[] slowest = {Long.MAX_VALUE};
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final boolean matches = ipc ?
                typeId == AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID &&
                keyBuffer.getInt(SESSION_ID_OFFSET) == sessionId && keyBuffer.getInt(STREAM_ID_OFFSET) == streamId &&
                label.contains("aeron:ipc") :
                typeId == AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID && keyBuffer.getLong(0) == registrationId;
            if (matches)
            {
                slowest[0] = Math.min(slowest[0], counters.getCounterValue(counterId));
            }
        });
        return slowest[0];
    }
}
