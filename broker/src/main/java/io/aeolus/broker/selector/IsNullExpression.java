package io.aeolus.broker.selector;

/** {@code identifier IS [NOT] NULL}: never UNKNOWN. */
final class IsNullExpression extends Expression
{
    private final Identifier identifier;
    private final boolean negated;

    IsNullExpression(final Identifier identifier, final boolean negated)
    {
        super(depthOf(identifier));
        this.identifier = identifier;
        this.negated = negated;
    }

    Object evaluate(final SelectorSource source)
    {
        return (null == identifier.evaluate(source)) != negated ? Boolean.TRUE : Boolean.FALSE;
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
