package io.aeolus.console.browser;

import java.util.Optional;

/**
 * A small strict JSON (RFC 8259) re-indenter: validates while it copies, so text that is not JSON is
 * reported as such rather than half-formatted. String contents, escapes and numbers are copied verbatim.
 * Stateless and thread-safe; allocates one {@link StringBuilder} per call.
 */
public final class JsonPrettyPrinter
{
    private static final int MAX_DEPTH = 256;
    private static final String INDENT = "  ";

    private final String text;
    private final StringBuilder out;
    private int position;

    private JsonPrettyPrinter(final String text)
    {
        this.text = text;
        this.out = new StringBuilder(text.length() + (text.length() >> 1));
    }

    /**
     * Pretty-prints JSON with two-space indentation.
     *
     * @param text candidate JSON text.
     * @return the indented text, or empty when the text is not a single valid JSON value.
     */
    public static Optional<String> prettyPrint(final String text)
    {
        final JsonPrettyPrinter printer = new JsonPrettyPrinter(text);
        try
        {
            printer.skipWhitespace();
            printer.value(0);
            printer.skipWhitespace();
            if (printer.position != text.length())
            {
                return Optional.empty();
            }
            return Optional.of(printer.out.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            return Optional.empty();
        }
    }

    /**
     * Whether the text looks like a JSON object or array at first glance (cheap; does not validate).
     *
     * @param text candidate text.
     * @return true when the first non-blank character is '{' or '['.
     */
    public static boolean looksLikeJson(final String text)
    {
        final String stripped = text.stripLeading();
        return stripped.startsWith("{") || stripped.startsWith("[");
    }

    private void value(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new IllegalArgumentException("too deep");
        }
        final char c = peek();
        switch (c)
        {
            case '{':
                container(depth, '{', '}', true);
                break;
            case '[':
                container(depth, '[', ']', false);
                break;
            case '"':
                string();
                break;
            case 't':
                literal("true");
                break;
            case 'f':
                literal("false");
                break;
            case 'n':
                literal("null");
                break;
            default:
                number();
                break;
        }
    }

    private void container(final int depth, final char open, final char close, final boolean isObject)
    {
        position++;
        out.append(open);
        skipWhitespace();
        if (peek() == close)
        {
            position++;
            out.append(close);
            return;
        }
        boolean first = true;
        while (true)
        {
            if (!first)
            {
                out.append(',');
            }
            first = false;
            newline(depth + 1);
            if (isObject)
            {
                skipWhitespace();
                if (peek() != '"')
                {
                    throw new IllegalArgumentException("expected a member name");
                }
                string();
                skipWhitespace();
                expect(':');
                out.append(": ");
            }
            skipWhitespace();
            value(depth + 1);
            skipWhitespace();
            final char next = next();
            if (next == close)
            {
                newline(depth);
                out.append(close);
                return;
            }
            if (next != ',')
            {
                throw new IllegalArgumentException("expected ',' or '" + close + "'");
            }
        }
    }

    private void string()
    {
        final int start = position;
        expect('"');
        while (true)
        {
            final char c = next();
            if (c == '"')
            {
                break;
            }
            if (c < 0x20)
            {
                throw new IllegalArgumentException("control character in string");
            }
            if (c == '\\')
            {
                final char escape = next();
                if (escape == 'u')
                {
                    for (int i = 0; i < 4; i++)
                    {
                        if (Character.digit(next(), 16) < 0)
                        {
                            throw new IllegalArgumentException("bad unicode escape");
                        }
                    }
                }
                else if ("\"\\/bfnrt".indexOf(escape) < 0)
                {
                    throw new IllegalArgumentException("bad escape");
                }
            }
        }
        out.append(text, start, position);
    }

    private void number()
    {
        final int start = position;
        if (peekOrZero() == '-')
        {
            position++;
        }
        if (peekOrZero() == '0')
        {
            position++;
        }
        else
        {
            digits();
        }
        if (peekOrZero() == '.')
        {
            position++;
            digits();
        }
        if (peekOrZero() == 'e' || peekOrZero() == 'E')
        {
            position++;
            if (peekOrZero() == '+' || peekOrZero() == '-')
            {
                position++;
            }
            digits();
        }
        out.append(text, start, position);
    }

    private void digits()
    {
        final int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position)) && text.charAt(position) < 128)
        {
            position++;
        }
        if (start == position)
        {
            throw new IllegalArgumentException("expected a digit");
        }
    }

    private void literal(final String word)
    {
        if (!text.startsWith(word, position))
        {
            throw new IllegalArgumentException("expected " + word);
        }
        position += word.length();
        out.append(word);
    }

    private void newline(final int depth)
    {
        out.append('\n');
        for (int i = 0; i < depth; i++)
        {
            out.append(INDENT);
        }
    }

    private void skipWhitespace()
    {
        while (position < text.length())
        {
            final char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            position++;
        }
    }

    private void expect(final char expected)
    {
        if (next() != expected)
        {
            throw new IllegalArgumentException("expected '" + expected + "'");
        }
    }

    private char peek()
    {
        if (position >= text.length())
        {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(position);
    }

    private char peekOrZero()
    {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private char next()
    {
        final char c = peek();
        position++;
        return c;
    }
}
