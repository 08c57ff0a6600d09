package io.aeolus.broker.selector;

import java.util.Collections;
import java.util.Set;

/**
 * A compiled JMS message selector (Jakarta Messaging 3.1, section 3.8.1). Parse once when a consumer subscribes, then
 * call {@link #matches(SelectorSource)} per message.
 * <p>
 * Immutable and thread-safe: one instance may be shared by any number of threads. Evaluation reads identifiers
 * lazily, stops as soon as the result is known, never throws, and allocates nothing except the boxed results of
 * arithmetic ({@code price * quantity > 100}); comparisons, logic, BETWEEN, IN, LIKE and IS NULL do not allocate.
 */
public final class Selector
{
    /** The selector of a consumer that has none: matches every message and reads nothing. */
    public static final Selector MATCH_ALL = new Selector("", null, Collections.emptySet());

    private final String text;
    private final Expression root;
    private final Set<String> identifiers;

    private Selector(final String text, final Expression root, final Set<String> identifiers)
    {
        this.text = text;
        this.root = root;
        this.identifiers = identifiers;
    }

    /**
     * Parses and type-checks a selector. Any thread may call it; it allocates the compiled tree.
     *
     * @param text the selector, for example {@code JMSType = 'order' AND weight BETWEEN 1 AND 10}.
     * @return the compiled selector, or {@link #MATCH_ALL} if {@code text} is null, empty or only whitespace.
     * @throws SelectorParseException if the selector is not valid JMS selector syntax or is ill-typed.
     */
    public static Selector parse(final String text) throws SelectorParseException
    {
        if (null == text || isBlank(text))
        {
            return MATCH_ALL;
        }
        final SelectorParser parser = new SelectorParser(text);
        final Expression root = parser.parse();
        return new Selector(text, root, Collections.unmodifiableSet(parser.identifiers()));
    }

    /**
     * Evaluates the selector for one message. A message matches only if the selector is TRUE; FALSE and UNKNOWN (for
     * example, a comparison with an absent property) do not match. Any thread may call it; it does not allocate
     * unless the selector does arithmetic.
     *
     * @param source the message's properties and headers, read only as far as the result needs.
     * @return true if the message matches.
     */
    public boolean matches(final SelectorSource source)
    {
        return null == root || Boolean.TRUE.equals(root.evaluate(source));
    }

    /**
     * The selector as given to {@link #parse(String)}.
     *
     * @return the selector text, or the empty string for {@link #MATCH_ALL}.
     */
    public String text()
    {
        return text;
    }

    /**
     * The property and header names the selector refers to, so that the caller knows what a message must expose.
     *
     * @return an unmodifiable set in order of first appearance; empty for {@link #MATCH_ALL}.
     */
    public Set<String> identifiers()
    {
        return identifiers;
    }

    /**
     * The selector text.
     *
     * @return the same as {@link #text()}.
     */
    public String toString()
    {
        return text;
    }

    private static boolean isBlank(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (!SelectorLexer.isWhitespace(text.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }
}
