package io.aeolus.cli;

import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * A JSON writer for the CLI's results: records, maps, collections, strings, numbers, booleans, byte arrays (as
 * base64) and null. Not for the hot path.
 */
final class Json
{
    private Json()
    {
    }

    static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(final StringBuilder out, final Object value)
    {
        if (null == value)
        {
            out.append("null");
        }
        else if (value instanceof Record)
        {
            append(out, Output.fields((Record)value));
        }
        else if (value instanceof Map)
        {
            map(out, (Map<?, ?>)value);
        }
        else if (value instanceof Collection)
        {
            out.append('[');
            boolean first = true;
            for (final Object item : (Collection<?>)value)
            {
                out.append(first ? "" : ",");
                first = false;
                append(out, item);
            }
            out.append(']');
        }
        else if (value instanceof Boolean || value instanceof Integer || value instanceof Long ||
            value instanceof Short || value instanceof Byte)
        {
            out.append(value);
        }
        else if (value instanceof Number)
        {
            final double number = ((Number)value).doubleValue();
            if (Double.isFinite(number))
            {
                out.append(value);
            }
            else
            {
                string(out, String.valueOf(value));
            }
        }
        else if (value instanceof byte[])
        {
            string(out, Base64.getEncoder().encodeToString((byte[])value));
        }
        else
        {
            string(out, String.valueOf(value));
        }
    }

    private static void map(final StringBuilder out, final Map<?, ?> map)
    {
        out.append('{');
        boolean first = true;
        for (final Map.Entry<?, ?> entry : map.entrySet())
        {
            out.append(first ? "" : ",");
            first = false;
            string(out, String.valueOf(entry.getKey()));
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void string(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
