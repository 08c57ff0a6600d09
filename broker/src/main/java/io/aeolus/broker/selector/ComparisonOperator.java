package io.aeolus.broker.selector;

/** The six comparison operators, and how each reads the sign of a comparison. */
enum ComparisonOperator
{
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">=");

    /** The result of comparing two numbers of which at least one is NaN: only {@code <>} holds, as in Java. */
    static final int UNORDERED = Integer.MIN_VALUE;

    private final String symbol;

    ComparisonOperator(final String symbol)
    {
        this.symbol = symbol;
    }

    String symbol()
    {
        return symbol;
    }

    /** JMS 3.8.1.1: strings and booleans may only be compared with {@code =} and {@code <>}. */
    boolean isEquality()
    {
        return this == EQUAL || this == NOT_EQUAL;
    }

    /**
     * Whether this operator holds for a comparison result.
     *
     * @param comparison negative, zero or positive as for {@link Comparable}, or {@link #UNORDERED}.
     */
    boolean accepts(final int comparison)
    {
        if (comparison == UNORDERED)
        {
            return this == NOT_EQUAL;
        }
        switch (this)
        {
            case EQUAL:
                return comparison == 0;
            case NOT_EQUAL:
                return comparison != 0;
            case LESS_THAN:
                return comparison < 0;
            case LESS_THAN_OR_EQUAL:
                return comparison <= 0;
            case GREATER_THAN:
                return comparison > 0;
            default:
                return comparison >= 0;
        }
    }
}
