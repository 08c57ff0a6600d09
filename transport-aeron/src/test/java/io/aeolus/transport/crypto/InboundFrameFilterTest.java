package io.aeolus.transport.crypto;

import io.aeolus.transport.codecs.AuthSuccessEncoder;
import io.aeolus.transport.codecs.HeartbeatEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class InboundFrameFilterTest
{
    private static final long CONNECTION_ID = 5;

    private final TransportKeys keys = TransportKeys.derive(new byte[32],
        "n=u,r=a,r=ab,s=c2FsdA==,i=4096,c=biws,r=ab".getBytes(StandardCharsets.US_ASCII));
    private final InboundFrameFilter filter = new InboundFrameFilter(System.getLogger("test"));
    private final List<byte[]> passed = new ArrayList<>();
    private final InboundFrameFilter.Sink sink = (buffer, offset, length) ->
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        passed.add(frame);
    };

    @Test
    void shouldPassClearFramesUntilTheConnectionIsEncrypted()
    {
        final byte[] heartbeat = heartbeat();
        onFrame(heartbeat, false);

        assertFalse(filter.isEncrypted());
        assertEquals(1, passed.size());
        assertEquals(0, filter.unauthenticatedFrames());
    }

    @Test
    void shouldPassOnlySealedFramesOnceEncryptedAndTheHandshakesLastClearFrames()
    {
        filter.opener(keys.clientOpener(CONNECTION_ID));
        final byte[] authSuccess = authSuccess();
        onFrame(authSuccess, true);
        assertEquals(1, passed.size(), "AuthSuccess comes in clear while the handshake runs");

        onFrame(authSuccess, false);
        onFrame(heartbeat(), true);
        onFrame(heartbeat(), false);
        assertEquals(1, passed.size());
        assertEquals(3, filter.unauthenticatedFrames());

        final FrameSealer broker = keys.brokerSealer(CONNECTION_ID);
        final byte[] heartbeat = heartbeat();
        final int length = broker.seal(new UnsafeBuffer(heartbeat), 0, heartbeat.length);
        final byte[] sealed = new byte[length];
        broker.buffer().getBytes(0, sealed);
        onFrame(sealed, false);
        assertEquals(2, passed.size());
        assertArrayEquals(heartbeat, passed.get(1));

        sealed[sealed.length - 1] ^= 1;
        onFrame(sealed, false);
        assertEquals(2, passed.size());
        assertEquals(4, filter.unauthenticatedFrames());
        assertTrue(filter.isEncrypted());
    }

    private void onFrame(final byte[] frame, final boolean handshaking)
    {
        final DirectBuffer buffer = new UnsafeBuffer(frame);
        filter.onFrame(buffer, 0, frame.length, handshaking, CONNECTION_ID, "test", sink);
    }

    private static byte[] heartbeat()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH +
            HeartbeatEncoder.BLOCK_LENGTH]);
        new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).connectionId(CONNECTION_ID);
        return buffer.byteArray();
    }

    private static byte[] authSuccess()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final AuthSuccessEncoder encoder = new AuthSuccessEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .connectionId(CONNECTION_ID).correlationId(1);
        encoder.putData(new byte[] { 'v', '=' }, 0, 2);
        final byte[] frame = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()];
        buffer.getBytes(0, frame);
        return frame;
    }
}
