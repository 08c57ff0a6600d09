package io.aeolus.broker.selector;

/**
 * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}, with the pattern compiled once by the parser. A NULL
 * identifier gives UNKNOWN; a value that is not a String gives FALSE, negated or not.
 */
final class LikeExpression extends Expression
{
    private final Identifier identifier;
    private final LikePattern pattern;
    private final boolean negated;

    LikeExpression(final Identifier identifier, final LikePattern pattern, final boolean negated)
    {
        super(depthOf(identifier));
        this.identifier = identifier;
        this.pattern = pattern;
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
        return pattern.matches((String)value) != negated ? Boolean.TRUE : Boolean.FALSE;
    }

    ValueType type()
    {
        return ValueType.BOOLEAN;
    }
}
