package io.aeolus.broker.security;

/**
 * A destination name pattern: words separated by dots, where {@code *} matches exactly one word and {@code #}
 * matches any number of words, none included. {@code orders.*} matches {@code orders.eu} but neither
 * {@code orders} nor {@code orders.eu.paris}; {@code orders.#} matches all three; {@code #} matches every name.
 * Other words match literally. Immutable and thread-safe; matching does not allocate.
 */
public final class DestinationPattern
{
    private final String text;
    private final String[] words;

    private DestinationPattern(final String text)
    {
        this.text = text;
        this.words = text.split("\\.", -1);
    }

    /**
     * @param text the pattern, e.g. {@code prices.*}.
     * @return the compiled pattern.
     * @throws IllegalArgumentException if empty, or a word mixes a wildcard with other characters.
     */
    public static DestinationPattern parse(final String text)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            throw new IllegalArgumentException("empty destination pattern");
        }
        final DestinationPattern pattern = new DestinationPattern(trimmed);
        for (final String word : pattern.words)
        {
            if (word.length() > 1 && (word.contains("*") || word.contains("#")))
            {
                throw new IllegalArgumentException("destination pattern '" + trimmed +
                    "': a wildcard must be a whole word (orders.* or orders.#, not orders*)");
            }
        }
        return pattern;
    }

    /**
     * @param name a destination name.
     * @return true if the name matches.
     */
    public boolean matches(final String name)
    {
        return match(name, 0, 0);
    }

    /**
     * @return the pattern as written.
     */
    public String toString()
    {
        return text;
    }

    private boolean match(final String name, final int wordIndex, final int offset)
    {
        // offset is where the name's next word starts; past the end means every word was consumed.
        final boolean nameDone = offset > name.length();
        if (wordIndex == words.length)
        {
            return nameDone;
        }
        final String word = words[wordIndex];
        if ("#".equals(word))
        {
            if (match(name, wordIndex + 1, offset))
            {
                return true;
            }
            return !nameDone && match(name, wordIndex, wordEnd(name, offset) + 1);
        }
        if (nameDone)
        {
            return false;
        }
        final int end = wordEnd(name, offset);
        final boolean wordMatches = "*".equals(word) ||
            (end - offset == word.length() && name.regionMatches(offset, word, 0, word.length()));
        return wordMatches && match(name, wordIndex + 1, end + 1);
    }

    private static int wordEnd(final String name, final int offset)
    {
        final int dot = name.indexOf('.', offset);
        return dot < 0 ? name.length() : dot;
    }
}
