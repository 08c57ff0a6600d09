package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.zip.CRC32;

/**
 * Reads a whole snapshot from its source, checks its frame (magic, version, length, checksum) before anything is
 * decoded, then decodes the body as {@link SnapshotWriter} wrote it. Every problem is an
 * {@link IllegalArgumentException} whose message starts with "snapshot" and names it. Engine thread only.
 */
final class SnapshotReader
{
    private final UnsafeBuffer body;
    private final ArrayList<BrokerMessage> messages = new ArrayList<>();
    private final ArrayList<QueueEntry> entries = new ArrayList<>();
    private final int version;
    private int position;

    private SnapshotReader(final UnsafeBuffer body, final int version)
    {
        this.body = body;
        this.version = version;
    }

    /**
     * @return the format version of the snapshot read.
     */
    int version()
    {
        return version;
    }

    static SnapshotReader open(final SnapshotSource source)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
        int length = 0;
        while (true)
        {
            bytes.checkLimit(length + EngineSnapshot.CHUNK_LENGTH);
            final int read = source.read(bytes, length, EngineSnapshot.CHUNK_LENGTH);
            if (read < 0)
            {
                break;
            }
            if (0 == read)
            {
                throw new IllegalArgumentException("snapshot source gave 0 bytes: it must give at least 1, or -1 at " +
                    "the end");
            }
            length += read;
        }
        if (length < EngineSnapshot.HEADER_LENGTH)
        {
            throw new IllegalArgumentException("snapshot truncated: " + length + " bytes, shorter than its " +
                EngineSnapshot.HEADER_LENGTH + "-byte header");
        }
        final int magic = bytes.getInt(0, ByteOrder.LITTLE_ENDIAN);
        if (magic != EngineSnapshot.MAGIC)
        {
            throw new IllegalArgumentException("not an engine snapshot: it starts with 0x" +
                Integer.toHexString(magic) + ", not 0x" + Integer.toHexString(EngineSnapshot.MAGIC));
        }
        final int version = bytes.getInt(4, ByteOrder.LITTLE_ENDIAN);
        if (version != EngineSnapshot.VERSION && version != EngineSnapshot.OLDEST_VERSION &&
            version != EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE)
        {
            throw new IllegalArgumentException("snapshot version " + version + " is not supported: this engine " +
                "reads versions " + EngineSnapshot.OLDEST_VERSION + ", " +
                EngineSnapshot.REFERENCES_AND_SETTINGS_SINCE + " and " + EngineSnapshot.VERSION);
        }
        final long bodyLength = bytes.getLong(8, ByteOrder.LITTLE_ENDIAN);
        final long expected = EngineSnapshot.HEADER_LENGTH + bodyLength + EngineSnapshot.TRAILER_LENGTH;
        if (bodyLength < 0 || length < expected)
        {
            throw new IllegalArgumentException("snapshot truncated: " + length + " bytes of " + expected);
        }
        if (length > expected)
        {
            throw new IllegalArgumentException("snapshot corrupted: " + (length - expected) +
                " bytes after its end");
        }
        final CRC32 crc = new CRC32();
        crc.update(bytes.byteArray(), EngineSnapshot.HEADER_LENGTH, (int)bodyLength);
        final int checksum = bytes.getInt(EngineSnapshot.HEADER_LENGTH + (int)bodyLength, ByteOrder.LITTLE_ENDIAN);
        if (checksum != (int)crc.getValue())
        {
            throw new IllegalArgumentException("snapshot corrupted: its CRC-32 0x" + Integer.toHexString(checksum) +
                " does not match its contents (0x" + Integer.toHexString((int)crc.getValue()) + ")");
        }
        return new SnapshotReader(
            new UnsafeBuffer(bytes.byteArray(), EngineSnapshot.HEADER_LENGTH, (int)bodyLength), version);
    }

    private void need(final int length, final String what)
    {
        if (length < 0 || position + length > body.capacity())
        {
            throw new IllegalArgumentException("snapshot corrupted: " + what + " at body offset " + position +
                " runs past the end (" + body.capacity() + " bytes)");
        }
    }

    int readByte()
    {
        need(1, "a byte");
        return body.getByte(position++);
    }

    boolean readBoolean()
    {
        final int value = readByte();
        if (value != 0 && value != 1)
        {
            throw new IllegalArgumentException("snapshot corrupted: boolean " + value + " at body offset " +
                (position - 1));
        }
        return value == 1;
    }

    int readInt()
    {
        need(4, "an int");
        final int value = body.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += 4;
        return value;
    }

    long readLong()
    {
        need(8, "a long");
        final long value = body.getLong(position, ByteOrder.LITTLE_ENDIAN);
        position += 8;
        return value;
    }

    /**
     * @return a count of following items, checked against the bytes left (each item takes at least one byte).
     */
    int readCount(final String what)
    {
        final int count = readInt();
        if (count < 0 || count > body.capacity() - position)
        {
            throw new IllegalArgumentException("snapshot corrupted: " + count + " " + what + " at body offset " +
                (position - 4));
        }
        return count;
    }

    String readString()
    {
        final byte[] bytes = readBytes();
        return null == bytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    byte[] readBytes()
    {
        final int length = readInt();
        if (length == -1)
        {
            return null;
        }
        need(length, "a field of " + length + " bytes");
        final byte[] bytes = new byte[length];
        body.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    <E extends Enum<E>> E readEnum(final E[] values, final String what)
    {
        final int ordinal = readByte();
        if (ordinal < 0 || ordinal >= values.length)
        {
            throw new IllegalArgumentException("snapshot corrupted: no " + what + " numbered " + ordinal);
        }
        return values[ordinal];
    }

    BrokerMessage readMessage()
    {
        final int index = readInt();
        if (index >= 0 && index < messages.size())
        {
            return messages.get(index);
        }
        if (index != messages.size())
        {
            throw new IllegalArgumentException("snapshot corrupted: message " + index + " is not in its table of " +
                messages.size());
        }
        final long messageId = readLong();
        final boolean stored = readBoolean();
        final byte[] bytes = readBytes();
        if (null == bytes)
        {
            throw new IllegalArgumentException("snapshot corrupted: message " + messageId + " has no bytes");
        }
        final BrokerMessage message;
        try
        {
            message = BrokerMessage.decode(messageId, new UnsafeBuffer(bytes), 0, bytes.length);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("snapshot corrupted: message " + messageId + ": " + ex.getMessage(), ex);
        }
        if (stored)
        {
            message.markStored();
        }
        messages.add(message);
        return message;
    }

    /**
     * Notes an entry just read, under the number {@link SnapshotWriter#noteEntry} gave it.
     */
    void noteEntry(final QueueEntry entry)
    {
        entries.add(entry);
    }

    /**
     * @return the entry of that number, read earlier.
     */
    QueueEntry entry(final int number)
    {
        if (number < 0 || number >= entries.size())
        {
            throw new IllegalArgumentException("snapshot corrupted: entry " + number + " is not among the " +
                entries.size() + " entries read");
        }
        return entries.get(number);
    }

    void end()
    {
        if (position != body.capacity())
        {
            throw new IllegalArgumentException("snapshot corrupted: " + (body.capacity() - position) +
                " bytes left unread after its last section");
        }
    }
}
