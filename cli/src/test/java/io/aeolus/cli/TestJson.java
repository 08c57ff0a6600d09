package io.aeolus.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for the tests: objects as maps, arrays as lists, numbers as Long or Double.
 */
final class TestJson
{
    private final String text;
    private int position;

    private TestJson(final String text)
    {
        this.text = text;
    }

    static Object parse(final String text)
    {
        final TestJson reader = new TestJson(text.strip());
        final Object value = reader.value();
        if (reader.position != reader.text.length())
        {
            throw new IllegalArgumentException("trailing text at " + reader.position + ": " + text);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> array(final String text)
    {
        return (List<Map<String, Object>>)parse(text);
    }

    private Object value()
    {
        final char c = text.charAt(position);
        if (c == '{')
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            position++;
            if (text.charAt(position) == '}')
            {
                position++;
                return map;
            }
            do
            {
                final String key = string();
                expect(':');
                map.put(key, value());
            }
            while (next(',', '}'));
            return map;
        }
        if (c == '[')
        {
            final List<Object> list = new ArrayList<>();
            position++;
            if (text.charAt(position) == ']')
            {
                position++;
                return list;
            }
            do
            {
                list.add(value());
            }
            while (next(',', ']'));
            return list;
        }
        if (c == '"')
        {
            return string();
        }
        for (final String word : new String[]{"true", "false", "null"})
        {
            if (text.startsWith(word, position))
            {
                position += word.length();
                return "null".equals(word) ? null : Boolean.valueOf(word);
            }
        }
        final int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        final String number = text.substring(start, position);
        if (number.isEmpty())
        {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + start);
        }
        return number.matches("-?\\d+") ? (Object)Long.valueOf(number) : (Object)Double.valueOf(number);
    }

    private boolean next(final char more, final char end)
    {
        final char c = text.charAt(position++);
        if (c == more)
        {
            return true;
        }
        if (c == end)
        {
            return false;
        }
        throw new IllegalArgumentException("expected '" + more + "' or '" + end + "' at " + (position - 1));
    }

    private void expect(final char c)
    {
        if (text.charAt(position++) != c)
        {
            throw new IllegalArgumentException("expected '" + c + "' at " + (position - 1));
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c == '\\')
            {
                final char escaped = text.charAt(position++);
                switch (escaped)
                {
                    case 'n':
                        out.append('\n');
                        break;
                    case 'r':
                        out.append('\r');
                        break;
                    case 't':
                        out.append('\t');
                        break;
                    case 'u':
                        out.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                        break;
                    default:
                        out.append(escaped);
                }
            }
            else
            {
                out.append(c);
            }
        }
    }
}
