package io.aeolus.broker.selector;

import java.util.Arrays;

/**
 * A compiled LIKE pattern: {@code _} matches any one character, {@code %} any sequence of characters, including
 * none, and every other character matches itself, case-sensitively. Characters are Unicode code points.
 * <p>
 * Matching walks the pattern and the value once, backtracking only to the most recent {@code %}, so it needs no
 * regular expression and allocates nothing.
 */
final class LikePattern
{
    /** No ESCAPE clause. */
    static final int NO_ESCAPE = -1;

    private static final int ANY_CHARACTER = -1;
    private static final int ANY_SEQUENCE = -2;

    /** Code points to match literally, or {@link #ANY_CHARACTER} or {@link #ANY_SEQUENCE}. */
    private final int[] elements;

    private LikePattern(final int[] elements)
    {
        this.elements = elements;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern  the unquoted pattern text.
     * @param escape   the escape code point, or {@link #NO_ESCAPE}.
     * @param selector the whole selector, for error messages.
     * @param position where the pattern literal starts in the selector.
     * @return the compiled pattern.
     * @throws SelectorParseException if the escape character is last or precedes anything but {@code %}, {@code _}
     *                                or itself (SQL's "invalid escape sequence").
     */
    static LikePattern compile(final String pattern, final int escape, final String selector, final int position)
        throws SelectorParseException
    {
        final int[] elements = new int[pattern.length()];
        int count = 0;
        int index = 0;
        while (index < pattern.length())
        {
            final int codePoint = pattern.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == escape)
            {
                if (index >= pattern.length())
                {
                    throw new SelectorParseException("LIKE pattern ends with its escape character", selector, position);
                }
                final int escaped = pattern.codePointAt(index);
                if (escaped != '%' && escaped != '_' && escaped != escape)
                {
                    throw new SelectorParseException(
                        "escape character in LIKE pattern must precede '%', '_' or itself", selector, position);
                }
                index += Character.charCount(escaped);
                elements[count++] = escaped;
            }
            else if (codePoint == '%')
            {
                if (0 == count || elements[count - 1] != ANY_SEQUENCE)
                {
                    elements[count++] = ANY_SEQUENCE;
                }
            }
            else
            {
                elements[count++] = codePoint == '_' ? ANY_CHARACTER : codePoint;
            }
        }
        return new LikePattern(Arrays.copyOf(elements, count));
    }

    /**
     * Whether a whole value matches the pattern.
     *
     * @param value the value to test; never null.
     * @return true if it matches.
     */
    boolean matches(final String value)
    {
        final int length = value.length();
        int element = 0;
        int index = 0;
        int lastSequence = -1;
        int lastSequenceIndex = 0;
        while (index < length)
        {
            final int codePoint = value.codePointAt(index);
            if (element < elements.length)
            {
                final int expected = elements[element];
                if (expected == ANY_SEQUENCE)
                {
                    lastSequence = element++;
                    lastSequenceIndex = index;
                    continue;
                }
                if (expected == ANY_CHARACTER || expected == codePoint)
                {
                    element++;
                    index += Character.charCount(codePoint);
                    continue;
                }
            }
            if (lastSequence < 0)
            {
                return false;
            }
            // Mismatch: let the most recent '%' absorb one more character and retry the rest of the pattern.
            lastSequenceIndex += Character.charCount(value.codePointAt(lastSequenceIndex));
            index = lastSequenceIndex;
            element = lastSequence + 1;
        }
        while (element < elements.length && elements[element] == ANY_SEQUENCE)
        {
            element++;
        }
        return element == elements.length;
    }
}
