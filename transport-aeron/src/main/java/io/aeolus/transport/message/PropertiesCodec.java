package io.aeolus.transport.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Compact little-endian codec for typed values: JMS message properties, and the bodies of map and stream messages.
 * <p>
 * Named form (properties, map bodies): {@code count:int32}, then {@code count} entries of
 * {@code nameLength:uint16 | name:UTF-8 | type:uint8 | value}. Unnamed form (stream bodies): {@code count:int32},
 * then {@code count} entries of {@code type:uint8 | value}. Values by type: {@link #BOOLEAN} 1 byte (0 or 1),
 * {@link #BYTE} 1, {@link #SHORT} 2, {@link #CHAR} 2, {@link #INT} 4, {@link #LONG} 8, {@link #FLOAT} 4,
 * {@link #DOUBLE} 8, {@link #STRING} {@code length:int32 | UTF-8}, {@link #BYTES} {@code length:int32 | bytes},
 * {@link #NULL} nothing. A region of length zero is an empty collection, so an absent SBE var-data field decodes too.
 * <p>
 * The broker evaluates selectors with {@link #find(DirectBuffer, int, int, String)}, which walks the entries and
 * decodes only the one asked for. Input is untrusted: every length is checked against the region before it is used,
 * and malformed input is rejected with an {@link IllegalArgumentException} that says what is wrong and where.
 * If a name occurs twice, the first occurrence wins, in both {@code find} and {@code decode}.
 * <p>
 * Stateless and thread-safe. Decoding allocates the returned values; encoding allocates the UTF-8 form of names.
 */
public final class PropertiesCodec
{
    /** Type code of a {@code boolean}: one byte, 0 or 1. */
    public static final int BOOLEAN = 1;
    /** Type code of a {@code byte}. */
    public static final int BYTE = 2;
    /** Type code of a {@code short}: two bytes. */
    public static final int SHORT = 3;
    /** Type code of a {@code char}: two bytes, the UTF-16 code unit. */
    public static final int CHAR = 4;
    /** Type code of an {@code int}: four bytes. */
    public static final int INT = 5;
    /** Type code of a {@code long}: eight bytes. */
    public static final int LONG = 6;
    /** Type code of a {@code float}: four bytes, IEEE 754 bits. */
    public static final int FLOAT = 7;
    /** Type code of a {@code double}: eight bytes, IEEE 754 bits. */
    public static final int DOUBLE = 8;
    /** Type code of a {@code String}: int32 length, then UTF-8. */
    public static final int STRING = 9;
    /** Type code of a {@code byte[]}: int32 length, then the bytes. */
    public static final int BYTES = 10;
    /** Type code of a null value: no value bytes. */
    public static final int NULL = 11;

    /** Longest name in UTF-8 bytes: the name length is a uint16. */
    public static final int MAX_NAME_LENGTH = 0xFFFF;

    private static final int COUNT_LENGTH = 4;
    private static final int NAME_LENGTH_LENGTH = 2;
    private static final int TYPE_LENGTH = 1;
    private static final int MIN_NAMED_ENTRY_LENGTH = NAME_LENGTH_LENGTH + TYPE_LENGTH;

    private PropertiesCodec()
    {
    }

    /**
     * Encodes named values in the map's iteration order.
     *
     * @param values names to values; values are null, {@code Boolean}, {@code Byte}, {@code Short},
     *               {@code Character}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String}
     *               or {@code byte[]}.
     * @param buffer to write to; an expandable buffer grows as needed.
     * @param offset at which to start writing.
     * @return the number of bytes written.
     * @throws IllegalArgumentException if a name is null or longer than {@link #MAX_NAME_LENGTH} UTF-8 bytes, or a
     *                                  value has an unsupported type.
     */
    public static int encode(final Map<String, Object> values, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, values.size(), LITTLE_ENDIAN);
        int position = offset + COUNT_LENGTH;
        for (final Map.Entry<String, Object> entry : values.entrySet())
        {
            position += encodeName(entry.getKey(), buffer, position);
            position += encodeValue(entry.getValue(), buffer, position);
        }

        return position - offset;
    }

    /**
     * Decodes named values.
     *
     * @param buffer to read from.
     * @param offset of the encoded region.
     * @param length of the encoded region; zero means no values.
     * @return a new {@link LinkedHashMap} in encoded order.
     * @throws IllegalArgumentException if the region is malformed.
     */
    public static Map<String, Object> decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final Reader reader = new Reader(buffer, offset, length);
        final int count = reader.readCount(MIN_NAMED_ENTRY_LENGTH);
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            final String name = reader.readName();
            final Object value = reader.readValue();
            values.putIfAbsent(name, value);
        }
        reader.requireFullyConsumed();

        return values;
    }

    /**
     * Finds one named value without decoding the others.
     *
     * @param buffer to read from.
     * @param offset of the encoded region.
     * @param length of the encoded region; zero means no values.
     * @param name   to look for.
     * @return the boxed value ({@code byte[]} for {@link #BYTES}), or null if the name is absent or its value is null.
     * @throws IllegalArgumentException if the region is malformed up to and including the entry found.
     */
    public static Object find(final DirectBuffer buffer, final int offset, final int length, final String name)
    {
        return find(buffer, offset, length, name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Finds one named value without decoding the others, for callers that keep the name's UTF-8 bytes (a selector
     * evaluated against many messages).
     *
     * @param buffer   to read from.
     * @param offset   of the encoded region.
     * @param length   of the encoded region; zero means no values.
     * @param nameUtf8 the name to look for, as UTF-8 bytes.
     * @return the boxed value ({@code byte[]} for {@link #BYTES}), or null if the name is absent or its value is null.
     * @throws IllegalArgumentException if the region is malformed up to and including the entry found.
     */
    public static Object find(final DirectBuffer buffer, final int offset, final int length, final byte[] nameUtf8)
    {
        final Reader reader = new Reader(buffer, offset, length);
        final int count = reader.readCount(MIN_NAMED_ENTRY_LENGTH);
        for (int i = 0; i < count; i++)
        {
            if (reader.skipNameUnlessEqual(nameUtf8))
            {
                return reader.readValue();
            }
            reader.skipValue();
        }

        return null;
    }

    /**
     * Encodes unnamed values in list order (the stream message body form).
     *
     * @param values values of the types listed for {@link #encode(Map, MutableDirectBuffer, int)}.
     * @param buffer to write to; an expandable buffer grows as needed.
     * @param offset at which to start writing.
     * @return the number of bytes written.
     * @throws IllegalArgumentException if a value has an unsupported type.
     */
    public static int encodeValues(final List<?> values, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, values.size(), LITTLE_ENDIAN);
        int position = offset + COUNT_LENGTH;
        for (final Object value : values)
        {
            position += encodeValue(value, buffer, position);
        }

        return position - offset;
    }

    /**
     * Decodes unnamed values (the stream message body form).
     *
     * @param buffer to read from.
     * @param offset of the encoded region.
     * @param length of the encoded region; zero means no values.
     * @return a new mutable list in encoded order.
     * @throws IllegalArgumentException if the region is malformed.
     */
    public static List<Object> decodeValues(final DirectBuffer buffer, final int offset, final int length)
    {
        final Reader reader = new Reader(buffer, offset, length);
        final int count = reader.readCount(TYPE_LENGTH);
        final List<Object> values = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++)
        {
            values.add(reader.readValue());
        }
        reader.requireFullyConsumed();

        return values;
    }

    /**
     * Whether {@link #encodeValue(Object, MutableDirectBuffer, int)} accepts a value of this object's class.
     *
     * @param value to test; null is supported.
     * @return true if the value can be encoded.
     */
    public static boolean isSupported(final Object value)
    {
        return null == value || value instanceof Boolean || value instanceof Byte || value instanceof Short ||
            value instanceof Character || value instanceof Integer || value instanceof Long ||
            value instanceof Float || value instanceof Double || value instanceof String || value instanceof byte[];
    }

    /**
     * Encodes one typed value: the type byte, then the value.
     *
     * @param value  of a supported type, see {@link #isSupported(Object)}.
     * @param buffer to write to.
     * @param index  at which to write.
     * @return the number of bytes written.
     * @throws IllegalArgumentException if the value has an unsupported type.
     */
    public static int encodeValue(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        final int valueIndex = index + TYPE_LENGTH;
        final int valueLength;
        final int type;
        if (null == value)
        {
            type = NULL;
            valueLength = 0;
        }
        else if (value instanceof String)
        {
            type = STRING;
            valueLength = buffer.putStringUtf8(valueIndex, (String)value, LITTLE_ENDIAN);
        }
        else if (value instanceof byte[])
        {
            final byte[] bytes = (byte[])value;
            type = BYTES;
            buffer.putInt(valueIndex, bytes.length, LITTLE_ENDIAN);
            buffer.putBytes(valueIndex + 4, bytes);
            valueLength = 4 + bytes.length;
        }
        else
        {
            return encodePrimitive(value, buffer, index);
        }
        buffer.putByte(index, (byte)type);

        return TYPE_LENGTH + valueLength;
    }

    private static int encodePrimitive(final Object value, final MutableDirectBuffer buffer, final int index)
    {
        final int valueIndex = index + TYPE_LENGTH;
        final int type;
        final int valueLength;
        if (value instanceof Integer)
        {
            type = INT;
            valueLength = 4;
            buffer.putInt(valueIndex, (Integer)value, LITTLE_ENDIAN);
        }
        else if (value instanceof Long)
        {
            type = LONG;
            valueLength = 8;
            buffer.putLong(valueIndex, (Long)value, LITTLE_ENDIAN);
        }
        else if (value instanceof Boolean)
        {
            type = BOOLEAN;
            valueLength = 1;
            buffer.putByte(valueIndex, (byte)((Boolean)value ? 1 : 0));
        }
        else if (value instanceof Byte)
        {
            type = BYTE;
            valueLength = 1;
            buffer.putByte(valueIndex, (Byte)value);
        }
        else if (value instanceof Short)
        {
            type = SHORT;
            valueLength = 2;
            buffer.putShort(valueIndex, (Short)value, LITTLE_ENDIAN);
        }
        else if (value instanceof Character)
        {
            type = CHAR;
            valueLength = 2;
            buffer.putChar(valueIndex, (Character)value, LITTLE_ENDIAN);
        }
        else if (value instanceof Float)
        {
            type = FLOAT;
            valueLength = 4;
            buffer.putFloat(valueIndex, (Float)value, LITTLE_ENDIAN);
        }
        else if (value instanceof Double)
        {
            type = DOUBLE;
            valueLength = 8;
            buffer.putDouble(valueIndex, (Double)value, LITTLE_ENDIAN);
        }
        else
        {
            throw new IllegalArgumentException("unsupported value type: " + value.getClass().getName());
        }
        buffer.putByte(index, (byte)type);

        return TYPE_LENGTH + valueLength;
    }

    private static int encodeName(final String name, final MutableDirectBuffer buffer, final int index)
    {
        if (null == name)
        {
            throw new IllegalArgumentException("name must not be null");
        }

        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException(
                "name longer than " + MAX_NAME_LENGTH + " UTF-8 bytes: " + bytes.length);
        }
        buffer.putShort(index, (short)bytes.length, LITTLE_ENDIAN);
        buffer.putBytes(index + NAME_LENGTH_LENGTH, bytes);

        return NAME_LENGTH_LENGTH + bytes.length;
    }

    /**
     * A bounds-checked cursor over one encoded region. Every read first proves that the bytes it needs lie inside
     * the region, so a hostile length can neither read outside the region nor make us allocate beyond it.
     */
    private static final class Reader
    {
        private final DirectBuffer buffer;
        private final int start;
        private final int end;
        private int position;

        Reader(final DirectBuffer buffer, final int offset, final int length)
        {
            if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
            {
                throw new IllegalArgumentException("region [offset=" + offset + ", length=" + length +
                    "] lies outside the buffer of capacity " + buffer.capacity());
            }
            this.buffer = buffer;
            this.start = offset;
            this.end = offset + length;
            this.position = offset;
        }

        int readCount(final int minEntryLength)
        {
            if (end == start)
            {
                return 0;
            }

            require(COUNT_LENGTH, "count");
            final int count = buffer.getInt(position, LITTLE_ENDIAN);
            if (count < 0)
            {
                throw new IllegalArgumentException("negative count: " + count);
            }
            position += COUNT_LENGTH;
            if ((long)count * minEntryLength > end - position)
            {
                throw new IllegalArgumentException(
                    "count " + count + " cannot fit in the remaining " + (end - position) + " bytes");
            }

            return count;
        }

        String readName()
        {
            final int nameLength = readNameLength();
            final String name = buffer.getStringWithoutLengthUtf8(position, nameLength);
            position += nameLength;

            return name;
        }

        boolean skipNameUnlessEqual(final byte[] nameUtf8)
        {
            final int nameLength = readNameLength();
            final int nameIndex = position;
            position += nameLength;
            if (nameLength != nameUtf8.length)
            {
                return false;
            }
            for (int i = 0; i < nameLength; i++)
            {
                if (buffer.getByte(nameIndex + i) != nameUtf8[i])
                {
                    return false;
                }
            }

            return true;
        }

        Object readValue()
        {
            final int typeIndex = position;
            final int type = readType();
            switch (type)
            {
                case BOOLEAN:
                    require(1, "boolean");
                    final byte flag = buffer.getByte(position++);
                    if (flag != 0 && flag != 1)
                    {
                        throw new IllegalArgumentException("boolean value " + flag + " at offset " + typeIndex);
                    }
                    return 1 == flag;
                case BYTE:
                    require(1, "byte");
                    return buffer.getByte(position++);
                case SHORT:
                    require(2, "short");
                    position += 2;
                    return buffer.getShort(position - 2, LITTLE_ENDIAN);
                case CHAR:
                    require(2, "char");
                    position += 2;
                    return buffer.getChar(position - 2, LITTLE_ENDIAN);
                default:
                    return readWideValue(type);
            }
        }

        private Object readWideValue(final int type)
        {
            switch (type)
            {
                case INT:
                    require(4, "int");
                    position += 4;
                    return buffer.getInt(position - 4, LITTLE_ENDIAN);
                case LONG:
                    require(8, "long");
                    position += 8;
                    return buffer.getLong(position - 8, LITTLE_ENDIAN);
                case FLOAT:
                    require(4, "float");
                    position += 4;
                    return buffer.getFloat(position - 4, LITTLE_ENDIAN);
                case DOUBLE:
                    require(8, "double");
                    position += 8;
                    return buffer.getDouble(position - 8, LITTLE_ENDIAN);
                case STRING:
                    final int stringLength = readVariableLength("string");
                    position += stringLength;
                    return buffer.getStringWithoutLengthUtf8(position - stringLength, stringLength);
                case BYTES:
                    final int bytesLength = readVariableLength("bytes");
                    final byte[] bytes = new byte[bytesLength];
                    buffer.getBytes(position, bytes);
                    position += bytesLength;
                    return bytes;
                case NULL:
                    return null;
                default:
                    throw new IllegalStateException("type already checked: " + type);
            }
        }

        void skipValue()
        {
            final int type = readType();
            switch (type)
            {
                case NULL:
                    break;
                case BOOLEAN:
                case BYTE:
                    skip(1, "byte value");
                    break;
                case SHORT:
                case CHAR:
                    skip(2, "two-byte value");
                    break;
                case INT:
                case FLOAT:
                    skip(4, "four-byte value");
                    break;
                case LONG:
                case DOUBLE:
                    skip(8, "eight-byte value");
                    break;
                default:
                    // A separate statement: "position += read()" would add to the position read before the call.
                    final int length = readVariableLength(STRING == type ? "string" : "bytes");
                    position += length;
                    break;
            }
        }

        void requireFullyConsumed()
        {
            if (position != end)
            {
                throw new IllegalArgumentException((end - position) + " trailing bytes after the last entry");
            }
        }

        private int readNameLength()
        {
            require(NAME_LENGTH_LENGTH, "name length");
            final int nameLength = buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
            position += NAME_LENGTH_LENGTH;
            require(nameLength, "name");

            return nameLength;
        }

        private int readType()
        {
            require(TYPE_LENGTH, "type");
            final int type = buffer.getByte(position) & 0xFF;
            if (type < BOOLEAN || type > NULL)
            {
                throw new IllegalArgumentException("unknown type " + type + " at offset " + (position - start));
            }
            position += TYPE_LENGTH;

            return type;
        }

        private int readVariableLength(final String what)
        {
            require(4, what + " length");
            final int length = buffer.getInt(position, LITTLE_ENDIAN);
            if (length < 0)
            {
                throw new IllegalArgumentException(
                    "negative " + what + " length " + length + " at offset " + (position - start));
            }
            position += 4;
            require(length, what);

            return length;
        }

        private void skip(final int length, final String what)
        {
            require(length, what);
            position += length;
        }

        private void require(final int length, final String what)
        {
            if (length > end - position)
            {
                throw new IllegalArgumentException(what + " of " + length + " bytes at offset " + (position - start) +
                    " runs past the end of the " + (end - start) + "-byte region");
            }
        }
    }
}
