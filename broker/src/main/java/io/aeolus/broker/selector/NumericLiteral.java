package io.aeolus.broker.selector;

/**
 * Reads numeric literals the way Java does (JMS 3.8.1.1): exact literals in decimal, octal (a leading {@code 0},
 * so {@code 035} is 29) or hexadecimal ({@code 0x}, {@code 0X}), each with an optional {@code L} or {@code l}
 * suffix; approximate literals with a decimal point, an exponent, or an {@code f}, {@code F}, {@code d} or {@code D}
 * suffix. An exact literal is a {@code long}: as in Java with {@code L}, octal and hexadecimal literals may use all
 * 64 bits ({@code 0xFFFFFFFFFFFFFFFF} is -1). A {@code float} literal keeps float precision, so that
 * {@code floatProp = 0.1f} matches the float 0.1f. Called by the parser only; allocates the boxed value.
 */
final class NumericLiteral
{
    private NumericLiteral()
    {
    }

    /**
     * @param literal the literal as lexed, possibly preceded by '-'.
     * @return the value as a {@link Long}, or null when it is not a valid exact literal
     *         (see {@link #exactProblem(String)}).
     */
    static Long exact(final String literal)
    {
        final boolean negative = literal.startsWith("-");
        final String digits = stripSuffix(negative ? literal.substring(1) : literal, "lL");
        try
        {
            if (isHex(digits))
            {
                final long value = Long.parseUnsignedLong(digits.substring(2), 16);
                return negative ? -value : value;
            }
            if (isOctal(digits))
            {
                final long value = Long.parseUnsignedLong(digits.substring(1), 8);
                return negative ? -value : value;
            }
            return Long.parseLong(negative ? "-" + digits : digits);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /**
     * Why {@link #exact(String)} refused a literal, for the error message.
     *
     * @param literal the literal as lexed.
     * @return the problem.
     */
    static String exactProblem(final String literal)
    {
        final String digits = stripSuffix(literal.startsWith("-") ? literal.substring(1) : literal, "lL");
        if (isOctal(digits))
        {
            for (int i = 1; i < digits.length(); i++)
            {
                if (digits.charAt(i) > '7')
                {
                    return "octal literal " + literal + " has the digit " + digits.charAt(i);
                }
            }
        }
        return "numeric literal is out of the range of long";
    }

    /**
     * @param literal the literal as lexed, possibly preceded by '-'.
     * @return a {@link Float} for an f or F suffix, a {@link Double} otherwise; null when out of range.
     */
    static Number approximate(final String literal)
    {
        if (isFloat(literal))
        {
            final float value = Float.parseFloat(literal);
            return Float.isInfinite(value) ? null : Float.valueOf(value);
        }
        final double value = Double.parseDouble(literal);
        return Double.isInfinite(value) ? null : Double.valueOf(value);
    }

    /**
     * @param literal an approximate literal.
     * @return whether it carries a float suffix.
     */
    static boolean isFloat(final String literal)
    {
        final char last = literal.charAt(literal.length() - 1);
        return 'f' == last || 'F' == last;
    }

    private static boolean isHex(final String digits)
    {
        return digits.length() > 2 && '0' == digits.charAt(0) && ('x' == digits.charAt(1) || 'X' == digits.charAt(1));
    }

    private static boolean isOctal(final String digits)
    {
        return digits.length() > 1 && '0' == digits.charAt(0);
    }

    private static String stripSuffix(final String text, final String suffixes)
    {
        return suffixes.indexOf(text.charAt(text.length() - 1)) >= 0 ? text.substring(0, text.length() - 1) : text;
    }
}
