package io.aeolus.jms;

import io.aeolus.transport.TransportConfiguration;
import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.aeron.protocol.HeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An attacker on the network path to the broker's UDP ingress, for tests: it watches a live client's stream (a second
 * subscription on the broker's own media driver, so it sees what the broker sees and where the stream stands) and
 * injects raw Aeron data packets carrying the client's Aeron session id at the stream's next position, from its own
 * socket. To the broker's media driver such packets are the client's: nothing at the Aeron level tells them apart.
 */
final class AeronFrameInjector implements AutoCloseable
{
    private final Aeron aeron;
    private final Subscription spy;
    private final InetSocketAddress ingress;
    private final List<byte[]> seen = new ArrayList<>();
    private final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        seen.add(frame);
    });

    AeronFrameInjector(final String brokerAeronDir, final String udpEndpoint)
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(brokerAeronDir));
        spy = aeron.addSubscription("aeron:udp?endpoint=" + udpEndpoint, TransportConfiguration.INGRESS_STREAM_ID);
        final int colon = udpEndpoint.lastIndexOf(':');
        ingress = new InetSocketAddress(udpEndpoint.substring(0, colon),
            Integer.parseInt(udpEndpoint.substring(colon + 1)));
    }

    /**
     * Waits for the one client's stream and reads everything it has sent since the spy joined.
     */
    Image victim()
    {
        await(() -> spy.imageCount() == 1, "no single client stream on the broker's ingress");
        final Image image = spy.imageAtIndex(0);
        while (image.poll(assembler, 100) > 0)
        {
            Thread.onSpinWait();
        }
        return image;
    }

    /**
     * @return the frames the client sent since the last call (polling first), oldest first.
     */
    List<byte[]> takeSeen()
    {
        victim();
        final List<byte[]> frames = new ArrayList<>(seen);
        seen.clear();
        return frames;
    }

    /**
     * Sends the frames in one datagram, as Aeron data frames of the client's stream at its next position.
     */
    void inject(final byte[]... frames) throws IOException
    {
        final Image image = victim();
        final long position = image.position();
        final int termLength = image.termBufferLength();
        final int bits = Integer.numberOfTrailingZeros(termLength);
        int termOffset = (int)(position & (termLength - 1));
        final int termId = image.initialTermId() + (int)(position >>> bits);
        int total = 0;
        for (final byte[] frame : frames)
        {
            total += BitUtil.align(DataHeaderFlyweight.HEADER_LENGTH + frame.length, FrameDescriptor.FRAME_ALIGNMENT);
        }
        if (termOffset + total > termLength)
        {
            throw new IllegalStateException("the injected frames would cross a term boundary");
        }
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[total]);
        final DataHeaderFlyweight header = new DataHeaderFlyweight();
        int offset = 0;
        for (final byte[] frame : frames)
        {
            header.wrap(packet, offset, DataHeaderFlyweight.HEADER_LENGTH);
            header.frameLength(DataHeaderFlyweight.HEADER_LENGTH + frame.length);
            header.version(HeaderFlyweight.CURRENT_VERSION);
            header.flags((short)DataHeaderFlyweight.BEGIN_AND_END_FLAGS);
            header.headerType(HeaderFlyweight.HDR_TYPE_DATA);
            header.termOffset(termOffset);
            header.sessionId(image.sessionId());
            header.streamId(TransportConfiguration.INGRESS_STREAM_ID);
            header.termId(termId);
            header.reservedValue(0);
            packet.putBytes(offset + DataHeaderFlyweight.HEADER_LENGTH, frame);
            final int aligned = BitUtil.align(DataHeaderFlyweight.HEADER_LENGTH + frame.length,
                FrameDescriptor.FRAME_ALIGNMENT);
            offset += aligned;
            termOffset += aligned;
        }
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.send(new DatagramPacket(packet.byteArray(), total, ingress));
        }
    }

    public void close()
    {
        CloseHelper.quietCloseAll(spy, aeron);
    }

    static void await(final java.util.function.BooleanSupplier condition, final String failure)
    {
        final long deadlineNs = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(failure);
            }
            Thread.yield();
        }
    }
}
