package io.aeolus.transport.crypto;

import io.aeolus.transport.codecs.HeartbeatEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class FrameSealerTest
{
    private static final long CONNECTION_ID = 42;
    private static final byte[] CLIENT_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTH_MESSAGE = "n=user,r=abc,r=abcdef,s=c2FsdA==,i=4096,c=biws,r=abcdef"
        .getBytes(StandardCharsets.US_ASCII);

    private final TransportKeys keys = TransportKeys.derive(CLIENT_KEY, AUTH_MESSAGE);
    private final FrameSealer clientSealer = keys.clientSealer(CONNECTION_ID);
    private final FrameOpener brokerOpener = keys.brokerOpener(CONNECTION_ID);

    @Test
    void shouldOpenWhatTheOtherEndSealedInBothDirections()
    {
        final byte[] frame = frame(100);
        assertArrayEquals(frame, open(brokerOpener, sealed(clientSealer, frame)));

        final FrameSealer brokerSealer = keys.brokerSealer(CONNECTION_ID);
        final FrameOpener clientOpener = keys.clientOpener(CONNECTION_ID);
        final byte[] answer = frame(7);
        assertArrayEquals(answer, open(clientOpener, sealed(brokerSealer, answer)));
    }

    @Test
    void shouldHideTheFrameAndNeverRepeatACiphertext()
    {
        final byte[] frame = frame(64);
        final byte[] first = sealed(clientSealer, frame);
        final byte[] second = sealed(clientSealer, frame);

        assertEquals(frame.length + FrameSealer.OVERHEAD, first.length);
        assertFalse(contains(first, Arrays.copyOfRange(frame, 8, 24)), "plaintext visible in the sealed frame");
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, FrameSealer.DATA_OFFSET, first.length),
            Arrays.copyOfRange(second, FrameSealer.DATA_OFFSET, second.length)), "same frame, same ciphertext");
        assertEquals(3, clientSealer.nextSequence());
    }

    @Test
    void shouldDropAFrameWithAnyOneBitFlipped()
    {
        final byte[] frame = frame(40);
        final byte[] sealed = sealed(clientSealer, frame);
        for (int bit = 0; bit < sealed.length * 8; bit++)
        {
            final byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            final FrameOpener opener = keys.brokerOpener(CONNECTION_ID);
            assertEquals(-1, opener.open(new UnsafeBuffer(tampered), 0, tampered.length), "bit " + bit);
            assertEquals(0, opener.lastSequence());
        }
        assertEquals(frame.length, keys.brokerOpener(CONNECTION_ID).open(new UnsafeBuffer(sealed), 0,
            sealed.length));
    }

    @Test
    void shouldDropAReplayedOrOlderFrame()
    {
        final byte[] first = sealed(clientSealer, frame(10));
        final byte[] second = sealed(clientSealer, frame(11));

        assertEquals(first.length - FrameSealer.OVERHEAD, brokerOpener.open(new UnsafeBuffer(first), 0, first.length));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(first), 0, first.length));
        assertTrue(brokerOpener.problem().contains("replayed"), brokerOpener.problem());
        assertEquals(second.length - FrameSealer.OVERHEAD, brokerOpener.open(new UnsafeBuffer(second), 0,
            second.length));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(first), 0, first.length));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(second), 0, second.length));
        assertEquals(2, brokerOpener.lastSequence());
    }

    @Test
    void shouldDropFramesSealedWithAnotherKeyOrForAnotherConnectionOrInClear()
    {
        final TransportKeys otherLogin = TransportKeys.derive(CLIENT_KEY, "another exchange".getBytes(
            StandardCharsets.US_ASCII));
        final byte[] forged = sealed(otherLogin.clientSealer(CONNECTION_ID), frame(20));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(forged), 0, forged.length));
        assertTrue(brokerOpener.problem().contains("failed authentication"), brokerOpener.problem());

        final byte[] reflected = sealed(keys.brokerSealer(CONNECTION_ID), frame(20));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(reflected), 0, reflected.length));

        final byte[] otherConnection = sealed(keys.clientSealer(CONNECTION_ID + 1), frame(20));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(otherConnection), 0, otherConnection.length));
        assertTrue(brokerOpener.problem().contains("connection"), brokerOpener.problem());

        final byte[] clear = frame(200);
        assertFalse(FrameOpener.isSealed(new UnsafeBuffer(clear), 0, clear.length));
        assertEquals(-1, brokerOpener.open(new UnsafeBuffer(clear), 0, clear.length));
        assertTrue(brokerOpener.problem().contains("clear frame"), brokerOpener.problem());
        assertEquals(0, brokerOpener.lastSequence());
    }

    @Test
    void shouldSealFromOffHeapBuffersAndIntoOwnArraysAlike()
    {
        final byte[] frame = frame(5000);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(6000));
        direct.putBytes(100, frame);
        final int length = clientSealer.seal(direct, 100, frame.length);
        final byte[] first = new byte[length];
        clientSealer.buffer().getBytes(0, first);
        assertArrayEquals(frame, open(brokerOpener, first));

        final byte[] second = clientSealer.sealToNewArray(frame, frame.length);
        assertTrue(FrameOpener.isSealed(new UnsafeBuffer(second), 0, second.length));
        assertArrayEquals(frame, open(brokerOpener, second));
        assertNull(brokerOpener.problem());
    }

    @Test
    void shouldDeriveDifferentKeysForEveryLoginAndDirection()
    {
        final TransportKeys same = TransportKeys.derive(CLIENT_KEY, AUTH_MESSAGE);
        final byte[] frame = frame(16);
        assertArrayEquals(frame, open(same.brokerOpener(CONNECTION_ID), sealed(keys.clientSealer(CONNECTION_ID),
            frame)));

        final TransportKeys other = TransportKeys.derive(CLIENT_KEY, Arrays.copyOf(AUTH_MESSAGE,
            AUTH_MESSAGE.length + 1));
        final byte[] a = sealed(keys.clientSealer(CONNECTION_ID), frame);
        final byte[] b = sealed(other.clientSealer(CONNECTION_ID), frame);
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(a, FrameSealer.DATA_OFFSET, a.length)),
            Arrays.toString(Arrays.copyOfRange(b, FrameSealer.DATA_OFFSET, b.length)));
    }

    private static byte[] frame(final int payload)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH +
            HeartbeatEncoder.BLOCK_LENGTH + payload]);
        new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).connectionId(CONNECTION_ID);
        for (int i = MessageHeaderEncoder.ENCODED_LENGTH + HeartbeatEncoder.BLOCK_LENGTH; i < buffer.capacity(); i++)
        {
            buffer.putByte(i, (byte)('a' + i % 26));
        }
        return buffer.byteArray();
    }

    private static byte[] sealed(final FrameSealer sealer, final byte[] frame)
    {
        final int length = sealer.seal(new UnsafeBuffer(frame), 0, frame.length);
        final byte[] copy = new byte[length];
        sealer.buffer().getBytes(0, copy);
        return copy;
    }

    private static byte[] open(final FrameOpener opener, final byte[] sealed)
    {
        final int length = opener.open(new UnsafeBuffer(sealed), 0, sealed.length);
        assertTrue(length >= 0, opener.problem());
        final DirectBuffer buffer = opener.buffer();
        final byte[] inner = new byte[length];
        buffer.getBytes(0, inner);
        return inner;
    }

    private static boolean contains(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle))
            {
                return true;
            }
        }
        return false;
    }
}
