package io.aeolus.broker.selector;

/**
 * SQL OR over a flattened chain of operands. Stops at the first TRUE; an UNKNOWN operand makes the result UNKNOWN
 * unless a later operand is TRUE.
 */
final class OrExpression extends Expression
{
    private final Expression[] operands;

    OrExpression(final Expression[] operands)
    {
        super(depthOf(operands));
        this.operands = operands;
    }

    Object evaluate(final SelectorSource source)
    {
        boolean isUnknown = false;
        for (final Expression operand : operands)
        {
            final Boolean value = toLogic(operand.evaluate(source));
            if (null == value)
            {
                isUnknown = true;
            }
            else if (value)
            {
                return Boolean.TRUE;
            }
        }
        return isUnknown ? null : Boolean.FALSE;
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
