package io.aeolus.broker.selector;

/**
 * {@code left op right} for the six comparison operators, following JMS 3.8.1.1: exact and approximate numbers
 * compare after Java numeric promotion, strings and booleans compare only for equality, a NULL operand gives UNKNOWN,
 * and values of unlike types are not comparable, which gives FALSE.
 */
final class ComparisonExpression extends Expression
{
    private final ComparisonOperator operator;
    private final Expression left;
    private final Expression right;

    ComparisonExpression(final ComparisonOperator operator, final Expression left, final Expression right)
    {
        super(depthOf(left, right));
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    Object evaluate(final SelectorSource source)
    {
        final Object leftValue = left.evaluate(source);
        if (null == leftValue)
        {
            // UNKNOWN whatever the right side is, so do not read it.
            return null;
        }
        return compare(operator, leftValue, right.evaluate(source));
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }

    /**
     * Compares two values of a message.
     *
     * @return TRUE, FALSE, or null for UNKNOWN.
     */
    static Boolean compare(final ComparisonOperator operator, final Object left, final Object right)
    {
        if (null == left || null == right)
        {
            return null;
        }
        if (isNumeric(left) && isNumeric(right))
        {
            return Boolean.valueOf(operator.accepts(compareNumbers(left, right)));
        }
        final boolean bothStrings = left instanceof String && right instanceof String;
        if (bothStrings || (left instanceof Boolean && right instanceof Boolean))
        {
            if (!operator.isEquality())
            {
                // JMS restricts strings and booleans to = and <>; an ordering of them has no truth value.
                return null;
            }
            return Boolean.valueOf(operator.accepts(left.equals(right) ? 0 : 1));
        }
        // JMS 3.8.1.1: "If the comparison of non-like type values is attempted, the value of the operation is false."
        return Boolean.FALSE;
    }

    private static int compareNumbers(final Object left, final Object right)
    {
        if (isExact(left) && isExact(right))
        {
            return Long.compare(((Number)left).longValue(), ((Number)right).longValue());
        }

        // Java numeric promotion: an exact operand is widened to double; primitive comparisons keep NaN unordered.
        final double leftValue = ((Number)left).doubleValue();
        final double rightValue = ((Number)right).doubleValue();
        if (leftValue < rightValue)
        {
            return -1;
        }
        if (leftValue > rightValue)
        {
            return 1;
        }
        return leftValue == rightValue ? 0 : ComparisonOperator.UNORDERED;
    }
}
