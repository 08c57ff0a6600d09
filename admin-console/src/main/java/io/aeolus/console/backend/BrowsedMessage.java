package io.aeolus.console.backend;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A message seen through a browser, without consuming it; immutable.
 *
 * @param messageId   JMSMessageID.
 * @param timestampMs JMSTimestamp in epoch milliseconds.
 * @param headers     JMS headers by name, as text.
 * @param properties  application properties by name, as text.
 * @param bodyType    what kind of body the message has.
 * @param bodyText    the body as text: the text of a TextMessage, the values of a map or stream body, the class
 *                    name of an ObjectMessage; empty for a BytesMessage (see {@code bodyBytes}).
 * @param bodyBytes   the raw body when the backend has it (a BytesMessage's bytes, the serialized form of an
 *                    ObjectMessage when available), else null. Copied on the way in and out.
 * @param bodySize    the full body size as the broker stores it, in bytes; at least what is held here.
 * @param truncated   true when the backend holds only the start of the body.
 */
public record BrowsedMessage(
    String messageId,
    long timestampMs,
    Map<String, String> headers,
    Map<String, String> properties,
    BodyType bodyType,
    String bodyText,
    byte[] bodyBytes,
    long bodySize,
    boolean truncated)
{
    /**
     * Copies the maps and the bytes so the record stays immutable.
     */
    public BrowsedMessage
    {
        headers = Map.copyOf(headers);
        properties = Map.copyOf(properties);
        Objects.requireNonNull(bodyType, "bodyType");
        bodyText = null == bodyText ? "" : bodyText;
        bodyBytes = null == bodyBytes ? null : bodyBytes.clone();
    }

    /**
     * A text message.
     *
     * @param messageId   JMSMessageID.
     * @param timestampMs JMSTimestamp in epoch milliseconds.
     * @param headers     JMS headers by name, as text.
     * @param properties  application properties by name, as text.
     * @param bodyText    the text, possibly only its start.
     * @param bodyLength  the full text's length in characters; more than {@code bodyText.length()} when cut.
     */
    public BrowsedMessage(
        final String messageId,
        final long timestampMs,
        final Map<String, String> headers,
        final Map<String, String> properties,
        final String bodyText,
        final long bodyLength)
    {
        this(messageId, timestampMs, headers, properties, BodyType.TEXT, bodyText, null,
            Math.max(bodyLength, bodyText.length()), bodyLength > bodyText.length());
    }

    /**
     * The raw body, copied; allocates.
     *
     * @return the bytes, or null when the backend has none.
     */
    @Override
    public byte[] bodyBytes()
    {
        return null == bodyBytes ? null : bodyBytes.clone();
    }

    /**
     * Whether the backend holds the raw body bytes.
     *
     * @return true when {@link #bodyBytes()} is not null.
     */
    public boolean hasBodyBytes()
    {
        return null != bodyBytes;
    }

    /**
     * The body as the backend has it, as bytes: the raw bytes when held, else the text in UTF-8. What "Save to
     * file" writes. Allocates.
     *
     * @return the bytes.
     */
    public byte[] contentBytes()
    {
        return null != bodyBytes ? bodyBytes.clone() : bodyText.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Compares by content, the bytes included.
     *
     * @param other another object.
     * @return true when equal.
     */
    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof BrowsedMessage))
        {
            return false;
        }
        final BrowsedMessage that = (BrowsedMessage)other;
        return timestampMs == that.timestampMs && bodySize == that.bodySize && truncated == that.truncated &&
            messageId.equals(that.messageId) && headers.equals(that.headers) && properties.equals(that.properties) &&
            bodyType == that.bodyType && bodyText.equals(that.bodyText) && Arrays.equals(bodyBytes, that.bodyBytes);
    }

    /**
     * Hash of the content.
     *
     * @return the hash.
     */
    @Override
    public int hashCode()
    {
        return Objects.hash(messageId, timestampMs, bodyType, bodySize) * 31 + Arrays.hashCode(bodyBytes);
    }

    /**
     * A short description without the body.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        return "BrowsedMessage[" + messageId + ", " + bodyType + ", " + bodySize + " bytes" +
            (truncated ? ", truncated]" : "]");
    }
}
