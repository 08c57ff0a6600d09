package io.aeolus.broker.selector;

/**
 * Splits a selector into tokens, one at a time, for {@link SelectorParser}. Keywords are matched case-insensitively
 * (ASCII only, so that no locale can turn an identifier into a keyword); identifiers keep their case.
 */
final class SelectorLexer
{
    /** Token kinds. Keywords are reserved and cannot be identifiers. */
    enum Token
    {
        IDENTIFIER(false),
        STRING(false),
        EXACT_NUMBER(false),
        APPROXIMATE_NUMBER(false),
        NULL(true),
        TRUE(true),
        FALSE(true),
        NOT(true),
        AND(true),
        OR(true),
        BETWEEN(true),
        LIKE(true),
        IN(true),
        IS(true),
        ESCAPE(true),
        EQUAL(false),
        NOT_EQUAL(false),
        LESS_THAN(false),
        LESS_THAN_OR_EQUAL(false),
        GREATER_THAN(false),
        GREATER_THAN_OR_EQUAL(false),
        PLUS(false),
        MINUS(false),
        TIMES(false),
        DIVIDE(false),
        LEFT_PAREN(false),
        RIGHT_PAREN(false),
        COMMA(false),
        END(false);

        private final boolean isKeyword;

        Token(final boolean isKeyword)
        {
            this.isKeyword = isKeyword;
        }

        boolean isKeyword()
        {
            return isKeyword;
        }
    }

    private static final int LONGEST_KEYWORD_LENGTH = 7;

    private final String text;
    private int index;
    private Token token;
    private int start;
    private String value;

    SelectorLexer(final String text)
    {
        this.text = text;
    }

    /** JMS 3.8.1.1: whitespace is space, horizontal tab, form feed and line terminator. */
    static boolean isWhitespace(final char c)
    {
        return ' ' == c || '\t' == c || '\f' == c || '\n' == c || '\r' == c;
    }

    Token token()
    {
        return token;
    }

    /** Index of the current token's first character. */
    int start()
    {
        return start;
    }

    /** Identifier name, keyword text, unquoted string, or numeric literal text of the current token. */
    String value()
    {
        return value;
    }

    /** The current token as written, for error messages. */
    String describe()
    {
        if (Token.END == token)
        {
            return "end of selector";
        }
        final String source = text.substring(start, index);
        return Token.STRING == token ? "string literal " + source : "'" + source + "'";
    }

    SelectorParseException error(final String problem, final int position)
    {
        return new SelectorParseException(problem, text, position);
    }

    void advance() throws SelectorParseException
    {
        while (index < text.length() && isWhitespace(text.charAt(index)))
        {
            index++;
        }
        start = index;
        value = null;
        if (index >= text.length())
        {
            token = Token.END;
            return;
        }

        final char c = text.charAt(index);
        if ('\'' == c)
        {
            scanString();
        }
        else if (isDigit(c) || ('.' == c && index + 1 < text.length() && isDigit(text.charAt(index + 1))))
        {
            scanNumber();
        }
        else if (Character.isJavaIdentifierStart(text.codePointAt(index)))
        {
            scanWord();
        }
        else
        {
            scanOperator(c);
        }
    }

    private void scanString() throws SelectorParseException
    {
        final StringBuilder builder = new StringBuilder();
        int i = index + 1;
        while (true)
        {
            if (i >= text.length())
            {
                throw error("unterminated string literal", start);
            }
            final char c = text.charAt(i++);
            if ('\'' == c)
            {
                if (i < text.length() && '\'' == text.charAt(i))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }
            builder.append(c);
        }
        index = i;
        token = Token.STRING;
        value = builder.toString();
    }

