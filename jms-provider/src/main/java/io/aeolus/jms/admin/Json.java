package io.aeolus.jms.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON a message file needs (RFC 8259): strings written with every character that could be lost escaped,
 * and a strict parser of one value. Objects parse to {@link LinkedHashMap}s (a repeated name is an error), arrays to
 * lists, numbers to {@link Number} holding their text (so that a long or a double converts exactly), and
 * {@code true}, {@code false} and {@code null} to their Java values. Nesting is limited, so a hostile file cannot
 * exhaust the stack. Stateless; allocates.
 */
final class Json
{
    private static final int MAX_DEPTH = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * A JSON number, kept as its text.
     *
     * @param text the number as written.
     */
    record Number(String text)
    {
    }

    private final String text;
    private int position;

    private Json(final String text)
    {
        this.text = text;
    }

    /**
     * Appends a string as a JSON string. Control characters, quotes, backslashes and surrogates are escaped, so an
     * unpaired surrogate survives the round trip and the file stays valid UTF-8.
     */
    static void appendString(final StringBuilder out, final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if ('"' == c || '\\' == c)
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20 || Character.isSurrogate(c))
            {
                out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                    .append(HEX[c & 0xF]);
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * Parses one JSON value, which must be all of the text but for white space.
     *
     * @param text the JSON text.
     * @return the value.
     * @throws IllegalArgumentException naming the column where the text stops being JSON.
     */
    static Object parse(final String text)
    {
        final Json parser = new Json(text);
        final Object value = parser.value(0);
        parser.skipWhiteSpace();
        if (parser.position < text.length())
        {
            throw parser.problem("unexpected text after the value");
        }
        return value;
    }

    private Object value(final int depth)
    {
        skipWhiteSpace();
        if (position >= text.length())
        {
            throw problem("a value is missing");
        }
        final char c = text.charAt(position);
        switch (c)
        {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if ('-' == c || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                throw problem("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(final int depth)
    {
        requireDepth(depth);
        position++;
        final Map<String, Object> object = new LinkedHashMap<>();
        skipWhiteSpace();
        if (peek('}'))
        {
            position++;
            return object;
        }
        while (true)
        {
            skipWhiteSpace();
            if (!peek('"'))
            {
                throw problem("a name in quotes is expected");
            }
            final int nameColumn = position + 1;
            final String name = string();
            skipWhiteSpace();
            expect(':');
            if (object.containsKey(name))
            {
                throw new IllegalArgumentException("column " + nameColumn + ": the name '" + name + "' is repeated");
            }
            object.put(name, value(depth));
            skipWhiteSpace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect('}');
            return object;
        }
    }

    private List<Object> array(final int depth)
    {
        requireDepth(depth);
        position++;
        final List<Object> array = new ArrayList<>();
        skipWhiteSpace();
        if (peek(']'))
        {
            position++;
            return array;
        }
        while (true)
        {
            array.add(value(depth));
            skipWhiteSpace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect(']');
            return array;
        }
    }

    private String string()
    {
        position++;
        final StringBuilder value = new StringBuilder();
        while (true)
        {
            if (position >= text.length())
            {
                throw problem("the string is not closed");
            }
            final char c = text.charAt(position++);
            if ('"' == c)
            {
                return value.toString();
            }
            if (c < 0x20)
            {
                throw problem("a control character must be escaped in a string");
            }
            value.append('\\' == c ? escaped() : c);
        }
    }

    private char escaped()
    {
        if (position >= text.length())
        {
            throw problem("the escape is cut short");
        }
        final char c = text.charAt(position++);
        switch (c)
        {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (position + 4 > text.length())
                {
                    throw problem("the \\u escape is cut short");
                }
                try
                {
                    final char unicode = (char)Integer.parseInt(text.substring(position, position + 4), 16);
                    position += 4;
                    return unicode;
                }
                catch (final NumberFormatException ex)
                {
                    throw problem("the \\u escape needs four hexadecimal digits");
                }
            default:
                throw problem("unknown escape '\\" + c + "'");
        }
    }

    private Number number()
    {
        final int start = position;
        if (peek('-'))
        {
            position++;
        }
        if (peek('0'))
        {
            position++;
        }
        else if (!digits())
        {
            throw problem("a digit is expected");
        }
        if (peek('.'))
        {
            position++;
            if (!digits())
            {
                throw problem("a digit is expected after the decimal point");
            }
        }
        if (peek('e') || peek('E'))
        {
            position++;
            if (peek('+') || peek('-'))
            {
                position++;
            }
            if (!digits())
            {
                throw problem("a digit is expected in the exponent");
            }
        }
        return new Number(text.substring(start, position));
    }

    private boolean digits()
    {
        final int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9')
        {
            position++;
        }
        return position > start;
    }

    private Object literal(final String literal, final Object value)
    {
        if (!text.startsWith(literal, position))
        {
            throw problem("unexpected text: not '" + literal + "'");
        }
        position += literal.length();
        return value;
    }

    private void requireDepth(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw problem("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private boolean peek(final char c)
    {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(final char c)
    {
        if (!peek(c))
        {
            throw problem("'" + c + "' is expected");
        }
        position++;
    }

    private void skipWhiteSpace()
    {
        while (position < text.length())
        {
            final char c = text.charAt(position);
            if (' ' != c && '\t' != c && '\n' != c && '\r' != c)
            {
                return;
            }
            position++;
        }
    }

    private IllegalArgumentException problem(final String what)
    {
        return new IllegalArgumentException("column " + (position + 1) + ": " + what);
    }
}
