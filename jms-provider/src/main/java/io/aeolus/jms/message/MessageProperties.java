package io.aeolus.jms.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

/**
 * The property part of a message. A received message keeps its properties in the encoded frame and decodes them on
 * first access; a message that is re-sent without its properties being touched copies the encoded bytes as they
 * are. {@code JMSXDeliveryCount} is not stored: it comes from the delivery and is visible only on received messages.
 * Not thread-safe: a message belongs to one session thread at a time.
 */
final class MessageProperties
{
    static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    static final String JMSX_GROUP_ID = "JMSXGroupID";
    static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    /** Selector literals and operators, which JMS forbids as identifiers (compared case-insensitively). */
    private static final Set<String> RESERVED_WORDS = Set.of(
        "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private Map<String, Object> values;
    private DirectBuffer encodedBuffer;
    private int encodedOffset;
    private int encodedLength;
    private boolean readOnly;
    private int deliveryCount;
    private SharedDecodes shared;
    private boolean valuesShared;

    void wrapEncoded(final DirectBuffer buffer, final int offset, final int length)
    {
        values = null;
        valuesShared = false;
        encodedBuffer = buffer;
        encodedOffset = offset;
        encodedLength = length;
    }

    /**
     * Shares the decoded map with the other subscriber copies of the same received frame.
     *
     * @param shared the frame's shared decodes.
     */
    void shared(final SharedDecodes shared)
    {
        this.shared = shared;
    }

    void readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
    }

    void deliveryCount(final int deliveryCount)
    {
        this.deliveryCount = deliveryCount;
    }

    Object get(final String name) throws MessageFormatException
    {
        if (deliveryCount > 0 && JMSX_DELIVERY_COUNT.equals(name))
        {
            return deliveryCount;
        }

        return values().get(name);
    }

    boolean exists(final String name) throws MessageFormatException
    {
        return (deliveryCount > 0 && JMSX_DELIVERY_COUNT.equals(name)) || values().containsKey(name);
    }

    Enumeration<String> names() throws MessageFormatException
    {
        final List<String> names = new ArrayList<>(values().keySet());
        if (deliveryCount > 0)
        {
            names.add(JMSX_DELIVERY_COUNT);
        }

        return Collections.enumeration(names);
    }

    /**
     * Sets a property on the application's behalf: checks writability, the name rules and the value type.
     */
    void set(final String name, final Object value) throws MessageFormatException, MessageNotWriteableException
    {
        validateName(name);
        if (readOnly)
        {
            throw new MessageNotWriteableException("properties of a received message are read-only until " +
                "clearProperties() is called");
        }
        validateValue(name, value);
        values().put(name, value);
    }

    /**
     * Sets a property copied from another provider's message: any name but the JMS-reserved words, no type rules
     * beyond the codec's.
     */
    void setCopied(final String name, final Object value) throws MessageFormatException
    {
        if (!JMSX_DELIVERY_COUNT.equals(name) && PropertiesCodec.isSupported(value) && isIdentifier(name))
        {
            values().put(name, value instanceof byte[] ? ((byte[])value).clone() : value);
        }
    }

    void clear()
    {
        values = new LinkedHashMap<>();
        encodedBuffer = null;
        shared = null;
        valuesShared = false;
        readOnly = false;
    }

    void encode(final JmsMessageEncoder encoder)
    {
        if ((null == values || valuesShared) && null != encodedBuffer)
        {
            encoder.putProperties(encodedBuffer, encodedOffset, encodedLength);
        }
        else if (null == values || values.isEmpty())
        {
            encoder.putProperties(encoder.buffer(), 0, 0);
        }
        else
        {
            final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 * values.size());
            final int length = PropertiesCodec.encode(values, scratch, 0);
            encoder.putProperties(scratch, 0, length);
        }
    }

    private Map<String, Object> values() throws MessageFormatException
    {
        if (null == values)
        {
            if (null == encodedBuffer)
            {
                values = new LinkedHashMap<>();
            }
            else if (null != shared && readOnly && null != shared.properties())
            {
                // Decoded by another copy of the frame: read-only here until clear() gives this copy its own.
                values = shared.properties();
                valuesShared = true;
            }
            else
            {
                try
                {
                    values = PropertiesCodec.decode(encodedBuffer, encodedOffset, encodedLength);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw TypeConversion.messageFormat("malformed message properties: " + ex.getMessage(), ex);
                }
                if (null != shared && readOnly && noArrays(values))
                {
                    shared.properties(Collections.unmodifiableMap(values));
                }
                encodedBuffer = null;
            }
        }

        return values;
    }

    /**
     * JMS property names follow the selector identifier rules, and the {@code JMS} prefix is reserved: {@code JMSX}
     * for properties the specification defines (applications may set only {@code JMSXGroupID} and
     * {@code JMSXGroupSeq}; the rest are set by providers), {@code JMS_} for provider-specific ones (Aeolus defines
     * none), and any other {@code JMS} name is a header field.
     */
    private static boolean noArrays(final Map<String, Object> values)
    {
        for (final Object value : values.values())
        {
            if (value instanceof byte[])
            {
                return false;
            }
        }
        return true;
    }

    static void validateName(final String name)
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("property name must not be null or empty");
        }
        if (!isIdentifier(name))
        {
            throw new IllegalArgumentException("property name is not a valid selector identifier: " + name);
        }
        checkNameLength(name);
        if (RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT)))
        {
            throw new IllegalArgumentException("property name is a reserved selector word: " + name);
        }
        if (name.startsWith("JMS") && !JMSX_GROUP_ID.equals(name) && !JMSX_GROUP_SEQ.equals(name))
        {
            throw new IllegalArgumentException("property names beginning with JMS are reserved (applications may " +
                "set only JMSXGroupID and JMSXGroupSeq): " + name);
        }
    }

    /**
     * Names travel with a uint16 length ({@link PropertiesCodec}); refuse longer ones when they are set rather than
     * when the message is sent.
     */
    static void checkNameLength(final String name)
    {
        // A char takes at most three UTF-8 bytes, so only long names need encoding to be measured.
        if (name.length() > PropertiesCodec.MAX_NAME_LENGTH / 3 &&
            name.getBytes(StandardCharsets.UTF_8).length > PropertiesCodec.MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("name longer than " + PropertiesCodec.MAX_NAME_LENGTH +
                " UTF-8 bytes");
        }
    }

    private static boolean isIdentifier(final String name)
    {
        if (null == name || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)))
        {
            return false;
        }
        for (int i = 1; i < name.length(); i++)
        {
            if (!Character.isJavaIdentifierPart(name.charAt(i)))
            {
                return false;
            }
        }

        return !RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT));
    }

    private static void validateValue(final String name, final Object value) throws MessageFormatException
    {
        if (value instanceof Character || value instanceof byte[] || !PropertiesCodec.isSupported(value))
        {
            throw new MessageFormatException("property values must be Boolean, Byte, Short, Integer, Long, Float, " +
                "Double or String, not " + value.getClass().getName());
        }
        if (JMSX_GROUP_ID.equals(name) && null != value && !(value instanceof String))
        {
            throw new MessageFormatException("JMSXGroupID must be a String");
        }
        if (JMSX_GROUP_SEQ.equals(name) && null != value && !(value instanceof Integer))
        {
            throw new MessageFormatException("JMSXGroupSeq must be an int");
        }
    }
}
