package io.aeolus.broker.selector;

/**
 * {@code value [NOT] BETWEEN lower AND upper}, evaluated exactly as JMS 3.8.1.1 defines it: as
 * {@code value >= lower AND value <= upper}, or {@code value < lower OR value > upper} when negated, with the tested
 * value read once.
 */
final class BetweenExpression extends Expression
{
    private final Expression value;
    private final Expression lower;
    private final Expression upper;
    private final boolean negated;

    BetweenExpression(final Expression value, final Expression lower, final Expression upper, final boolean negated)
    {
        super(depthOf(value, lower, upper));
        this.value = value;
        this.lower = lower;
        this.upper = upper;
        this.negated = negated;
    }

    Object evaluate(final SelectorSource source)
    {
        final Object tested = value.evaluate(source);
        if (null == tested)
        {
            // Both comparisons are UNKNOWN, so the bounds need not be read.
            return null;
        }
        if (negated)
        {
            final Boolean below = ComparisonExpression.compare(
                ComparisonOperator.LESS_THAN, tested, lower.evaluate(source));
            if (below == Boolean.TRUE)
            {
                return Boolean.TRUE;
            }
            return or(below, ComparisonExpression.compare(
                ComparisonOperator.GREATER_THAN, tested, upper.evaluate(source)));
        }

        final Boolean aboveLower = ComparisonExpression.compare(
            ComparisonOperator.GREATER_THAN_OR_EQUAL, tested, lower.evaluate(source));
        if (aboveLower == Boolean.FALSE)
        {
            return Boolean.FALSE;
        }
        return and(aboveLower, ComparisonExpression.compare(
            ComparisonOperator.LESS_THAN_OR_EQUAL, tested, upper.evaluate(source)));
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
