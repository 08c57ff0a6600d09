package io.aeolus.broker.selector;

/** Unary {@code -} or {@code +}: NULL unless the operand is numeric. */
final class SignExpression extends Expression
{
    private final Expression operand;
    private final boolean negate;

    SignExpression(final Expression operand, final boolean negate)
    {
        super(depthOf(operand));
        this.operand = operand;
        this.negate = negate;
    }

    Object evaluate(final SelectorSource source)
    {
        return apply(negate, operand.evaluate(source));
    }

    ValueType type()
    {
        return ValueType.NUMERIC;
    }

    static Object apply(final boolean negate, final Object value)
    {
        if (isExact(value))
        {
            return negate ? Long.valueOf(-((Number)value).longValue()) : value;
        }
        if (isApproximate(value))
        {
            return negate ? Double.valueOf(-((Number)value).doubleValue()) : value;
        }
        return null;
    }
}
