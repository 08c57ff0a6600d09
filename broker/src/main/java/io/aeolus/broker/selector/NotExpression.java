package io.aeolus.broker.selector;

/** SQL NOT: UNKNOWN stays UNKNOWN. */
final class NotExpression extends Expression
{
    private final Expression operand;

    NotExpression(final Expression operand)
    {
        super(depthOf(operand));
        this.operand = operand;
    }

    Object evaluate(final SelectorSource source)
    {
        final Boolean value = toLogic(operand.evaluate(source));
        if (null == value)
        {
            return null;
        }
        return value ? Boolean.FALSE : Boolean.TRUE;
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
