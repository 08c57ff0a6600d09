package io.aeolus.broker.selector;

/**
 * A binary {@code +}, {@code -}, {@code *} or {@code /}. Two exact operands give a Long (with Java's wrap-around on
 * overflow), otherwise a Double. A NULL or non-numeric operand, or an exact division by zero, gives NULL.
 */
final class ArithmeticExpression extends Expression
{
    private final char operator;
    private final Expression left;
    private final Expression right;

    ArithmeticExpression(final char operator, final Expression left, final Expression right)
    {
        super(depthOf(left, right));
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    Object evaluate(final SelectorSource source)
    {
        final Object leftValue = left.evaluate(source);
        if (!isNumeric(leftValue))
        {
            return null;
        }
        return apply(operator, leftValue, right.evaluate(source));
    }

    ValueType type()
    {
        return ValueType.NUMERIC;
    }

    boolean isConstant()
    {
        return left instanceof Literal && right instanceof Literal;
    }

    /**
     * Applies an operator to two values of a message.
     *
     * @return a Long, a Double, or null if either operand is not numeric or an exact division is by zero.
     */
    static Object apply(final char operator, final Object left, final Object right)
    {
        if (!isNumeric(left) || !isNumeric(right))
        {
            return null;
        }
        if (isExact(left) && isExact(right))
        {
            return applyExact(operator, ((Number)left).longValue(), ((Number)right).longValue());
        }
        final double leftValue = ((Number)left).doubleValue();
        final double rightValue = ((Number)right).doubleValue();
        switch (operator)
        {
            case '+':
                return Double.valueOf(leftValue + rightValue);
            case '-':
                return Double.valueOf(leftValue - rightValue);
            case '*':
                return Double.valueOf(leftValue * rightValue);
            default:
                return Double.valueOf(leftValue / rightValue);
        }
    }

    private static Long applyExact(final char operator, final long left, final long right)
    {
        switch (operator)
        {
            case '+':
                return Long.valueOf(left + right);
            case '-':
                return Long.valueOf(left - right);
            case '*':
                return Long.valueOf(left * right);
            default:
                // Java would throw; a selector must not, and there is no exact quotient, so the result is NULL.
                return 0 == right ? null : Long.valueOf(left / right);
        }
    }
}
