package io.aeolus.broker.selector;

/** A reference to a message property or JMS header, read lazily from the {@link SelectorSource}. */
final class Identifier extends Expression
{
    private final String name;

    Identifier(final String name)
    {
        super(1);
        this.name = name;
    }

    String name()
    {
        return name;
    }

    Object evaluate(final SelectorSource source)
    {
        return source.valueOf(name);
    }

    ValueType type()
    {
        return ValueType.ANY;
    }
}
