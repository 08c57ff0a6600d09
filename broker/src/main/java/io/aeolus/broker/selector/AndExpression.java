package io.aeolus.broker.selector;

/**
 * SQL AND over a flattened chain of operands, so a long generated chain is a loop, not a deep recursion. Stops at
 * the first FALSE; an UNKNOWN operand makes the result UNKNOWN unless a later operand is FALSE.
 */
final class AndExpression extends Expression
{
    private final Expression[] operands;

    AndExpression(final Expression[] operands)
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
            else if (!value)
            {
                return Boolean.FALSE;
            }
        }
        return isUnknown ? null : Boolean.TRUE;
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
