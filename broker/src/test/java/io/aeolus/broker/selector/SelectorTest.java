package io.aeolus.broker.selector;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The selector truth table: each row is {@code expected | selector}, evaluated against {@link #MESSAGE}. A row that
 * tells FALSE from UNKNOWN wraps the expression in NOT: NOT FALSE matches, NOT UNKNOWN does not.
 */
@Timeout(10)
class SelectorTest
{
    static final Map<String, Object> MESSAGE = new HashMap<>();

    static
    {
        MESSAGE.put("byteProp", (byte)8);
        MESSAGE.put("shortProp", (short)16);
        MESSAGE.put("intProp", 32);
        MESSAGE.put("longProp", 64L);
        MESSAGE.put("floatProp", 2.5f);
        MESSAGE.put("doubleProp", 6.25);
        MESSAGE.put("negProp", -5);
        MESSAGE.put("maxLong", Long.MAX_VALUE);
        MESSAGE.put("minLong", Long.MIN_VALUE);
        MESSAGE.put("nanProp", Double.NaN);
        MESSAGE.put("stringProp", "hello");
        MESSAGE.put("numericString", "2");
        MESSAGE.put("emptyProp", "");
        MESSAGE.put("quoteProp", "it's");
        MESSAGE.put("underscoreProp", "a_b");
        MESSAGE.put("plainProp", "axb");
        MESSAGE.put("percentProp", "50%");
        MESSAGE.put("trueProp", true);
        MESSAGE.put("falseProp", false);
        MESSAGE.put("Name", "Upper");
        MESSAGE.put("name", "lower");
        MESSAGE.put("größe", 3);
        MESSAGE.put("$price", 10);
        MESSAGE.put("_hidden", "x");
        MESSAGE.put(SelectorSource.JMS_DELIVERY_MODE, SelectorSource.PERSISTENT);
        MESSAGE.put(SelectorSource.JMS_PRIORITY, 4);
        MESSAGE.put(SelectorSource.JMS_MESSAGE_ID, "ID:aeolus-1");
        MESSAGE.put(SelectorSource.JMS_TIMESTAMP, 1_700_000_000_000L);
        MESSAGE.put(SelectorSource.JMS_TYPE, "order");
        // absentProp and JMSCorrelationID are deliberately not set.
    }

    private static void assertSelector(final boolean expected, final String selector) throws SelectorParseException
    {
        assertEquals(expected, Selector.parse(selector).matches(MESSAGE::get), selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | intProp = 32
        false | intProp = 33
        true  | intProp <> 33
        false | intProp <> 32
        true  | intProp < 33
        false | intProp < 32
        true  | intProp <= 32
        false | intProp <= 31
        true  | intProp > 31
        false | intProp > 32
        true  | intProp >= 32
        false | intProp >= 33
        true  | byteProp = 8
        true  | shortProp = 16
        true  | longProp = 64
        true  | floatProp = 2.5
        true  | doubleProp = 6.25
        true  | byteProp < shortProp
        true  | shortProp < intProp
        true  | intProp < longProp
        true  | floatProp < doubleProp
        true  | longProp > doubleProp
        true  | intProp = 32.0
        true  | longProp = 6.4E1
        false | intProp = 32.5
        true  | doubleProp > 6
        true  | floatProp = 25E-1
        true  | maxLong = 9223372036854775807
        true  | minLong = -9223372036854775808
        true  | maxLong > 9223372036854775806
        true  | negProp = -5
        true  | negProp < -4.5
        true  | 32 = intProp
        true  | 1 = 1
        false | 1 = 2
        true  | 7. = 7
        true  | .5 = 0.5
        true  | +62 = 62
        true  | -957 < -956
        true  | 7E3 = 7000
        true  | -57.9E2 = -5790
        true  | 1e-3 = 0.001
        false | nanProp = nanProp
        true  | nanProp <> nanProp
        false | nanProp < 1
        """)
    void shouldCompareNumbersOfEveryTypeAfterNumericPromotion(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | intProp = 32L
        true  | intProp = 32l
        true  | longProp = 64L
        true  | maxLong = 9223372036854775807L
        true  | minLong = -9223372036854775808L
        true  | intProp = 040
        true  | 035 = 29
        true  | 00 = 0
        true  | -035 = -29
        true  | 0377L = 255
        true  | intProp = 0x20
        true  | intProp = 0X20
        true  | 0x1F = 31
        true  | 0xffL = 255
        true  | -0x10 = -16
        true  | 0x7FFFFFFFFFFFFFFF = maxLong
        true  | 0xFFFFFFFFFFFFFFFFL = -1
        true  | floatProp = 2.5f
        true  | floatProp = 2.5F
        true  | doubleProp = 6.25d
        true  | doubleProp = 6.25D
        true  | floatProp = 25e-1f
        true  | 1f = 1
        true  | 7d = 7
        true  | .5f = 0.5
        true  | 3.e2D = 300
        true  | 09.5 = 9.5
        true  | 09e1 = 90
        true  | 1E+2 = 100
        true  | 0.1f > 0.1
        false | 0.1f = 0.1
        true  | intProp + 0x10 = 48
        true  | 010 + 1 = 9
        """)
    void shouldReadNumericLiteralsWithJavaSyntax(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | stringProp = 'hello'
        false | stringProp = 'Hello'
        true  | stringProp <> 'world'
        false | stringProp <> 'hello'
        false | stringProp = 'hello '
        true  | quoteProp = 'it''s'
        true  | emptyProp = ''
        true  | 'abc' = 'abc'
        false | 'abc' <> 'abc'
        true  | stringProp = stringProp
        true  | trueProp
        false | falseProp
        true  | trueProp = TRUE
        true  | falseProp = FALSE
        true  | trueProp <> falseProp
        true  | TRUE
        false | FALSE
        true  | TRUE = TRUE
        false | TRUE = FALSE
        true  | (intProp = 32) = TRUE
        true  | (intProp = 1) <> trueProp
        """)
    void shouldCompareStringsAndBooleansForEquality(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        false | stringProp = 5
        false | stringProp <> 5
        false | numericString = 2
        false | numericString > 1
        false | intProp = '32'
        false | trueProp = 1
        false | intProp = TRUE
        false | stringProp = trueProp
        true  | NOT (stringProp = 5)
        true  | NOT (intProp = '32')
        true  | NOT (trueProp = 1)
        true  | NOT (stringProp > 1)
        true  | NOT (stringProp BETWEEN 1 AND 10)
        true  | NOT (intProp IN ('32'))
        true  | NOT (intProp LIKE '3%')
        false | stringProp > 1
        false | stringProp < stringProp
        false | NOT (stringProp < stringProp)
        false | trueProp < falseProp
        false | NOT (trueProp >= falseProp)
        false | stringProp + 1 = 2
        false | NOT (stringProp + 1 = 2)
        false | -stringProp = 5
        false | trueProp * 2 = 2
        false | intProp
        false | NOT intProp
        false | stringProp AND TRUE
        true  | stringProp OR TRUE
        false | stringProp BETWEEN 1 AND 10
        false | stringProp NOT BETWEEN 1 AND 10
        false | intProp LIKE '3%'
        false | intProp NOT LIKE '3%'
        false | intProp IN ('32')
        false | intProp NOT IN ('32')
        """)
    void shouldTreatComparisonOfUnlikeTypesAsFalseAndMisappliedOperatorsAsUnknown(
        final boolean expected, final String selector) throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        false | absentProp = 1
        false | absentProp <> 1
        false | NOT (absentProp = 1)
        false | absentProp = absentProp
        false | absentProp > 0
        false | absentProp < 0
        false | absentProp < 0 OR absentProp >= 0
        false | absentProp + 1 = 1
        false | 1 + absentProp = 1
        false | -absentProp = 0
        false | absentProp
        false | NOT absentProp
        false | absentProp = 'hello'
        false | stringProp = absentProp
        true  | absentProp IS NULL
        false | absentProp IS NOT NULL
        true  | intProp IS NOT NULL
        false | intProp IS NULL
        true  | NOT (absentProp IS NOT NULL)
        true  | absentProp IS NULL AND intProp = 32
        true  | stringProp is not null
        """)
    void shouldTreatAbsentPropertyAsUnknown(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | trueProp AND trueProp
        false | trueProp AND falseProp
        false | trueProp AND absentProp
        false | falseProp AND trueProp
        false | falseProp AND falseProp
        false | falseProp AND absentProp
        false | absentProp AND trueProp
        false | absentProp AND falseProp
        false | absentProp AND absentProp
        true  | NOT (trueProp AND falseProp)
        true  | NOT (falseProp AND absentProp)
        true  | NOT (absentProp AND falseProp)
        false | NOT (trueProp AND absentProp)
        false | NOT (absentProp AND trueProp)
        false | NOT (absentProp AND absentProp)
        true  | trueProp OR trueProp
        true  | trueProp OR falseProp
        true  | trueProp OR absentProp
        true  | falseProp OR trueProp
        false | falseProp OR falseProp
        false | falseProp OR absentProp
        true  | absentProp OR trueProp
        false | absentProp OR falseProp
        false | absentProp OR absentProp
        true  | NOT (falseProp OR falseProp)
        false | NOT (falseProp OR absentProp)
        false | NOT (absentProp OR falseProp)
        false | NOT (absentProp OR absentProp)
        false | NOT trueProp
        true  | NOT FALSE
        false | NOT NOT absentProp
        true  | NOT NOT trueProp
        true  | absentProp AND falseProp OR trueProp
        false | absentProp AND trueProp OR falseProp
        true  | trueProp OR falseProp AND falseProp
        false | (trueProp OR falseProp) AND falseProp
        true  | NOT falseProp AND trueProp
        false | NOT (falseProp OR trueProp)
        true  | NOT intProp = 33
        true  | falseProp OR falseProp OR absentProp OR trueProp
        false | trueProp AND trueProp AND absentProp AND trueProp
        true  | NOT (trueProp AND trueProp AND falseProp AND absentProp)
        """)
    void shouldApplyThreeValuedLogic(final boolean expected, final String selector) throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | intProp + 8 = 40
        true  | intProp - 2 = 30
        true  | intProp * 2 = 64
        true  | intProp / 5 = 6
        true  | intProp / 5.0 = 6.4
        true  | 1 + 2 * 3 = 7
        true  | (1 + 2) * 3 = 9
        true  | 3 - 2 * 2 = -1
        true  | 10 - 4 - 3 = 3
        true  | 100 / 10 / 5 = 2
        true  | -intProp = -32
        true  | - intProp + 40 = 8
        true  | -(intProp + 8) = -40
        true  | --intProp = 32
        true  | +intProp = 32
        true  | 2 * -3 = -6
        true  | 1 - -1 = 2
        true  | byteProp + shortProp + intProp + longProp = 120
        true  | floatProp * doubleProp = 15.625
        true  | doubleProp / floatProp = 2.5
        true  | intProp * floatProp = 80
        true  | 7 / 2 = 3
        true  | 7 / 2.0 = 3.5
        false | intProp / 0 = 0
        false | NOT (intProp / 0 = 0)
        false | NOT (1 / 0 = 0)
        true  | doubleProp / 0 > 1000000
        true  | JMSPriority + 1 = 5
        true  | maxLong + 1 = minLong
        true  | intProp * 2 > longProp - 1
        true  | größe * $price = 30
        """)
    void shouldApplyArithmeticWithUnaryAndBinaryPrecedence(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | intProp BETWEEN 30 AND 35
        true  | intProp BETWEEN 32 AND 32
        false | intProp BETWEEN 33 AND 40
        false | intProp BETWEEN 35 AND 30
        false | intProp NOT BETWEEN 30 AND 35
        true  | intProp NOT BETWEEN 33 AND 40
        true  | doubleProp BETWEEN 6 AND 7
        true  | floatProp BETWEEN 2.5 AND 2.5
        true  | intProp BETWEEN 10 * 3 AND 40 - 5
        true  | intProp BETWEEN byteProp AND longProp
        true  | JMSPriority BETWEEN 0 AND 9
        true  | intProp between 30 and 35
        true  | intProp BETWEEN 30 AND 35 AND trueProp
        false | absentProp BETWEEN 1 AND 10
        false | absentProp NOT BETWEEN 1 AND 10
        false | NOT (absentProp BETWEEN 1 AND 10)
        false | intProp BETWEEN absentProp AND 40
        false | NOT (intProp BETWEEN absentProp AND 40)
        false | intProp BETWEEN 40 AND absentProp
        true  | NOT (intProp BETWEEN 40 AND absentProp)
        true  | intProp NOT BETWEEN 40 AND absentProp
        true  | intProp NOT BETWEEN absentProp AND 10
        false | intProp NOT BETWEEN absentProp AND 40
        """)
    void shouldEvaluateBetweenAsAPairOfComparisons(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | stringProp IN ('hello', 'world')
        false | stringProp IN ('world')
        true  | stringProp NOT IN ('world', 'foo')
        false | stringProp NOT IN ('hello')
        false | absentProp IN ('hello')
        false | absentProp NOT IN ('hello')
        false | NOT (absentProp IN ('hello'))
        true  | JMSType IN ('order', 'invoice')
        true  | quoteProp IN ('it''s')
        true  | stringProp in ('HELLO', 'hello')
        true  | emptyProp IN ('')
        true  | JMSDeliveryMode IN ('PERSISTENT')
        """)
    void shouldEvaluateInListsOfStrings(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | stringProp LIKE 'hel%'
        true  | stringProp LIKE '%llo'
        true  | stringProp LIKE '%ell%'
        true  | stringProp LIKE 'h_llo'
        false | stringProp LIKE 'h_lo'
        true  | stringProp LIKE '_____'
        false | stringProp LIKE '____'
        true  | stringProp LIKE '%'
        true  | emptyProp LIKE '%'
        false | emptyProp LIKE '_'
        true  | stringProp LIKE 'hello'
        false | stringProp LIKE 'Hello'
        false | stringProp like 'HEL%'
        true  | stringProp LIKE '%%l%%'
        true  | stringProp LIKE 'h%l%o'
        false | stringProp LIKE 'h%x%o'
        true  | stringProp NOT LIKE 'wor%'
        false | stringProp NOT LIKE 'h%'
        true  | underscoreProp LIKE 'a\\_b' ESCAPE '\\'
        true  | plainProp LIKE 'a_b'
        false | plainProp LIKE 'a\\_b' ESCAPE '\\'
        true  | percentProp LIKE '50!%' ESCAPE '!'
        false | stringProp LIKE 'hel!%' ESCAPE '!'
        true  | percentProp LIKE '%!%' ESCAPE '!'
        false | percentProp LIKE '50!!%' ESCAPE '!'
        true  | underscoreProp LIKE 'a!_%' ESCAPE '!'
        true  | stringProp LIKE 'h%' ESCAPE '!'
        true  | quoteProp LIKE 'it''%'
        false | absentProp LIKE '%'
        false | absentProp NOT LIKE '%'
        true  | JMSMessageID LIKE 'ID:%'
        """)
    void shouldMatchLikePatternsWithWildcardsAndEscape(final boolean expected, final String selector)
        throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | JMSDeliveryMode = 'PERSISTENT'
        false | JMSDeliveryMode = 'NON_PERSISTENT'
        true  | JMSPriority = 4
        true  | JMSPriority > 3
        true  | JMSMessageID = 'ID:aeolus-1'
        true  | JMSTimestamp > 1600000000000
        true  | JMSTimestamp = 1700000000000
        true  | JMSType = 'order'
        false | JMSCorrelationID = 'x'
        true  | JMSCorrelationID IS NULL
        """)
    void shouldReadJmsHeaders(final boolean expected, final String selector) throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        true  | Name = 'Upper'
        true  | name = 'lower'
        true  | NAME IS NULL
        true  | INTPROP IS NULL
        true  | intProp = 32 and stringProp = 'hello'
        true  | intProp = 32 AnD stringProp = 'hello'
        true  | falseProp oR trueProp
        true  | not falseProp
        true  | stringProp Is Not Null
        true  | trueProp = tRuE
        true  | größe = 3
        true  | $price = 10
        true  | _hidden = 'x'
        true  | ın IS NULL
        true  | intProp=32
        true  | (intProp=32)AND(stringProp='hello')
        true  | ((((intProp = 32))))
        """)
    void shouldTreatKeywordsCaseInsensitivelyAndIdentifiersCaseSensitively(
        final boolean expected, final String selector) throws SelectorParseException
    {
        assertSelector(expected, selector);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "intProp +",
        "intProp =",
        "= 1",
        "(intProp = 1",
        "intProp = 1)",
        "()",
        "stringProp = 'abc",
        "'",
        "intProp = NULL",
        "NULL IS NULL",
        "and = 1",
        "Between = 1",
        "x = escape",
        "TRUE > 1",
        "'a' < 'b'",
        "stringProp < 'b'",
        "trueProp <= FALSE",
        "'a' = 1",
        "TRUE = 1",
        "'a' + 1 = 2",
        "TRUE + 1 = 2",
        "-'a' = 1",
        "(intProp = 1) + 1 = 2",
        "intProp + 1",
        "'abc'",
        "5",
        "NOT 5",
        "intProp AND 1",
        "'a' OR trueProp",
        "x LIKE 5",
        "x LIKE y",
        "'abc' LIKE 'a%'",
        "x LIKE 'a' ESCAPE 'ab'",
        "x LIKE 'a' ESCAPE ''",
        "x LIKE 'a' ESCAPE",
        "x LIKE 'a\\b' ESCAPE '\\'",
        "x LIKE 'ab\\' ESCAPE '\\'",
        "x IN (1, 2)",
        "x IN ()",
        "x NOT IN ()",
        "x IN ('a' 'b')",
        "x IN ('a',)",
        "x IN 'a'",
        "x IN ('a'",
        "5 IN ('a')",
        "x BETWEEN 1",
        "x BETWEEN 1 AND",
        "x BETWEEN 'a' AND 'z'",
        "x BETWEEN 1 OR 2",
        "x NOT = 1",
        "x NOT NULL",
        "x IS 5",
        "x IS NOT",
        "5 IS NULL",
        "x IS NULL NULL",
        "intProp == 1",
        "intProp != 1",
        "intProp = 1 = 1",
        "intProp = 1 stringProp = 'a'",
        "intProp = 1 AND",
        "OR intProp = 1",
        "NOT",
        "intProp # 1",
        "intProp = 1a",
        "intProp = 1.5L",
        "intProp = 1e3L",
        "intProp = 09",
        "intProp = 08L",
        "intProp = 0x",
        "intProp = 0x1G",
        "intProp = 0x1.8p1",
        "intProp = 32LL",
        "intProp = 1.5fd",
        "intProp = 0x10000000000000000",
        "floatProp = 1e39f",
        "intProp = 1.2.3",
        "intProp = 1e",
        "intProp = 99999999999999999999",
        "intProp = 1e999",
        "intProp = \"abc\"",
        "intProp\u00a0= 1",
        "x IN ('a') AND In = 1"
    })
    void shouldRejectInvalidSelector(final String selector)
    {
        final SelectorParseException ex = assertThrows(SelectorParseException.class, () -> Selector.parse(selector));

        assertTrue(ex.position() >= 0 && ex.position() <= selector.length(), ex.getMessage());
        assertTrue(ex.getMessage().contains("at position " + ex.position()), ex.getMessage());
    }
}
