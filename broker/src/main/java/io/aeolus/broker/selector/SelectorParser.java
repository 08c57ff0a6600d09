package io.aeolus.broker.selector;

import io.aeolus.broker.selector.Expression.ValueType;
import io.aeolus.broker.selector.SelectorLexer.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for JMS 3.8.1.1 selectors. Precedence, loosest first:
 * <pre>
 * or         := and { OR and }
 * and        := not { AND not }
 * not        := NOT not | predicate
 * predicate  := sum [ compare-op sum | [NOT] BETWEEN sum AND sum | [NOT] LIKE string [ESCAPE string]
 *                    | [NOT] IN ( string { , string } ) | IS [NOT] NULL ]
 * sum        := product { (+|-) product }
 * product    := unary { (*|/) unary }
 * unary      := (+|-) unary | primary
 * primary    := literal | identifier | ( or )
 * </pre>
 * Comparisons are not associative ({@code a = b = c} is an error). Operand types are checked as far as literals
 * allow: an identifier may hold any type, so only a message can tell whether {@code x < 1} is well typed. One parser
 * parses one selector; it is not thread-safe.
 */
final class SelectorParser
{
    /**
     * Bound on parenthesis nesting and on the height of the compiled tree, so that neither parsing nor evaluation
     * can overflow the stack. AND and OR chains are flattened, so long generated selectors stay shallow.
     */
    static final int MAX_DEPTH = 256;

    private final String text;
    private final SelectorLexer lexer;
    private final Set<String> identifiers = new LinkedHashSet<>();
    private int nesting;

    SelectorParser(final String text)
    {
        this.text = text;
        lexer = new SelectorLexer(text);
    }

    /**
     * Parses the whole selector.
     *
     * @return the root of the compiled tree.
     * @throws SelectorParseException on a syntax error or an operand of the wrong type.
     */
    Expression parse() throws SelectorParseException
    {
        lexer.advance();
        final int start = lexer.start();
        final Expression root = parseOr();
        if (Token.END != lexer.token())
        {
            throw unexpected("expected an operator or the end of the selector");
        }
        requireConditional(root, start, "a selector");
        return root;
    }

    /** Identifiers referenced, in order of first appearance. */
    Set<String> identifiers()
    {
        return identifiers;
    }

    private Expression parseOr() throws SelectorParseException
    {
        final int start = lexer.start();
        final Expression first = parseAnd();
        if (Token.OR != lexer.token())
        {
            return first;
        }
        requireConditional(first, start, "operand of OR");
        final List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (Token.OR == lexer.token())
        {
            lexer.advance();
            final int operandStart = lexer.start();
            final Expression operand = parseAnd();
            requireConditional(operand, operandStart, "operand of OR");
            operands.add(operand);
        }
        return checkDepth(new OrExpression(operands.toArray(new Expression[0])), start);
    }

    private Expression parseAnd() throws SelectorParseException
    {
        final int start = lexer.start();
        final Expression first = parseNot();
        if (Token.AND != lexer.token())
        {
            return first;
        }
        requireConditional(first, start, "operand of AND");
        final List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (Token.AND == lexer.token())
        {
            lexer.advance();
            final int operandStart = lexer.start();
            final Expression operand = parseNot();
            requireConditional(operand, operandStart, "operand of AND");
            operands.add(operand);
        }
        return checkDepth(new AndExpression(operands.toArray(new Expression[0])), start);
    }

    private Expression parseNot() throws SelectorParseException
    {
        if (Token.NOT != lexer.token())
        {
            return parsePredicate();
        }
        final int start = lexer.start();
        enterNesting(start);
        lexer.advance();
        final int operandStart = lexer.start();
        final Expression operand = parseNot();
        leaveNesting();
        requireConditional(operand, operandStart, "operand of NOT");
        return checkDepth(new NotExpression(operand), start);
    }

