package io.aeolus.broker.selector;

/**
 * A node of a compiled selector. Nodes are immutable, so one tree may be evaluated by any thread.
 * <p>
 * {@link #evaluate(SelectorSource)} returns a Boolean (null is UNKNOWN), a Number, a String, or null for a NULL
 * value. It must never throw, whatever types the {@link SelectorSource} returns.
 */
abstract class Expression
{
    /** What the parser knows about the type of a value before any message is seen. */
    enum ValueType
    {
        /** An identifier: the type is only known per message. */
        ANY("identifier"),
        /** A conditional expression or a boolean literal. */
        BOOLEAN("boolean"),
        /** An arithmetic expression or a numeric literal. */
        NUMERIC("numeric"),
        /** A string literal. */
        STRING("string");

        private final String description;

        ValueType(final String description)
        {
            this.description = description;
        }

        String description()
        {
            return description;
        }
    }

    private final int depth;

    Expression(final int depth)
    {
        this.depth = depth;
    }

    /**
     * Evaluates this node for one message. Allocation-free, except that arithmetic boxes its result.
     *
     * @param source the message being evaluated.
     * @return the value, with null meaning NULL or UNKNOWN.
     */
    abstract Object evaluate(SelectorSource source);

    abstract ValueType type();

    /**
     * Height of the tree below and including this node, bounded by the parser so that evaluation cannot overflow
     * the stack.
     */
    final int depth()
    {
        return depth;
    }

    static int depthOf(final Expression... children)
    {
        int maxDepth = 0;
        for (final Expression child : children)
        {
            maxDepth = Math.max(maxDepth, child.depth());
        }
        return maxDepth + 1;
    }

    /**
     * The truth value of a value: TRUE, FALSE, or null for UNKNOWN (a NULL or a value that is not a Boolean).
     * Canonical instances are returned so callers may compare by identity.
     */
    static Boolean toLogic(final Object value)
    {
        if (value instanceof Boolean)
        {
            return ((Boolean)value).booleanValue() ? Boolean.TRUE : Boolean.FALSE;
        }
        return null;
    }

    static boolean isExact(final Object value)
    {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    static boolean isApproximate(final Object value)
    {
        return value instanceof Double || value instanceof Float;
    }

    static boolean isNumeric(final Object value)
    {
        return isExact(value) || isApproximate(value);
    }

    /** SQL AND over TRUE, FALSE and UNKNOWN (null). */
    static Boolean and(final Boolean left, final Boolean right)
    {
        if (left == Boolean.FALSE || right == Boolean.FALSE)
        {
            return Boolean.FALSE;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    /** SQL OR over TRUE, FALSE and UNKNOWN (null). */
    static Boolean or(final Boolean left, final Boolean right)
    {
        if (left == Boolean.TRUE || right == Boolean.TRUE)
        {
            return Boolean.TRUE;
        }
        return left == null || right == null ? null : Boolean.FALSE;
    }
}
