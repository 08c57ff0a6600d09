package io.aeolus.console.send;

/**
 * The JMS property types a property row can have, with parsing of the typed text.
 */
public enum PropertyType
{
    /** {@code String}. */
    STRING,
    /** {@code boolean}: true or false. */
    BOOLEAN,
    /** {@code byte}: -128 to 127. */
    BYTE,
    /** {@code short}. */
    SHORT,
    /** {@code int}. */
    INT,
    /** {@code long}. */
    LONG,
    /** {@code float}. */
    FLOAT,
    /** {@code double}. */
    DOUBLE;

    /**
     * Parses text as a value of this type.
     *
     * @param text the typed value.
     * @return the boxed value.
     * @throws IllegalArgumentException when the text is not a value of this type.
     */
    public Object parse(final String text)
    {
        final String value = text.strip();
        switch (this)
        {
            case STRING:
                return text;
            case BOOLEAN:
                if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value))
                {
                    return Boolean.valueOf(value);
                }
                throw new IllegalArgumentException("not true or false");
            case BYTE:
                return Byte.valueOf(value);
            case SHORT:
                return Short.valueOf(value);
            case INT:
                return Integer.valueOf(value);
            case LONG:
                return Long.valueOf(value);
            case FLOAT:
                return Float.valueOf(value);
            default:
                return Double.valueOf(value);
        }
    }
}