    private Expression parsePredicate() throws SelectorParseException
    {
        final int start = lexer.start();
        final Expression left = parseSum();
        final ComparisonOperator operator = comparisonOperatorOf(lexer.token());
        if (null != operator)
        {
            return parseComparison(left, start, operator);
        }
        switch (lexer.token())
        {
            case NOT:
                lexer.advance();
                return parseNegatablePredicate(left, start, true);
            case BETWEEN:
            case LIKE:
            case IN:
                return parseNegatablePredicate(left, start, false);
            case IS:
                return parseIsNull(left, start);
            default:
                return left;
        }
    }

    private Expression parseNegatablePredicate(final Expression left, final int start, final boolean negated)
        throws SelectorParseException
    {
        switch (lexer.token())
        {
            case BETWEEN:
                return parseBetween(left, start, negated);
            case LIKE:
                return parseLike(left, start, negated);
            case IN:
                return parseIn(left, start, negated);
            default:
                throw unexpected("expected BETWEEN, LIKE or IN after NOT");
        }
    }

    private Expression parseComparison(final Expression left, final int start, final ComparisonOperator operator)
        throws SelectorParseException
    {
        final int operatorPosition = lexer.start();
        lexer.advance();
        final int rightStart = lexer.start();
        final Expression right = parseSum();
        if (operator.isEquality())
        {
            final ValueType leftType = left.type();
            final ValueType rightType = right.type();
            if (ValueType.ANY != leftType && ValueType.ANY != rightType && leftType != rightType)
            {
                throw lexer.error("cannot compare a " + leftType.description() + " expression with a " +
                    rightType.description() + " expression", operatorPosition);
            }
        }
        else
        {
            // JMS 3.8.1.1: string and boolean comparison is restricted to = and <>.
            final String role = "operand of '" + operator.symbol() + "'";
            requireNumeric(left, start, role);
            requireNumeric(right, rightStart, role);
        }
        return checkDepth(new ComparisonExpression(operator, left, right), start);
    }

    private Expression parseBetween(final Expression left, final int start, final boolean negated)
        throws SelectorParseException
    {
        requireNumeric(left, start, "operand of BETWEEN");
        lexer.advance();
        final int lowerStart = lexer.start();
        final Expression lower = parseSum();
        requireNumeric(lower, lowerStart, "lower bound of BETWEEN");
        expect(Token.AND, "expected AND between the bounds of BETWEEN");
        final int upperStart = lexer.start();
        final Expression upper = parseSum();
        requireNumeric(upper, upperStart, "upper bound of BETWEEN");
        return checkDepth(new BetweenExpression(left, lower, upper, negated), start);
    }

    private Expression parseLike(final Expression left, final int start, final boolean negated)
        throws SelectorParseException
    {
        final Identifier identifier = requireIdentifier(left, start, "LIKE");
        lexer.advance();
        if (Token.STRING != lexer.token())
        {
            throw unexpected("LIKE requires a string literal pattern");
        }
        final String pattern = lexer.value();
        final int patternPosition = lexer.start();
        lexer.advance();
        final int escape = parseEscape();
        final LikePattern likePattern = LikePattern.compile(pattern, escape, text, patternPosition);
        return checkDepth(new LikeExpression(identifier, likePattern, negated), start);
    }

    private int parseEscape() throws SelectorParseException
    {
        if (Token.ESCAPE != lexer.token())
        {
            return LikePattern.NO_ESCAPE;
        }
        lexer.advance();
        if (Token.STRING != lexer.token())
        {
            throw unexpected("ESCAPE requires a single-character string literal");
        }
        final String escape = lexer.value();
        if (1 != escape.codePointCount(0, escape.length()))
        {
            throw lexer.error("ESCAPE requires exactly one character", lexer.start());
        }
        lexer.advance();
        return escape.codePointAt(0);
    }

