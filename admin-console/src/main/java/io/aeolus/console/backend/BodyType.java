package io.aeolus.console.backend;

import java.util.Locale;

/**
 * The JMS message type, which says what a body is.
 */
public enum BodyType
{
    /** A plain {@code Message}: no body. */
    MESSAGE,
    /** {@code TextMessage}: a string. */
    TEXT,
    /** {@code BytesMessage}: raw bytes. */
    BYTES,
    /** {@code MapMessage}: named values. */
    MAP,
    /** {@code StreamMessage}: a sequence of values. */
    STREAM,
    /** {@code ObjectMessage}: a serialized Java object, which the console never deserializes. */
    OBJECT;

    /**
     * Reads the name the broker uses, tolerating case and unknown names.
     *
     * @param name e.g. {@code TEXT}; may be null.
     * @return the type, {@link #MESSAGE} when the name is null or unknown.
     */
    public static BodyType parse(final String name)
    {
        if (null == name)
        {
            return MESSAGE;
        }
        try
        {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            return MESSAGE;
        }
    }
}
