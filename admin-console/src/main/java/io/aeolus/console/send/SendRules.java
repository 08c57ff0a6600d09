package io.aeolus.console.send;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.SystemDestinations;

import java.io.ByteArrayOutputStream;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The rules of the send form, one method per field: each returns null when the text is valid, else a sentence
 * that names the field and the problem. Parsing methods turn valid text into values. Stateless apart from the
 * bundle; any thread.
 */
public final class SendRules
{
    /** JMS selector words that cannot be property names. */
    public static final Set<String> RESERVED_WORDS =
        Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");
    /** Property names starting with JMS that applications may set. */
    public static final Set<String> SETTABLE_JMSX = Set.of("JMSXGroupID", "JMSXGroupSeq");
    /** Longest destination name accepted. */
    public static final int MAX_DESTINATION_LENGTH = 255;

    private final ResourceBundle bundle;

    /**
     * Creates the rules.
     *
     * @param bundle UI text for the problems.
     */
    public SendRules(final ResourceBundle bundle)
    {
        this.bundle = bundle;
    }

    /**
     * Checks a destination name: words separated by dots, no blanks inside, no wildcards, not the broker's own.
     * Blanks around the name are ignored (the form strips them).
     *
     * @param name the typed name.
     * @return null when valid, else the problem.
     */
    public String destination(final String name)
    {
        final String text = null == name ? "" : name.strip();
        if (text.isBlank())
        {
            return problem("send.error.destinationEmpty");
        }
        if (text.length() > MAX_DESTINATION_LENGTH)
        {
            return problem("send.error.destinationLong", MAX_DESTINATION_LENGTH);
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '*' || c == '#' || Character.isISOControl(c))
            {
                return problem("send.error.destinationChar", text, describe(c));
            }
        }
        if (text.startsWith(".") || text.endsWith(".") || text.contains(".."))
        {
            return problem("send.error.destinationDots", text);
        }
        if (SystemDestinations.isBuiltIn(text))
        {
            return problem("send.error.destinationSystem", text);
        }
        return null;
    }

    /**
     * Checks a body for the chosen message type.
     *
     * @param type the message type.
     * @param body the typed body.
     * @return null when valid, else the problem.
     */
    public String body(final BodyType type, final String body)
    {
        try
        {
            if (type == BodyType.BYTES)
            {
                hexBytes(body);
            }
            else if (type == BodyType.MAP)
            {
                mapEntries(body);
            }
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    /**
     * Checks a priority.
     *
     * @param text the typed priority.
     * @return null when it is a whole number from 0 to 9, else the problem.
     */
    public String priority(final String text)
    {
        final Long value = wholeNumber(text);
        return null == value || value < 0 || value > 9 ? problem("send.error.priority", clean(text)) : null;
    }

    /**
     * Checks a duration in milliseconds (time to live, delivery delay).
     *
     * @param fieldKey bundle key of the field's name.
     * @param text     the typed duration.
     * @return null when it is a whole number of at least 0, else the problem.
     */
    public String millis(final String fieldKey, final String text)
    {
        final Long value = wholeNumber(text);
        return null == value || value < 0 ?
            problem("send.error.millis", bundle.getString(fieldKey), clean(text)) : null;
    }

    /**
     * Checks a property name.
     *
     * @param name the typed name.
     * @return null when valid, else the problem.
     */
    public String propertyName(final String name)
    {
        final String text = null == name ? "" : name;
        if (text.isEmpty())
        {
            return problem("send.error.propertyEmpty");
        }
        boolean identifier = Character.isJavaIdentifierStart(text.charAt(0));
        for (int i = 1; i < text.length() && identifier; i++)
        {
            identifier = Character.isJavaIdentifierPart(text.charAt(i));
        }
        if (!identifier)
        {
            return problem("send.error.propertyIdentifier", text);
        }
        if (RESERVED_WORDS.contains(text.toUpperCase(Locale.ROOT)))
        {
            return problem("send.error.propertyReserved", text);
        }
        if (text.startsWith("JMS") && !SETTABLE_JMSX.contains(text))
        {
            return problem("send.error.propertyJms", text);
        }
        return null;
    }

    /**
     * Checks a property value against its type (and the JMSX properties' required types).
     *
     * @param name  the property name.
     * @param type  the chosen type.
     * @param value the typed value.
     * @return null when valid, else the problem.
     */
    public String propertyValue(final String name, final PropertyType type, final String value)
    {
        if ("JMSXGroupSeq".equals(name) && type != PropertyType.INT ||
            "JMSXGroupID".equals(name) && type != PropertyType.STRING)
        {
            return problem("send.error.propertyJmsxType", name,
                "JMSXGroupSeq".equals(name) ? PropertyType.INT : PropertyType.STRING);
        }
        try
        {
            type.parse(null == value ? "" : value);
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return problem("send.error.propertyValue." + type.name().toLowerCase(Locale.ROOT),
                null == name || name.isEmpty() ? "?" : name, clean(value));
        }
    }

    /**
     * Parses a bytes body: pairs of hex digits, blanks ignored.
     *
     * @param text the typed body.
     * @return the bytes.
     * @throws IllegalArgumentException naming the problem.
     */
    public byte[] hexBytes(final String text)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int high = -1;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c))
            {
                continue;
            }
            final int digit = Character.digit(c, 16);
            if (digit < 0)
            {
                throw new IllegalArgumentException(problem("send.error.hexDigit", describe(c), i + 1));
            }
            if (high < 0)
            {
                high = digit;
            }
            else
            {
                out.write(high << 4 | digit);
                high = -1;
            }
        }
        if (high >= 0)
        {
            throw new IllegalArgumentException(problem("send.error.hexOdd"));
        }
        return out.toByteArray();
    }

    /**
     * Parses a map body: one {@code name=value} entry per line, blank lines ignored.
     *
     * @param text the typed body.
     * @return the entries in order.
     * @throws IllegalArgumentException naming the problem.
     */
    public Map<String, String> mapEntries(final String text)
    {
        final Map<String, String> entries = new LinkedHashMap<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].strip();
            if (line.isEmpty())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException(problem("send.error.mapLine", i + 1, line));
            }
            final String name = line.substring(0, equals).strip();
            if (null != entries.put(name, line.substring(equals + 1).strip()))
            {
                throw new IllegalArgumentException(problem("send.error.mapDuplicate", name, i + 1));
            }
        }
        return entries;
    }

    /**
     * Parses a whole number, blanks around it ignored.
     *
     * @param text the typed number.
     * @return the number, or null when it is not one.
     */
    public static Long wholeNumber(final String text)
    {
        try
        {
            return Long.valueOf(null == text ? "" : text.strip());
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    String problem(final String key, final Object... arguments)
    {
        return MessageFormat.format(bundle.getString(key), arguments);
    }

    private static String clean(final String text)
    {
        return null == text ? "" : text.strip();
    }

    private static String describe(final char c)
    {
        return Character.isWhitespace(c) || Character.isISOControl(c) ?
            String.format("U+%04X", (int)c) : "'" + c + "'";
    }
}