    private Expression parseIn(final Expression left, final int start, final boolean negated)
        throws SelectorParseException
    {
        final Identifier identifier = requireIdentifier(left, start, "IN");
        lexer.advance();
        expect(Token.LEFT_PAREN, "expected '(' after IN");
        if (Token.RIGHT_PAREN == lexer.token())
        {
            throw lexer.error("IN list must contain at least one string literal", lexer.start());
        }
        final Set<String> values = new HashSet<>();
        while (true)
        {
            if (Token.STRING != lexer.token())
            {
                throw unexpected("IN list accepts only string literals");
            }
            values.add(lexer.value());
            lexer.advance();
            if (Token.COMMA != lexer.token())
            {
                break;
            }
            lexer.advance();
        }
        expect(Token.RIGHT_PAREN, "expected ',' or ')' in IN list");
        return checkDepth(new InExpression(identifier, values, negated), start);
    }

    private Expression parseIsNull(final Expression left, final int start) throws SelectorParseException
    {
        final Identifier identifier = requireIdentifier(left, start, "IS NULL");
        lexer.advance();
        final boolean negated = Token.NOT == lexer.token();
        if (negated)
        {
            lexer.advance();
        }
        expect(Token.NULL, "expected NULL after IS");
        return checkDepth(new IsNullExpression(identifier, negated), start);
    }

    private Expression parseSum() throws SelectorParseException
    {
        final int start = lexer.start();
        Expression left = parseProduct();
        while (Token.PLUS == lexer.token() || Token.MINUS == lexer.token())
        {
            final char operator = Token.PLUS == lexer.token() ? '+' : '-';
            lexer.advance();
            final int rightStart = lexer.start();
            final Expression right = parseProduct();
            left = arithmetic(operator, left, start, right, rightStart);
        }
        return left;
    }

    private Expression parseProduct() throws SelectorParseException
    {
        final int start = lexer.start();
        Expression left = parseUnary();
        while (Token.TIMES == lexer.token() || Token.DIVIDE == lexer.token())
        {
            final char operator = Token.TIMES == lexer.token() ? '*' : '/';
            lexer.advance();
            final int rightStart = lexer.start();
            final Expression right = parseUnary();
            left = arithmetic(operator, left, start, right, rightStart);
        }
        return left;
    }

    private Expression arithmetic(
        final char operator, final Expression left, final int start, final Expression right, final int rightStart)
        throws SelectorParseException
    {
        final String role = "operand of '" + operator + "'";
        requireNumeric(left, start, role);
        requireNumeric(right, rightStart, role);
        final ArithmeticExpression expression = new ArithmeticExpression(operator, left, right);
        if (expression.isConstant())
        {
            final Object folded = expression.evaluate(null);
            if (null != folded)
            {
                return new Literal(folded);
            }
        }
        return checkDepth(expression, start);
    }

    private Expression parseUnary() throws SelectorParseException
    {
        final Token token = lexer.token();
        if (Token.PLUS != token && Token.MINUS != token)
        {
            return parsePrimary();
        }
        final int start = lexer.start();
        final boolean negate = Token.MINUS == token;
        lexer.advance();
        if (Token.EXACT_NUMBER == lexer.token() || Token.APPROXIMATE_NUMBER == lexer.token())
        {
            // A signed literal, so that -9223372036854775808 is in range as it is in Java.
            return parseNumber(negate ? "-" : "");
        }
        enterNesting(start);
        final int operandStart = lexer.start();
        final Expression operand = parseUnary();
        leaveNesting();
        requireNumeric(operand, operandStart, "operand of unary '" + (negate ? '-' : '+') + "'");
        if (operand instanceof Literal)
        {
            return new Literal(SignExpression.apply(negate, ((Literal)operand).value()));
        }
        return checkDepth(new SignExpression(operand, negate), start);
    }

