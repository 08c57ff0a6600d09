package io.aeolus.broker.selector;

/** A string, exact numeric (Long), approximate numeric (Double) or boolean literal. */
final class Literal extends Expression
{
    static final Literal TRUE = new Literal(Boolean.TRUE);
    static final Literal FALSE = new Literal(Boolean.FALSE);

    private final Object value;
    private final ValueType type;

    Literal(final Object value)
    {
        super(1);
        this.value = value;
        if (value instanceof Boolean)
        {
            type = ValueType.BOOLEAN;
        }
        else if (value instanceof String)
        {
            type = ValueType.STRING;
        }
        else
        {
            type = ValueType.NUMERIC;
        }
    }

    Object value()
    {
        return value;
    }

    Object evaluate(final SelectorSource source)
    {
        return value;
    }

    ValueType type()
    {
        return type;
    }
}
