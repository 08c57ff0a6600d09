package io.aeolus.jms.admin;

import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Reads the lines of a {@link MessageFile}: checks the header, and turns each message line into the
 * {@link NewMessage} that sends it again, refusing a malformed one with a {@link MessageFileException} that names the
 * line and the field. Stateless; allocates.
 */
final class MessageFileReader
{
    private static final Set<String> BODY_TYPES = Set.of("MESSAGE", "TEXT", "BYTES", "MAP", "STREAM", "OBJECT");

    private MessageFileReader()
    {
    }

    static void readHeader(final String line) throws MessageFileException
    {
        if (null == line)
        {
            throw new MessageFileException(1, "the file is empty: a message file starts with its header");
        }
        final Map<String, Object> header = object(line, 1);
        if (!MessageFile.FORMAT.equals(header.get("format")))
        {
            throw new MessageFileException(1, "not a message file: its header's format is not '" +
                MessageFile.FORMAT + "'");
        }
        final long version = integer(header, "version", -1, 1);
        if (version != MessageFile.VERSION)
        {
            throw new MessageFileException(1, "a message file of version " + version + ": this client reads version " +
                MessageFile.VERSION);
        }
    }

    /**
     * @return the message to send, or null if it has expired.
     */
    static NewMessage message(final String line, final int number, final long nowMs) throws MessageFileException
    {
        final Map<String, Object> fields = object(line, number);
        final String bodyType = string(fields, "bodyType", null, number);
        if (null == bodyType || !BODY_TYPES.contains(bodyType))
        {
            throw new MessageFileException(number, "'bodyType' must be one of " + BODY_TYPES + ", not " + bodyType);
        }
        final String body = string(fields, "body", null, number);
        if (null == body)
        {
            throw new MessageFileException(number, "'body' is missing");
        }
        final long expiration = integer(fields, "expiration", 0, number);
        if (expiration > 0 && expiration <= nowMs)
        {
            return null;
        }
        final NewMessage message = NewMessage.encoded(bodyType, base64(body, "body", number));
        final String mode = string(fields, "deliveryMode", "PERSISTENT", number);
        if (!"PERSISTENT".equals(mode) && !"NON_PERSISTENT".equals(mode))
        {
            throw new MessageFileException(number, "'deliveryMode' must be PERSISTENT or NON_PERSISTENT, not " + mode);
        }
        final long priority = integer(fields, "priority", 4, number);
        if (priority < 0 || priority > 9)
        {
            throw new MessageFileException(number, "'priority' must be 0 to 9, not " + priority);
        }
        message.persistent("PERSISTENT".equals(mode))
            .priority((int)priority)
            .timeToLiveMs(expiration > 0 ? expiration - nowMs : 0)
            .deliveryDelayMs(Math.max(0, integer(fields, "deliveryTime", 0, number) - nowMs))
            .jmsType(emptyToNull(string(fields, "type", "", number)));
        final String correlationIdBytes = string(fields, "correlationIdBytes", null, number);
        if (null != correlationIdBytes)
        {
            message.correlationIdBytes(base64(correlationIdBytes, "correlationIdBytes", number));
        }
        else
        {
            message.correlationId(emptyToNull(string(fields, "correlationId", "", number)));
        }
        final String replyTo = string(fields, "replyTo", "", number);
        final String replyToType = string(fields, "replyToType", "QUEUE", number);
        if (!replyTo.isEmpty())
        {
            message.replyTo(replyTo, replyToType.endsWith("TOPIC"));
        }
        properties(fields, number, message);
        return message;
    }

    private static void properties(final Map<String, Object> fields, final int number, final NewMessage message)
        throws MessageFileException
    {
        final Object properties = fields.get("properties");
        if (null == properties)
        {
            return;
        }
        if (!(properties instanceof Map))
        {
            throw new MessageFileException(number, "'properties' must be an object");
        }
        for (final Map.Entry<?, ?> property : ((Map<?, ?>)properties).entrySet())
        {
            final String name = (String)property.getKey();
            if (!(property.getValue() instanceof Map))
            {
                throw new MessageFileException(number, "property '" + name + "' must be {\"type\":..,\"value\":..}");
            }
            final Map<?, ?> typed = (Map<?, ?>)property.getValue();
            message.property(name, value(name, typed.get("type"), typed.get("value"), number));
        }
    }

    private static Object value(final String name, final Object type, final Object value, final int number)
        throws MessageFileException
    {
        try
        {
            if ("boolean".equals(type) && value instanceof Boolean)
            {
                return value;
            }
            if ("string".equals(type) && value instanceof String)
            {
                return value;
            }
            final String text = value instanceof Json.Number ? ((Json.Number)value).text() :
                value instanceof String ? (String)value : null;
            if (null != text)
            {
                switch (String.valueOf(type))
                {
                    case "byte":
                        return Byte.parseByte(text);
                    case "short":
                        return Short.parseShort(text);
                    case "int":
                        return Integer.parseInt(text);
                    case "long":
                        return Long.parseLong(text);
                    case "float":
                        return Float.parseFloat(text);
                    case "double":
                        return Double.parseDouble(text);
                    default:
                        break;
                }
            }
        }
        catch (final NumberFormatException ex)
        {
            // Reported below.
        }
        throw new MessageFileException(number, "property '" + name + "': " + describe(value) +
            " is not a value of type " + type + " (boolean, byte, short, int, long, float, double or string)");
    }

    /**
     * @return the file format's name for a property value's type.
     */
    static String typeName(final Object value)
    {
        if (value instanceof Boolean)
        {
            return "boolean";
        }
        if (value instanceof Byte)
        {
            return "byte";
        }
        if (value instanceof Short)
        {
            return "short";
        }
        if (value instanceof Integer)
        {
            return "int";
        }
        if (value instanceof Long)
        {
            return "long";
        }
        if (value instanceof Float)
        {
            return "float";
        }
        if (value instanceof Double)
        {
            return "double";
        }
        // Not a JMS property type: kept as text so that the line still reads, and refused by an import.
        return value instanceof String ? "string" : value instanceof byte[] ? "bytes" : "char";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(final String line, final int number) throws MessageFileException
    {
        final Object value;
        try
        {
            value = Json.parse(line);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new MessageFileException(number, "not JSON: " + ex.getMessage());
        }
        if (!(value instanceof Map))
        {
            throw new MessageFileException(number, "a line holds one JSON object");
        }
        return (Map<String, Object>)value;
    }

    private static String string(final Map<String, Object> fields, final String name, final String defaultValue,
        final int number) throws MessageFileException
    {
        final Object value = fields.get(name);
        if (null == value)
        {
            return defaultValue;
        }
        if (!(value instanceof String))
        {
            throw new MessageFileException(number, "'" + name + "' must be a string");
        }
        return (String)value;
    }

    private static long integer(final Map<String, Object> fields, final String name, final long defaultValue,
        final int number) throws MessageFileException
    {
        final Object value = fields.get(name);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(((Json.Number)value).text());
        }
        catch (final ClassCastException | NumberFormatException ex)
        {
            throw new MessageFileException(number, "'" + name + "' must be an integer, not " + describe(value));
        }
    }

    private static byte[] base64(final String text, final String name, final int number)
        throws MessageFileException
    {
        try
        {
            return Base64.getDecoder().decode(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new MessageFileException(number, "'" + name + "' is not base64: " + ex.getMessage());
        }
    }

    private static String describe(final Object value)
    {
        return value instanceof Json.Number ? ((Json.Number)value).text() :
            value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String emptyToNull(final String value)
    {
        return null == value || value.isEmpty() ? null : value;
    }
}
