package io.aeolus.broker.selector;

import java.util.Set;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)}. A NULL identifier gives UNKNOWN. A value that is not a String is of
 * an unlike type, so, as for any comparison of unlike types, the operation is FALSE, negated or not.
 */
final class InExpression extends Expression
{
    private final Identifier identifier;
    private final Set<String> values;
    private final boolean negated;

    InExpression(final Identifier identifier, final Set<String> values, final boolean negated)
    {
        super(depthOf(identifier));
        this.identifier = identifier;
        this.values = values;
        this.negated = negated;
    }

    Object evaluate(final SelectorSource source)
    {
        final Object value = identifier.evaluate(source);
        if (null == value)
        {
            return null;
        }
        if (!(value instanceof String))
        {
            return Boolean.FALSE;
        }
        return values.contains(value) != negated ? Boolean.TRUE : Boolean.FALSE;
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