    private Expression parsePrimary() throws SelectorParseException
    {
        final int start = lexer.start();
        switch (lexer.token())
        {
            case STRING:
                final Literal string = new Literal(lexer.value());
                lexer.advance();
                return string;
            case EXACT_NUMBER:
            case APPROXIMATE_NUMBER:
                return parseNumber("");
            case TRUE:
                lexer.advance();
                return Literal.TRUE;
            case FALSE:
                lexer.advance();
                return Literal.FALSE;
            case IDENTIFIER:
                final String name = lexer.value();
                identifiers.add(name);
                lexer.advance();
                return new Identifier(name);
            case LEFT_PAREN:
                enterNesting(start);
                lexer.advance();
                final Expression inner = parseOr();
                expect(Token.RIGHT_PAREN, "expected ')' to close the '(' opened at offset " + start);
                leaveNesting();
                return inner;
            case NULL:
                throw lexer.error("NULL may only appear in IS NULL or IS NOT NULL", start);
            default:
                if (lexer.token().isKeyword())
                {
                    throw lexer.error(
                        "reserved word " + lexer.describe() + " cannot be used as an identifier or operand", start);
                }
                throw unexpected("expected an identifier, a literal or '('");
        }
    }

    private Expression parseNumber(final String sign) throws SelectorParseException
    {
        final int start = lexer.start();
        final String literal = sign + lexer.value();
        final boolean isExact = Token.EXACT_NUMBER == lexer.token();
        lexer.advance();
        final Number value = isExact ? NumericLiteral.exact(literal) : NumericLiteral.approximate(literal);
        if (null == value)
        {
            throw lexer.error(isExact ? NumericLiteral.exactProblem(literal) :
                "approximate numeric literal is out of the range of " +
                (NumericLiteral.isFloat(literal) ? "float" : "double"), start);
        }
        return new Literal(value);
    }

    private static ComparisonOperator comparisonOperatorOf(final Token token)
    {
        switch (token)
        {
            case EQUAL:
                return ComparisonOperator.EQUAL;
            case NOT_EQUAL:
                return ComparisonOperator.NOT_EQUAL;
            case LESS_THAN:
                return ComparisonOperator.LESS_THAN;
            case LESS_THAN_OR_EQUAL:
                return ComparisonOperator.LESS_THAN_OR_EQUAL;
            case GREATER_THAN:
                return ComparisonOperator.GREATER_THAN;
            case GREATER_THAN_OR_EQUAL:
                return ComparisonOperator.GREATER_THAN_OR_EQUAL;
            default:
                return null;
        }
    }

    private void expect(final Token expected, final String problem) throws SelectorParseException
    {
        if (expected != lexer.token())
        {
            throw unexpected(problem);
        }
        lexer.advance();
    }

    private SelectorParseException unexpected(final String expectation)
    {
        return lexer.error("unexpected " + lexer.describe() + ", " + expectation, lexer.start());
    }

    private void requireConditional(final Expression expression, final int position, final String role)
        throws SelectorParseException
    {
        final ValueType type = expression.type();
        if (ValueType.NUMERIC == type || ValueType.STRING == type)
        {
            throw lexer.error(
                role + " must be a conditional expression, not a " + type.description() + " expression", position);
        }
    }

    private void requireNumeric(final Expression expression, final int position, final String role)
        throws SelectorParseException
    {
        final ValueType type = expression.type();
        if (ValueType.BOOLEAN == type || ValueType.STRING == type)
        {
            throw lexer.error(
                role + " must be numeric, not a " + type.description() + " expression", position);
        }
    }

    private Identifier requireIdentifier(final Expression expression, final int position, final String operator)
        throws SelectorParseException
    {
        if (!(expression instanceof Identifier))
        {
            throw lexer.error("left operand of " + operator + " must be an identifier", position);
        }
        return (Identifier)expression;
    }

    private void enterNesting(final int position) throws SelectorParseException
    {
        if (++nesting > MAX_DEPTH)
        {
            throw lexer.error("selector is nested more than " + MAX_DEPTH + " levels deep", position);
        }
    }

    private void leaveNesting()
    {
        nesting--;
    }

    private Expression checkDepth(final Expression expression, final int position) throws SelectorParseException
    {
        if (expression.depth() > MAX_DEPTH)
        {
            throw lexer.error("selector is nested more than " + MAX_DEPTH + " levels deep", position);
        }
        return expression;
    }
}
