package io.aeolus.broker.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Laziness, robustness and the API around evaluation, beyond the truth table in {@link SelectorTest}. */
@Timeout(10)
class SelectorEvaluationTest
{
    /** Records every identifier read, in order. */
    private static final class RecordingSource implements SelectorSource
    {
        private final Map<String, Object> values;
        private final List<String> reads = new ArrayList<>();

        RecordingSource(final Map<String, Object> values)
        {
            this.values = values;
        }

        public Object valueOf(final String identifier)
        {
            reads.add(identifier);
            return values.get(identifier);
        }
    }

    private static RecordingSource recordingMessage()
    {
        return new RecordingSource(SelectorTest.MESSAGE);
    }

    @Test
    void shouldMatchEverythingWhenSelectorIsNullEmptyOrWhitespace() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        for (final String text : new String[]{ null, "", "   ", " \t\f\r\n" })
        {
            final Selector selector = Selector.parse(text);

            assertSame(Selector.MATCH_ALL, selector);
            assertTrue(selector.matches(source));
            assertTrue(selector.identifiers().isEmpty());
        }
        assertEquals(List.of(), source.reads);
    }

    @Test
    void shouldKeepTextAndListIdentifiersInOrderOfFirstAppearance() throws SelectorParseException
    {
        final String text = "JMSType = 'order' AND (weight > 3 OR JMSType IS NULL) AND colour IN ('red')";

        final Selector selector = Selector.parse(text);

        assertEquals(text, selector.text());
        assertEquals(text, selector.toString());
        assertEquals(List.of("JMSType", "weight", "colour"), new ArrayList<>(selector.identifiers()));
        assertThrows(UnsupportedOperationException.class, () -> selector.identifiers().add("other"));
    }

    @Test
    void shouldNotReadRemainingOperandsOnceAndIsFalse() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        final boolean matches = Selector.parse("falseProp AND intProp = 32 AND stringProp = 'hello'").matches(source);

        assertFalse(matches);
        assertEquals(List.of("falseProp"), source.reads);
    }

    @Test
    void shouldNotReadRemainingOperandsOnceOrIsTrue() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        final boolean matches = Selector.parse("trueProp OR intProp = 32 OR (stringProp = 'x')").matches(source);

        assertTrue(matches);
        assertEquals(List.of("trueProp"), source.reads);
    }

    @Test
    void shouldKeepReadingAfterUnknownBecauseLaterFalseDecidesAnd() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        final boolean matches = Selector.parse("NOT (absentProp AND falseProp AND intProp = 32)").matches(source);

        assertTrue(matches);
        assertEquals(List.of("absentProp", "falseProp"), source.reads);
    }

    @Test
    void shouldNotReadRightSideOfComparisonOrArithmeticWhenLeftIsNull() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        final boolean matches = Selector.parse("absentProp + intProp = longProp").matches(source);

        assertFalse(matches);
        assertEquals(List.of("absentProp"), source.reads);
    }

    @Test
    void shouldReadBetweenValueOnceAndSkipUpperBoundWhenLowerBoundFails() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        final boolean matches = Selector.parse("intProp BETWEEN longProp AND doubleProp").matches(source);

        assertFalse(matches);
        assertEquals(List.of("intProp", "longProp"), source.reads);
    }

    @Test
    void shouldNotReadBetweenBoundsWhenValueIsNull() throws SelectorParseException
    {
        final RecordingSource source = recordingMessage();

        final boolean matches = Selector.parse("absentProp NOT BETWEEN intProp AND longProp").matches(source);

        assertFalse(matches);
        assertEquals(List.of("absentProp"), source.reads);
    }

    @Test
    void shouldNeverThrowWhenSourceReturnsUnsupportedTypes()
        throws SelectorParseException
    {
        final Map<String, Object> values = new HashMap<>();
        values.put("a", 'c');
        values.put("b", new BigDecimal("1.5"));
        values.put("c", new Object());
        values.put("d", new int[]{ 1 });
        final String[] selectors = {
            "a = b", "a <> c", "a < 1", "b > 1.0", "a + b = 1", "-c = 1", "d * 2 = 2", "a BETWEEN b AND c",
            "a NOT BETWEEN 1 AND 2", "a LIKE 'c'", "b NOT LIKE '%'", "c IN ('x')", "d NOT IN ('x')", "a AND b",
            "NOT c", "a OR d", "a IS NULL", "d", "b / 0 = 1"
        };

        for (final String selector : selectors)
        {
            assertFalse(Selector.parse(selector).matches(values::get), selector);
        }
    }

    @Test
    void shouldReuseOneSelectorAcrossMessages() throws SelectorParseException
    {
        final Selector selector = Selector.parse("colour IN ('red', 'blue') AND weight < 10");

        assertTrue(selector.matches(Map.<String, Object>of("colour", "red", "weight", 3)::get));
        assertFalse(selector.matches(Map.<String, Object>of("colour", "green", "weight", 3)::get));
        assertFalse(selector.matches(Map.<String, Object>of("colour", "blue", "weight", 30.5)::get));
        assertFalse(selector.matches(Map.<String, Object>of("colour", "blue")::get));
    }

    @Test
    void shouldMatchLikeWildcardAgainstOneSupplementaryCharacter() throws SelectorParseException
    {
        final SelectorSource source = Map.<String, Object>of("emoji", "a\uD83D\uDE00b")::get;

        assertTrue(Selector.parse("emoji LIKE 'a_b'").matches(source));
        assertFalse(Selector.parse("emoji LIKE 'a__b'").matches(source));
        assertTrue(Selector.parse("emoji LIKE '%\uD83D\uDE00%'").matches(source));
    }

    @Test
    void shouldReportPositionAndProblemOfSyntaxError()
    {
        assertPosition("intProp = 1 AND", 15, "unexpected end of selector");
        assertPosition("a = (1 + 2", 10, "expected ')' to close the '(' opened at offset 4");
        assertPosition("a = 'abc", 4, "unterminated string literal");
        assertPosition("a = 1 OR between = 2", 9, "reserved word 'between'");
        assertPosition("'a' + 1 = 2", 0, "operand of '+' must be numeric, not a string expression");
        assertPosition("x IN (1)", 6, "IN list accepts only string literals");
        assertPosition("x IN ('a' 'b')", 10, "unexpected string literal 'b', expected ',' or ')'");
        assertPosition("TRUE > 1", 0, "operand of '>' must be numeric, not a boolean expression");
        assertPosition("a = 1 AND b + 1", 10, "operand of AND must be a conditional expression");
    }

    @Test
    void shouldRejectDeepNestingWithParseExceptionRatherThanStackOverflow()
    {
        final int depth = 10_000;
        final String[] selectors = {
            "(".repeat(depth) + "a" + ")".repeat(depth),
            "NOT ".repeat(depth) + "a",
            "-".repeat(depth) + "a = 1",
            "a" + " + a".repeat(depth) + " = 1"
        };

        for (final String selector : selectors)
        {
            final SelectorParseException ex = assertThrows(
                SelectorParseException.class, () -> Selector.parse(selector));
            assertTrue(ex.problem().contains("nested more than"), ex.getMessage());
        }
    }

    @Test
    void shouldAcceptModerateNestingAndLongGeneratedOrChains() throws SelectorParseException
    {
        final StringBuilder chain = new StringBuilder("id = 0");
        for (int i = 1; i < 10_000; i++)
        {
            chain.append(" OR id = ").append(i);
        }
        final Selector nested = Selector.parse("(".repeat(100) + "id = 9999" + ")".repeat(100));

        final Selector selector = Selector.parse(chain.toString());

        assertTrue(selector.matches(Map.<String, Object>of("id", 9_999)::get));
        assertFalse(selector.matches(Map.<String, Object>of("id", 10_000)::get));
        assertTrue(nested.matches(Map.<String, Object>of("id", 9_999L)::get));
        assertEquals(Set.of("id"), selector.identifiers());
    }

    @Test
    void shouldTreatEveryJmsWhitespaceCharacterAsSeparator() throws SelectorParseException
    {
        final Selector selector = Selector.parse(" \t\f\r\nintProp\t=\f32\rAND\nstringProp = 'hello' ");

        assertTrue(selector.matches(SelectorTest.MESSAGE::get));
    }

    private static void assertPosition(final String selector, final int position, final String problem)
    {
        final SelectorParseException ex = assertThrows(SelectorParseException.class, () -> Selector.parse(selector));

        assertEquals(position, ex.position(), ex.getMessage());
        assertTrue(ex.problem().contains(problem), ex.getMessage());
        assertTrue(ex.getMessage().contains(selector), ex.getMessage());
    }
}
