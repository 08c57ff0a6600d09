package io.aeolus.transport.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PropertiesCodecTest
{
    private static final int OFFSET = 7;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);

    private static Map<String, Object> everyType()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("aBoolean", Boolean.TRUE);
        values.put("aByte", (byte)-7);
        values.put("aShort", (short)-300);
        values.put("aChar", 'é');
        values.put("anInt", Integer.MIN_VALUE);
        values.put("aLong", Long.MAX_VALUE);
        values.put("aFloat", 1.5f);
        values.put("aDouble", -2.25d);
        values.put("aString", "grüße 東京");
        values.put("someBytes", new byte[]{ 1, 2, 3 });
        values.put("aNull", null);
        values.put("emptyString", "");
        values.put("emptyBytes", new byte[0]);
        return values;
    }

    @Test
    void shouldRoundTripEveryTypeInEncodedOrder()
    {
        final Map<String, Object> values = everyType();

        final int length = PropertiesCodec.encode(values, buffer, OFFSET);
        final Map<String, Object> decoded = PropertiesCodec.decode(buffer, OFFSET, length);

        assertEquals(new ArrayList<>(values.keySet()), new ArrayList<>(decoded.keySet()));
        for (final Map.Entry<String, Object> entry : values.entrySet())
        {
            final Object expected = entry.getValue();
            if (expected instanceof byte[])
            {
                assertArrayEquals((byte[])expected, (byte[])decoded.get(entry.getKey()));
            }
            else
            {
                assertEquals(expected, decoded.get(entry.getKey()), entry.getKey());
            }
        }
    }

    @Test
    void shouldWriteTheDocumentedLittleEndianLayout()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("k", 258);

        final int length = PropertiesCodec.encode(values, buffer, 0);

        assertEquals(4 + 2 + 1 + 1 + 4, length);
        assertEquals(1, buffer.getInt(0, LITTLE_ENDIAN));
        assertEquals(1, buffer.getShort(4, LITTLE_ENDIAN));
        assertEquals('k', buffer.getByte(6));
        assertEquals(PropertiesCodec.INT, buffer.getByte(7));
        assertEquals(258, buffer.getInt(8, LITTLE_ENDIAN));
    }

    @Test
    void shouldFindEachValueWithoutDecodingTheOthers()
    {
        final Map<String, Object> values = everyType();
        final int length = PropertiesCodec.encode(values, buffer, OFFSET);

        for (final Map.Entry<String, Object> entry : values.entrySet())
        {
            final Object found = PropertiesCodec.find(buffer, OFFSET, length, entry.getKey());
            if (entry.getValue() instanceof byte[])
            {
                assertArrayEquals((byte[])entry.getValue(), (byte[])found);
            }
            else
            {
                assertEquals(entry.getValue(), found, entry.getKey());
            }
        }
    }

    @Test
    void shouldReturnNullWhenFindingAnAbsentName()
    {
        final int length = PropertiesCodec.encode(everyType(), buffer, OFFSET);

        assertNull(PropertiesCodec.find(buffer, OFFSET, length, "missing"));
        assertNull(PropertiesCodec.find(buffer, OFFSET, length, "aStrin"));
    }

    @Test
    void shouldFindOnlyUpToTheEntryAskedForSoACorruptTailDoesNotMatter()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("first", 1);
        values.put("second", 2);
        final int length = PropertiesCodec.encode(values, buffer, 0);
        buffer.putByte(length - 5, (byte)99);

        assertEquals(1, PropertiesCodec.find(buffer, 0, length, "first"));
        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.find(buffer, 0, length, "second"));
    }

    @Test
    void shouldTreatAnEmptyRegionAsNoValues()
    {
        final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);

        assertTrue(PropertiesCodec.decode(empty, 0, 0).isEmpty());
        assertTrue(PropertiesCodec.decodeValues(empty, 0, 0).isEmpty());
        assertNull(PropertiesCodec.find(empty, 0, 0, "x"));
    }

    @Test
    void shouldRoundTripUnnamedValuesInOrder()
    {
        final List<Object> values = Arrays.asList(true, (byte)1, (short)2, 'c', 3, 4L, 5f, 6d, "s", null);

        final int length = PropertiesCodec.encodeValues(values, buffer, OFFSET);

        assertEquals(values, PropertiesCodec.decodeValues(buffer, OFFSET, length));
    }

    @Test
    void shouldGrowAnExpandableBufferForLargeValues()
    {
        final byte[] large = new byte[1 << 20];
        large[large.length - 1] = 42;
        final Map<String, Object> values = Map.of("large", large);

        final int length = PropertiesCodec.encode(values, buffer, OFFSET);

        assertArrayEquals(large, (byte[])PropertiesCodec.find(buffer, OFFSET, length, "large"));
    }

    @Test
    void shouldKeepTheFirstOccurrenceOfADuplicatedName()
    {
        final int length = encodeRaw(2, "x", PropertiesCodec.INT, 1, "x", PropertiesCodec.INT, 2);

        assertEquals(1, PropertiesCodec.decode(buffer, 0, length).get("x"));
        assertEquals(1, PropertiesCodec.find(buffer, 0, length, "x"));
    }

    @Test
    void shouldRejectAnUnsupportedValueTypeWhenEncoding()
    {
        final Map<String, Object> values = Map.of("date", new java.util.Date());

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.encode(values, buffer, 0));

        assertTrue(ex.getMessage().contains("java.util.Date"), ex.getMessage());
        assertFalse(PropertiesCodec.isSupported(new Object()));
    }

    @Test
    void shouldRejectANameLongerThanTheUint16Limit()
    {
        final Map<String, Object> values = Map.of("n".repeat(PropertiesCodec.MAX_NAME_LENGTH + 1), 1);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.encode(values, buffer, 0));
    }

    @Test
    void shouldRejectAnUnknownType()
    {
        final int length = encodeRaw(1, "x", 12, 0, null, 0, 0);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, length));

        assertTrue(ex.getMessage().contains("unknown type 12"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.find(buffer, 0, length, "y"));
    }

    @Test
    void shouldRejectACountThatCannotFitInTheRegion()
    {
        buffer.putInt(0, Integer.MAX_VALUE, LITTLE_ENDIAN);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, 8));

        assertTrue(ex.getMessage().contains("count"), ex.getMessage());
    }

    @Test
    void shouldRejectANegativeCount()
    {
        buffer.putInt(0, -1, LITTLE_ENDIAN);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decodeValues(buffer, 0, 4));
    }

    @Test
    void shouldRejectAStringLengthPastTheEnd()
    {
        final Map<String, Object> values = Map.of("s", "hello");
        final int length = PropertiesCodec.encode(values, buffer, 0);
        buffer.putInt(4 + 2 + 1 + 1, 1_000_000, LITTLE_ENDIAN);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, length));

        assertTrue(ex.getMessage().contains("past the end"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.find(buffer, 0, length, "s"));
    }

    @Test
    void shouldRejectANegativeBytesLength()
    {
        final Map<String, Object> values = Map.of("b", new byte[4]);
        final int length = PropertiesCodec.encode(values, buffer, 0);
        buffer.putInt(4 + 2 + 1 + 1, -4, LITTLE_ENDIAN);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, length));
    }

    @Test
    void shouldRejectANameLengthPastTheEnd()
    {
        buffer.putInt(0, 1, LITTLE_ENDIAN);
        buffer.putShort(4, (short)500, LITTLE_ENDIAN);
        buffer.putByte(6, (byte)'x');

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, 7));
        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.find(buffer, 0, 7, "x"));
    }

    @Test
    void shouldRejectAValueTruncatedByTheRegionLength()
    {
        final Map<String, Object> values = Map.of("l", 5L);
        final int length = PropertiesCodec.encode(values, buffer, 0);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, length - 1));
    }

    @Test
    void shouldRejectTrailingBytes()
    {
        final int length = PropertiesCodec.encode(Map.of("i", 1), buffer, 0);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, length + 3));
    }

    @Test
    void shouldRejectARegionOutsideTheBuffer()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[8]);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(small, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(small, -1, 4));
    }

    @Test
    void shouldRejectABooleanByteOtherThanZeroOrOne()
    {
        final int length = PropertiesCodec.encode(Map.of("b", true), buffer, 0);
        buffer.putByte(length - 1, (byte)2);

        assertThrows(IllegalArgumentException.class, () -> PropertiesCodec.decode(buffer, 0, length));
    }

    private int encodeRaw(
        final int count,
        final String name1,
        final int type1,
        final int int1,
        final String name2,
        final int type2,
        final int int2)
    {
        buffer.putInt(0, count, LITTLE_ENDIAN);
        int position = 4;
        position = putEntry(position, name1, type1, int1);
        if (null != name2)
        {
            position = putEntry(position, name2, type2, int2);
        }
        return position;
    }

    private int putEntry(final int position, final String name, final int type, final int value)
    {
        buffer.putShort(position, (short)name.length(), LITTLE_ENDIAN);
        buffer.putStringWithoutLengthAscii(position + 2, name);
        final int typeIndex = position + 2 + name.length();
        buffer.putByte(typeIndex, (byte)type);
        if (PropertiesCodec.INT == type)
        {
            buffer.putInt(typeIndex + 1, value, LITTLE_ENDIAN);
            return typeIndex + 5;
        }
        return typeIndex + 1;
    }
}
