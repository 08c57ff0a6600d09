package io.aeolus.broker.selector;

/**
 * Thrown when a selector is not valid JMS selector syntax, or is ill-typed in a way that is visible without a
 * message (for example {@code 'a' + 1} or {@code x IN (1, 2)}). The broker answers it with
 * {@code ErrorCode.INVALID_SELECTOR}.
 */
public final class SelectorParseException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int position;

    SelectorParseException(final String problem, final String selector, final int position)
    {
        super(problem + " at position " + position + " in selector: " + selector);
        this.problem = problem;
        this.position = position;
    }

    /**
     * The problem, without the position and the selector text.
     *
     * @return a short description of what is wrong.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * Where the problem is.
     *
     * @return the zero-based index into the selector text of the offending token or operand.
     */
    public int position()
    {
        return position;
    }
}
