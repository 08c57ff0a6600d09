package io.aeolus.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The 16-byte header that wraps every Aeolus frame between a client and a broker group (Aeron Cluster), in both
 * directions, so that neither a leader change nor a lost message loses or repeats a frame.
 * <p>
 * Layout, little-endian: {@code sequence:int64 | acknowledged:int64}, then the frame. Each side numbers the frames
 * it sends from 1 ({@code sequence}) and says, in {@code acknowledged}, up to which of the other side's sequence it
 * has taken every frame. The sender keeps what is not acknowledged and sends it again after a leader change; the
 * receiver drops a sequence it already took. Sequence {@link #CONTROL} carries only the acknowledgement (no frame),
 * and a client's sequence {@link #RESYNC} asks the group to send again every frame after {@code acknowledged};
 * the group's {@link #RESYNC} says it has sent them all again. The group's {@link #CONTROL} carries, after the
 * header, the last sequence it sent ({@link #LAST_SENT_OFFSET}), so that a client learns of a frame it missed even
 * when no frame follows it.
 * Stateless; any thread.
 */
public final class ClusterFraming
{
    /** Bytes before the frame. */
    public static final int HEADER_LENGTH = 16;
    /** Offset of the sequence. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the acknowledged sequence. */
    public static final int ACKNOWLEDGED_OFFSET = 8;
    /** Offset, in the group's control messages, of the last sequence the group sent. */
    public static final int LAST_SENT_OFFSET = HEADER_LENGTH;
    /** Length of the group's control messages. */
    public static final int CONTROL_LENGTH = HEADER_LENGTH + 8;
    /** Sequence of a message that carries only an acknowledgement (or, from the group, a heartbeat). */
    public static final long CONTROL = 0;
    /** Sequence of a client's request to send again every frame after the acknowledged one, and of the answer. */
    public static final long RESYNC = -1;

    private ClusterFraming()
    {
    }

    /**
     * @param buffer holds the message.
     * @param offset of the message.
     * @return its sequence.
     */
    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param buffer holds the message.
     * @param offset of the message.
     * @return the other side's sequence acknowledged.
     */
    public static long acknowledged(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + ACKNOWLEDGED_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes the header.
     *
     * @param buffer       receives it.
     * @param offset       of the message.
     * @param sequence     this frame's sequence, {@link #CONTROL} or {@link #RESYNC}.
     * @param acknowledged the other side's sequence taken so far.
     */
    public static void putHeader(
        final MutableDirectBuffer buffer, final int offset, final long sequence, final long acknowledged)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + ACKNOWLEDGED_OFFSET, acknowledged, ByteOrder.LITTLE_ENDIAN);
    }
}