    /**
     * JMS 3.8.1.1: numeric literals use Java's syntax. Exact: decimal, octal (leading 0) or hexadecimal (0x, 0X),
     * each with an optional L or l suffix. Approximate: a decimal point or an exponent, or an f, F, d or D suffix.
     * The token's value is the literal as written; {@link NumericLiteral} turns it into a number.
     */
    private void scanNumber() throws SelectorParseException
    {
        boolean isApproximate = false;
        int i;
        if (isHexPrefix(index))
        {
            i = skipHexDigits(index + 2);
            if (i == index + 2)
            {
                throw error("hexadecimal literal has no digits", start);
            }
            i = skipOne(i, "lL");
        }
        else
        {
            i = skipDigits(index);
            if (i < text.length() && '.' == text.charAt(i))
            {
                isApproximate = true;
                i = skipDigits(i + 1);
            }
            if (i < text.length() && ('e' == text.charAt(i) || 'E' == text.charAt(i)))
            {
                isApproximate = true;
                i = skipOne(i + 1, "+-");
                final int exponentStart = i;
                i = skipDigits(i);
                if (i == exponentStart)
                {
                    throw error("exponent of numeric literal has no digits", start);
                }
            }
            if (i < text.length() && "fFdD".indexOf(text.charAt(i)) >= 0)
            {
                isApproximate = true;
                i++;
            }
            else if (!isApproximate)
            {
                i = skipOne(i, "lL");
            }
        }
        if (i < text.length() && (Character.isJavaIdentifierPart(text.codePointAt(i)) || '.' == text.charAt(i)))
        {
            // A stray letter or dot (7abc, 1.2.3, 1.5L, 0x1G) is not part of any Java literal.
            throw error("malformed numeric literal", start);
        }
        index = i;
        token = isApproximate ? Token.APPROXIMATE_NUMBER : Token.EXACT_NUMBER;
        value = text.substring(start, index);
    }

    private boolean isHexPrefix(final int from)
    {
        return from + 1 < text.length() && '0' == text.charAt(from) &&
            ('x' == text.charAt(from + 1) || 'X' == text.charAt(from + 1));
    }

    private int skipOne(final int from, final String characters)
    {
        return from < text.length() && characters.indexOf(text.charAt(from)) >= 0 ? from + 1 : from;
    }

    private int skipHexDigits(final int from)
    {
        int i = from;
        while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 0x80)
        {
            i++;
        }
        return i;
    }

    private int skipDigits(final int from)
    {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private void scanWord()
    {
        int i = index;
        while (i < text.length())
        {
            final int codePoint = text.codePointAt(i);
            if (!Character.isJavaIdentifierPart(codePoint))
            {
                break;
            }
            i += Character.charCount(codePoint);
        }
        index = i;
        value = text.substring(start, index);
        final Token keyword = keywordOf(value);
        token = null == keyword ? Token.IDENTIFIER : keyword;
    }

    private void scanOperator(final char c) throws SelectorParseException
    {
        final char next = index + 1 < text.length() ? text.charAt(index + 1) : '\0';
        switch (c)
        {
            case '=':
                single(Token.EQUAL);
                break;
            case '<':
                if ('>' == next || '=' == next)
                {
                    token = '>' == next ? Token.NOT_EQUAL : Token.LESS_THAN_OR_EQUAL;
                    index += 2;
                }
                else
                {
                    single(Token.LESS_THAN);
                }
                break;
            case '>':
                if ('=' == next)
                {
                    token = Token.GREATER_THAN_OR_EQUAL;
                    index += 2;
                }
                else
                {
                    single(Token.GREATER_THAN);
                }
                break;
            default:
                single(singleCharacterToken(c));
                break;
        }
    }

    private Token singleCharacterToken(final char c) throws SelectorParseException
    {
        switch (c)
        {
            case '+':
                return Token.PLUS;
            case '-':
                return Token.MINUS;
            case '*':
                return Token.TIMES;
            case '/':
                return Token.DIVIDE;
            case '(':
                return Token.LEFT_PAREN;
            case ')':
                return Token.RIGHT_PAREN;
            case ',':
                return Token.COMMA;
            default:
                final int codePoint = text.codePointAt(index);
                throw error(String.format(
                    "unexpected character '%s' (U+%04X)", new String(Character.toChars(codePoint)), codePoint), index);
        }
    }

    private void single(final Token singleCharacter)
    {
        token = singleCharacter;
        index++;
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private static Token keywordOf(final String word)
    {
        if (word.length() > LONGEST_KEYWORD_LENGTH)
        {
            return null;
        }
        final char[] upper = new char[word.length()];
        for (int i = 0; i < upper.length; i++)
        {
            final char c = word.charAt(i);
            upper[i] = c >= 'a' && c <= 'z' ? (char)(c - ('a' - 'A')) : c;
        }
        switch (new String(upper))
        {
            case "NULL":
                return Token.NULL;
            case "TRUE":
                return Token.TRUE;
            case "FALSE":
                return Token.FALSE;
            case "NOT":
                return Token.NOT;
            case "AND":
                return Token.AND;
            case "OR":
                return Token.OR;
            case "BETWEEN":
                return Token.BETWEEN;
            case "LIKE":
                return Token.LIKE;
            case "IN":
                return Token.IN;
            case "IS":
                return Token.IS;
            case "ESCAPE":
                return Token.ESCAPE;
            default:
                return null;
        }
    }
}
