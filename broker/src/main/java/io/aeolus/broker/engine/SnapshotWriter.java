package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.zip.CRC32;

/**
 * Encodes a snapshot's body, little-endian: fixed-width numbers, strings as a length (-1 for null) and UTF-8 bytes,
 * and each message once (its first mention carries its bytes, later ones its index). {@link #finish} frames the body
 * with the header and the checksum and hands it to a {@link SnapshotSink}. Allocates; engine thread only.
 */
final class SnapshotWriter
{
    private final ExpandableArrayBuffer body = new ExpandableArrayBuffer(64 * 1024);
    /** Identity, not equality: two messages may share a broker id (a topic message paged in per subscription). */
    private final IdentityHashMap<BrokerMessage, Integer> messages = new IdentityHashMap<>();
    /** The entries a later section names ({@link #nameEntries}): each by the number of entries written before it. */
    private final IdentityHashMap<QueueEntry, Integer> entries = new IdentityHashMap<>();
    private int entryCount;
    private int position;
    private final int version;

    SnapshotWriter()
    {
        this(EngineSnapshot.VERSION);
    }

    /**
     * @param version the format to write: {@link EngineSnapshot#VERSION}, or (for the tests that the older format
     *                still reads) {@link EngineSnapshot#OLDEST_VERSION}.
     */
    SnapshotWriter(final int version)
    {
        this.version = version;
    }

    int version()
    {
        return version;
    }

    void writeByte(final int value)
    {
        body.putByte(position, (byte)value);
        position += 1;
    }

    void writeBoolean(final boolean value)
    {
        writeByte(value ? 1 : 0);
    }

    void writeInt(final int value)
    {
        body.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += 4;
    }

    void writeLong(final long value)
    {
        body.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += 8;
    }

    void writeString(final String value)
    {
        writeBytes(null == value ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    void writeBytes(final byte[] value)
    {
        if (null == value)
        {
            writeInt(-1);
            return;
        }
        writeInt(value.length);
        body.putBytes(position, value);
        position += value.length;
    }

    /**
     * Writes a message: its index in the snapshot's message table, followed the first time by the message itself
     * (broker id, whether it is journaled, its encoded bytes).
     */
    void writeMessage(final BrokerMessage message)
    {
        final Integer known = messages.get(message);
        if (null != known)
        {
            writeInt(known);
            return;
        }
        final int index = messages.size();
        messages.put(message, index);
        writeInt(index);
        writeLong(message.messageId());
        writeBoolean(message.isStored());
        writeBytes(message.encodedBytes());
    }

    /**
     * Notes that an entry's state was just written (the reader notes each entry it reads, in the same order).
     */
    void noteEntry(final QueueEntry entry)
    {
        if (!entries.isEmpty())
        {
            final Integer number = entries.get(entry);
            if (null != number && number < 0)
            {
                entries.put(entry, entryCount);
            }
        }
        entryCount++;
    }

    /**
     * Before any entry is written: the entries a later section will name, so that only those are looked up as each
     * entry is written (a snapshot of a million entries and no last-value queue pays nothing for the numbering).
     */
    void nameEntries(final Iterable<QueueEntry> named)
    {
        for (final QueueEntry entry : named)
        {
            entries.put(entry, -1);
        }
    }

    /**
     * @return the number of an entry written earlier, -1 if it was not written (it is no longer in the engine).
     */
    int entryNumber(final QueueEntry entry)
    {
        final Integer number = entries.get(entry);
        return null == number || number < 0 ? -1 : number;
    }

    /**
     * Frames the body (magic, version, body length; the body; CRC-32 of the body) and writes it to the sink in
     * chunks.
     *
     * @return the snapshot's length in bytes.
     */
    long finish(final SnapshotSink sink)
    {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[EngineSnapshot.HEADER_LENGTH]);
        header.putInt(0, EngineSnapshot.MAGIC, ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, version, ByteOrder.LITTLE_ENDIAN);
        header.putLong(8, position, ByteOrder.LITTLE_ENDIAN);
        sink.write(header, 0, EngineSnapshot.HEADER_LENGTH);
        for (int offset = 0; offset < position; offset += EngineSnapshot.CHUNK_LENGTH)
        {
            sink.write(body, offset, Math.min(EngineSnapshot.CHUNK_LENGTH, position - offset));
        }
        final CRC32 crc = new CRC32();
        crc.update(body.byteArray(), 0, position);
        final UnsafeBuffer trailer = new UnsafeBuffer(new byte[EngineSnapshot.TRAILER_LENGTH]);
        trailer.putInt(0, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        sink.write(trailer, 0, EngineSnapshot.TRAILER_LENGTH);
        return EngineSnapshot.HEADER_LENGTH + position + EngineSnapshot.TRAILER_LENGTH;
    }
}
