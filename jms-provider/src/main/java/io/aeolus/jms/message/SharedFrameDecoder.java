package io.aeolus.jms.message;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import jakarta.jms.MessageFormatException;

/**
 * Decodes the messages of one connection's deliveries, once per message rather than once per subscriber copy. A
 * topic message that reaches several subscribers on one connection arrives as one {@code Deliver} frame per
 * subscriber, each with the same message bytes; the first is copied and decoded as usual, and each following
 * delivery whose bytes equal it (compared, not parsed) gets a new message object over the same copy with the
 * headers of the first decode: no second copy, no second parse. The second and later copies also share what they
 * decode lazily ({@link SharedDecodes}): the property map (read-only until a copy's {@code clearProperties()}) and a
 * text body; the first copy decodes its own, so that a delivery with no second copy allocates nothing for sharing.
 * <p>
 * Each consumer still gets its own message object, with its own header fields, its own lazily decoded properties
 * and body, its own read-only state and its own delivery count: what one consumer does to its message
 * ({@code clearBody}, {@code clearProperties}, setting headers) leaves every other copy as received, because a
 * received message never writes into the bytes it was decoded from.
 * <p>
 * Frames longer than {@link #MAX_SHARED_LENGTH} are decoded as usual and not remembered, so that a large message is
 * not kept alive by this decoder after its consumers let it go. Not thread-safe: one instance per connection, used
 * by its receive thread only.
 */
public final class SharedFrameDecoder
{
    /**
     * Longest frame whose copy is remembered for the following deliveries.
     */
    public static final int MAX_SHARED_LENGTH = 64 * 1024;

    private final UnsafeBuffer incoming = new UnsafeBuffer(0, 0);
    private final MessageHeaders headers = new MessageHeaders();
    private UnsafeBuffer frame;
    private short bodyTypeRaw;
    private int propertiesOffset;
    private int propertiesLength;
    private int bodyOffset;
    private int bodyLength;
    private DeserializationPolicy policy;
    private SharedDecodes decodes;
    private long sharedDecodes;

    /**
     * Decodes a message received from the broker, as {@link AeolusMessage#decode}, sharing the copy and the decoded
     * headers of the previous delivery when the bytes are the same.
     *
     * @param buffer holding the frame.
     * @param offset of the frame's SBE message header.
     * @param length of the frame in bytes.
     * @param policy deserialization policy for an {@code ObjectMessage} body; null means
     *               {@link DeserializationPolicy#secureDefault()}.
     * @return a new message of the subtype the frame's body type names, read-only.
     * @throws MessageFormatException if the frame is not a well-formed {@code JmsMessage}.
     */
    public AeolusMessage decode(
        final DirectBuffer buffer, final int offset, final int length, final DeserializationPolicy policy)
        throws MessageFormatException
    {
        if (null != frame && length == frame.capacity() && policy == this.policy && offset >= 0 &&
            (long)offset + length <= buffer.capacity() && sameBytes(buffer, offset, length))
        {
            sharedDecodes++;
            if (null == decodes)
            {
                // Only once a frame has a second copy: a queue's deliveries, each different, allocate nothing more.
                decodes = new SharedDecodes();
            }
            return MessageFrameCodec.decodeShared(bodyTypeRaw, headers, frame, propertiesOffset, propertiesLength,
                bodyOffset, bodyLength, policy, decodes);
        }
        frame = null;
        decodes = null;
        return MessageFrameCodec.decode(buffer, offset, length, policy, length <= MAX_SHARED_LENGTH ? this : null);
    }

    /**
     * @return how many messages were decoded by sharing an earlier delivery's copy (for tests and diagnostics).
     */
    public long sharedDecodes()
    {
        return sharedDecodes;
    }

    void remember(
        final UnsafeBuffer frame,
        final short bodyTypeRaw,
        final MessageHeaders decodedHeaders,
        final int propertiesOffset,
        final int propertiesLength,
        final int bodyOffset,
        final int bodyLength,
        final DeserializationPolicy policy)
    {
        this.frame = frame;
        this.bodyTypeRaw = bodyTypeRaw;
        this.headers.copyFrom(decodedHeaders);
        this.propertiesOffset = propertiesOffset;
        this.propertiesLength = propertiesLength;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.policy = policy;
        this.decodes = null;
    }

    private boolean sameBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        incoming.wrap(buffer, offset, length);
        final boolean same = incoming.equals(frame);
        incoming.wrap(frame, 0, 0);
        return same;
    }
}
