package io.aeolus.console.backend;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few selector forms the fake backend understands: {@code NAME = 'text'}, {@code NAME = 12} and
 * {@code NAME IS NULL} (the forms triage hands out), and otherwise a selector that appears as text in the properties,
 * which is enough for tests of the selector plumbing. Stateless; any thread.
 */
final class FakeSelector
{
    private static final Pattern TEXT = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s*=\\s*'((?:[^']|'')*)'\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s*=\\s*(-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern IS_NULL = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s+IS\\s+NULL\\s*",
        Pattern.CASE_INSENSITIVE);

    private FakeSelector()
    {
    }

    static boolean matches(final String selector, final Map<String, String> properties)
    {
        if (null == selector || selector.isBlank())
        {
            return true;
        }
        final Matcher text = TEXT.matcher(selector);
        if (text.matches())
        {
            return text.group(2).replace("''", "'").equals(properties.get(text.group(1)));
        }
        final Matcher number = NUMBER.matcher(selector);
        if (number.matches())
        {
            final String value = properties.get(number.group(1));
            return null != value && isNumber(value) &&
                Double.parseDouble(value) == Double.parseDouble(number.group(2));
        }
        final Matcher isNull = IS_NULL.matcher(selector);
        if (isNull.matches())
        {
            return !properties.containsKey(isNull.group(1));
        }
        return properties.toString().contains(selector.strip());
    }

    static String selectorFor(final String property, final String value)
    {
        if (null == value)
        {
            return property + " IS NULL";
        }
        return isNumber(value) ? property + " = " + value : property + " = '" + value.replace("'", "''") + "'";
    }

    private static boolean isNumber(final String value)
    {
        return value.matches("-?\\d+(?:\\.\\d+)?");
    }
}
