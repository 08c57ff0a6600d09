package io.aeolus.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The JMS value conversion tables: message properties (Jakarta Messaging 3.1, section 3.5.4) and the
 * {@code StreamMessage}/{@code MapMessage} bodies (section 3.11.3). The property table is the body table without the
 * {@code char} and {@code byte[]} rows, and properties never hold those types, so one set of conversions serves both.
 * <p>
 * A value written as one type reads as a wider type of the same kind, or as a {@code String}; a {@code String} reads
 * as any type but {@code char} and {@code byte[]} through the primitive's {@code parseXxx}, which may throw
 * {@link NumberFormatException}. A null reads as the primitive's {@code valueOf((String)null)} would: {@code false}
 * for boolean, {@link NumberFormatException} for the integral types, {@link NullPointerException} for float, double
 * and (as the specification states) char. Every other pair throws {@link MessageFormatException}.
 */
final class TypeConversion
{
    private TypeConversion()
    {
    }

    static boolean toBoolean(final Object value) throws MessageFormatException
    {
        if (value instanceof Boolean)
        {
            return (Boolean)value;
        }
        if (null == value || value instanceof String)
        {
            return Boolean.parseBoolean((String)value);
        }

        throw invalid(value, "boolean");
    }

    static byte toByte(final Object value) throws MessageFormatException
    {
        if (value instanceof Byte)
        {
            return (Byte)value;
        }
        if (null == value || value instanceof String)
        {
            return Byte.parseByte((String)value);
        }

        throw invalid(value, "byte");
    }

    static short toShort(final Object value) throws MessageFormatException
    {
        if (value instanceof Short || value instanceof Byte)
        {
            return ((Number)value).shortValue();
        }
        if (null == value || value instanceof String)
        {
            return Short.parseShort((String)value);
        }

        throw invalid(value, "short");
    }

    static char toChar(final Object value) throws MessageFormatException
    {
        if (value instanceof Character)
        {
            return (Character)value;
        }
        if (null == value)
        {
            throw new NullPointerException("a null value cannot be read as a char");
        }

        throw invalid(value, "char");
    }

    static int toInt(final Object value) throws MessageFormatException
    {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return ((Number)value).intValue();
        }
        if (null == value || value instanceof String)
        {
            return Integer.parseInt((String)value);
        }

        throw invalid(value, "int");
    }

    static long toLong(final Object value) throws MessageFormatException
    {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return ((Number)value).longValue();
        }
        if (null == value || value instanceof String)
        {
            return Long.parseLong((String)value);
        }

        throw invalid(value, "long");
    }

    static float toFloat(final Object value) throws MessageFormatException
    {
        if (value instanceof Float)
        {
            return (Float)value;
        }
        if (null == value || value instanceof String)
        {
            return Float.parseFloat((String)value);
        }

        throw invalid(value, "float");
    }

    static double toDouble(final Object value) throws MessageFormatException
    {
        if (value instanceof Double || value instanceof Float)
        {
            return ((Number)value).doubleValue();
        }
        if (null == value || value instanceof String)
        {
            return Double.parseDouble((String)value);
        }

        throw invalid(value, "double");
    }

    static String toText(final Object value) throws MessageFormatException
    {
        if (null == value)
        {
            return null;
        }
        if (value instanceof byte[])
        {
            throw invalid(value, "String");
        }

        return value.toString();
    }

    static byte[] toBytes(final Object value) throws MessageFormatException
    {
        if (null == value)
        {
            return null;
        }
        if (value instanceof byte[])
        {
            return ((byte[])value).clone();
        }

        throw invalid(value, "byte[]");
    }

    static MessageFormatException messageFormat(final String message, final Exception cause)
    {
        final MessageFormatException ex = new MessageFormatException(message);
        ex.setLinkedException(cause);
        ex.initCause(cause);
        return ex;
    }

    private static MessageFormatException invalid(final Object value, final String target)
    {
        return new MessageFormatException(
            "a " + value.getClass().getSimpleName() + " value cannot be read as " + target);
    }
}
