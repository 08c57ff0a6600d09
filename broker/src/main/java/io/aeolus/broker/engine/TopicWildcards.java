package io.aeolus.broker.engine;

/**
 * How topic names are split into levels and which characters are wildcards in a subscription's topic: by default
 * {@code .} separates levels, {@code *} matches exactly one level and {@code #} any number of levels, none
 * included ({@code stock.*} gets {@code stock.AAPL}, {@code stock.#} also {@code stock} and {@code stock.us.AAPL}).
 * Switched off, every name is literal. Thread-safe: immutable.
 *
 * @param enabled     false: no wildcards, names containing the characters below are plain names.
 * @param separator   separates the levels of a name.
 * @param singleLevel matches exactly one level.
 * @param multiLevel  matches any number of levels, none included.
 */
public record TopicWildcards(boolean enabled, char separator, char singleLevel, char multiLevel)
{
    /** The default: on, {@code .}, {@code *} and {@code #}, as Artemis users know them. */
    public static final TopicWildcards DEFAULT = new TopicWildcards(true, '.', '*', '#');
    /** No wildcards at all. */
    public static final TopicWildcards OFF = new TopicWildcards(false, '.', '*', '#');

    /**
     * @throws IllegalArgumentException if two of the characters are the same or one is a control character.
     */
    public TopicWildcards
    {
        if (separator == singleLevel || separator == multiLevel || singleLevel == multiLevel)
        {
            throw new IllegalArgumentException("topic separator and wildcards must be three different characters, " +
                "got '" + separator + "', '" + singleLevel + "', '" + multiLevel + "'");
        }
        if (Character.isISOControl(separator) || Character.isISOControl(singleLevel) ||
            Character.isISOControl(multiLevel) || Character.isWhitespace(separator) ||
            Character.isWhitespace(singleLevel) || Character.isWhitespace(multiLevel))
        {
            throw new IllegalArgumentException("topic separator and wildcards must be visible characters");
        }
    }

    /**
     * @param name a topic name.
     * @return true if wildcards are on and the name contains one: it names a pattern, not a topic.
     */
    public boolean isPattern(final String name)
    {
        return enabled && (name.indexOf(singleLevel) >= 0 || name.indexOf(multiLevel) >= 0);
    }

    /**
     * @param pattern a topic pattern (see {@link #isPattern}).
     * @return why it is not a valid pattern (a wildcard that is not a whole level), or null.
     */
    public String patternProblem(final String pattern)
    {
        final int length = pattern.length();
        for (int i = 0; i < length; i++)
        {
            final char c = pattern.charAt(i);
            final boolean alone = (i == 0 || pattern.charAt(i - 1) == separator) &&
                (i == length - 1 || pattern.charAt(i + 1) == separator);
            if ((c == singleLevel || c == multiLevel) && !alone)
            {
                return "wildcard '" + c + "' at " + i + " of '" + pattern + "' is not a whole level (levels are " +
                    "separated by '" + separator + "')";
            }
        }
        return null;
    }

    /**
     * @param pattern a valid pattern.
     * @param name    a topic name, without wildcards.
     * @return true if the pattern matches the name.
     */
    public boolean matches(final String pattern, final String name)
    {
        return matches(pattern, 0, name, 0);
    }

    private boolean matches(final String pattern, final int patternStart, final String name, final int nameStart)
    {
        // patternStart and nameStart are each at the start of a level; -1 means past the last level.
        if (patternStart < 0)
        {
            return nameStart < 0;
        }
        final int patternEnd = levelEnd(pattern, patternStart);
        final int nextPattern = patternEnd < pattern.length() ? patternEnd + 1 : -1;
        if (isLevel(pattern, patternStart, patternEnd, multiLevel))
        {
            if (matches(pattern, nextPattern, name, nameStart))
            {
                return true;
            }
            // '#' takes one more level of the name and tries again.
            return nameStart >= 0 && matches(pattern, patternStart, name, nextLevel(name, nameStart));
        }
        if (nameStart < 0)
        {
            return false;
        }
        final int nameEnd = levelEnd(name, nameStart);
        if (!isLevel(pattern, patternStart, patternEnd, singleLevel) &&
            (patternEnd - patternStart != nameEnd - nameStart ||
            !pattern.regionMatches(patternStart, name, nameStart, nameEnd - nameStart)))
        {
            return false;
        }
        return matches(pattern, nextPattern, name, nameEnd < name.length() ? nameEnd + 1 : -1);
    }

    private int nextLevel(final String name, final int start)
    {
        final int end = levelEnd(name, start);
        return end < name.length() ? end + 1 : -1;
    }

    private int levelEnd(final String text, final int start)
    {
        final int end = text.indexOf(separator, start);
        return end < 0 ? text.length() : end;
    }

    private static boolean isLevel(final String text, final int start, final int end, final char wildcard)
    {
        return end - start == 1 && text.charAt(start) == wildcard;
    }
}
