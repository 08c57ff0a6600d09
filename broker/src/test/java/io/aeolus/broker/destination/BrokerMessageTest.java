package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class BrokerMessageTest
{
    private final ExpandableArrayBuffer source = new ExpandableArrayBuffer();

    private int encode(final int offset, final String destination, final String body)
    {
        return TestMessages.encode(source, offset, "ID:1", destination, body, 4);
    }

    private byte[] sourceBytes(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        source.getBytes(offset, bytes);
        return bytes;
    }

    @Test
    void shouldKeepItsOwnCopyWhenTheReceiveBufferIsReused()
    {
        final int length = encode(8, "orders", "first body");
        final byte[] expected = sourceBytes(8, length);
        final BrokerMessage message = BrokerMessage.decode(1, source, 8, length);

        encode(8, "trades", "other body");

        assertArrayEquals(expected, message.encodedBytes());
        assertEquals("orders", message.destination());
    }

    @Test
    void shouldShowItsBytesThroughOneViewMadeWhenFirstAskedFor()
    {
        final int length = encode(0, "orders", "a body");
        final BrokerMessage message = BrokerMessage.decode(1, source, 0, length);

        final DirectBuffer view = message.encoded();

        assertSame(view, message.encoded());
        assertEquals(length, message.encodedLength());
        assertEquals(length, view.capacity());
        final byte[] viewed = new byte[length];
        view.getBytes(0, viewed);
        assertArrayEquals(message.encodedBytes(), viewed);
    }

    @Test
    void shouldKeepEachMessagesBytesWhenAnotherIsDecodedAfterIt()
    {
        final int firstLength = encode(0, "orders", "first");
        final BrokerMessage first = BrokerMessage.decode(1, source, 0, firstLength);
        final byte[] firstBytes = Arrays.copyOf(first.encodedBytes(), firstLength);
        final int secondLength = encode(0, "trades", "second, longer body");
        final BrokerMessage second = BrokerMessage.decode(2, source, 0, secondLength);

        final DirectBuffer firstView = first.encoded();

        assertEquals(firstLength, firstView.capacity());
        final byte[] viewed = new byte[firstLength];
        firstView.getBytes(0, viewed);
        assertArrayEquals(firstBytes, viewed);
        assertEquals("trades", second.destination());
        assertEquals(secondLength, second.encoded().capacity());
    }

    @Test
    void shouldDecodeTheNextFrameAfterRefusingAMalformedOne()
    {
        final int length = encode(0, "orders", "body");
        source.putInt(MessageHeaderEncoder.ENCODED_LENGTH + JmsMessageEncoder.BLOCK_LENGTH, Integer.MAX_VALUE);

        assertThrows(IllegalArgumentException.class, () -> BrokerMessage.decode(1, source, 0, length));

        final int goodLength = encode(0, "orders", "body");
        assertEquals("orders", BrokerMessage.decode(2, source, 0, goodLength).destination());
    }
}
