package io.aeolus.transport.crypto;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handing a connection's keys to another holder (a broker group's log) and starting sequences where a group's leader
 * or a restored member must.
 */
@Timeout(30)
class TransportKeysTest
{
    private static final long CONNECTION_ID = 77;
    private static final byte[] CLIENT_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTH_MESSAGE = "n=alice,r=xyz,r=xyzuvw,s=c2FsdA==,i=4096,t=AES-256-GCM,c=biws,r=xyzuvw"
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAPPING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION = "session 77".getBytes(StandardCharsets.US_ASCII);

    private final TransportKeys keys = TransportKeys.derive(CLIENT_KEY, AUTH_MESSAGE);

    @Test
    void shouldUnwrapKeysThatOpenWhatTheClientSealsAndHideThem()
    {
        final byte[] wrapped = keys.wrap(WRAPPING_KEY, SESSION);

        final TransportKeys unwrapped = TransportKeys.unwrap(WRAPPING_KEY, wrapped, SESSION);

        assertEquals(TransportKeys.WRAPPED_LENGTH, wrapped.length);
        final byte[] frame = frame(40);
        assertArrayEquals(frame, open(unwrapped.brokerOpener(CONNECTION_ID), seal(keys.clientSealer(CONNECTION_ID),
            frame)));
        assertArrayEquals(frame, open(keys.clientOpener(CONNECTION_ID), seal(unwrapped.brokerSealer(CONNECTION_ID),
            frame)));
        assertFalse(Arrays.equals(wrapped, keys.wrap(WRAPPING_KEY, SESSION)), "a fresh nonce per wrap");
    }

    @Test
    void shouldRefuseToUnwrapWithAnotherKeyOtherDataOrChangedBytes()
    {
        final byte[] wrapped = keys.wrap(WRAPPING_KEY, SESSION);
        final byte[] otherKey = WRAPPING_KEY.clone();
        otherKey[3] ^= 1;
        final byte[] changed = wrapped.clone();
        changed[20] ^= 1;

        assertThrows(IllegalArgumentException.class, () -> TransportKeys.unwrap(otherKey, wrapped, SESSION));
        assertThrows(IllegalArgumentException.class, () -> TransportKeys.unwrap(WRAPPING_KEY, wrapped,
            "session 78".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> TransportKeys.unwrap(WRAPPING_KEY, changed, SESSION));
        assertThrows(IllegalArgumentException.class, () -> TransportKeys.unwrap(WRAPPING_KEY,
            Arrays.copyOf(wrapped, 10), SESSION));
    }

    @Test
    void shouldStartASealerAtTheGivenSequenceAndAnOpenerAboveTheLastAccepted()
    {
        final FrameSealer sealer = keys.brokerSealer(CONNECTION_ID, 1_000);
        final FrameOpener opener = keys.clientOpener(CONNECTION_ID);
        open(opener, seal(sealer, frame(8)));
        assertEquals(1_000, opener.lastSequence());
        assertEquals(1_001, sealer.nextSequence());
        assertThrows(IllegalArgumentException.class, () -> keys.brokerSealer(CONNECTION_ID, 0));

        final FrameSealer client = keys.clientSealer(CONNECTION_ID);
        final byte[] first = seal(client, frame(8));
        final byte[] second = seal(client, frame(8));
        final FrameOpener restored = keys.brokerOpener(CONNECTION_ID, 1);
        assertEquals(-1, restored.open(new UnsafeBuffer(first), 0, first.length), "accepted before the snapshot");
        assertTrue(restored.problem().contains("replayed"), restored.problem());
        assertEquals(8, restored.open(new UnsafeBuffer(second), 0, second.length));
    }

    private static byte[] frame(final int length)
    {
        final byte[] frame = new byte[length];
        for (int i = 0; i < length; i++)
        {
            frame[i] = (byte)(i * 7 + 1);
        }
        return frame;
    }

    private static byte[] seal(final FrameSealer sealer, final byte[] frame)
    {
        final int length = sealer.seal(new UnsafeBuffer(frame), 0, frame.length);
        final byte[] sealed = new byte[length];
        sealer.buffer().getBytes(0, sealed);
        return sealed;
    }

    private static byte[] open(final FrameOpener opener, final byte[] sealed)
    {
        final int length = opener.open(new UnsafeBuffer(sealed), 0, sealed.length);
        assertTrue(length >= 0, opener.problem());
        final byte[] frame = new byte[length];
        opener.buffer().getBytes(0, frame);
        return frame;
    }
}
