package io.aeolus.broker.selector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Coverage-guided fuzzing of the selector parser and evaluator: any text either parses or is refused with a
 * {@link SelectorParseException} carrying a message; a parsed selector evaluates against any property values (of any
 * type, or missing) to true or false and throws nothing; it parses again from its own text to an equal result.
 * Selectors arrive from clients in {@code CreateConsumer} frames and from management requests, so this is input an
 * attacker controls.
 */
class SelectorFuzzTest
{
    private static final String[] NAMES = { "a", "b", "JMSPriority", "JMSType", "color", "weight", "JMSXGroupID" };

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    @DictionaryEntries({ "AND", "OR", "NOT", "BETWEEN", "IN", "LIKE", "ESCAPE", "IS", "NULL", "TRUE", "FALSE", "'",
        "(", ")", "<>", ">=", "<=", "=", "+", "-", "*", "/", ",", "1.5e3", "0x1F", "07", "JMSPriority", "color" })
    void shouldParseOrRefuseAnySelector(final FuzzedDataProvider data)
    {
        final Map<String, Object> values = new HashMap<>();
        for (final String name : NAMES)
        {
            values.put(name, value(data));
        }
        final String text = data.consumeRemainingAsString();
        final Selector selector;
        try
        {
            selector = Selector.parse(text);
        }
        catch (final SelectorParseException ex)
        {
            assertNotNull(ex.getMessage());
            return;
        }

        final boolean matched = selector.matches(values::get);

        assertEquals(matched, reparse(selector).matches(values::get), "same result after a re-parse of " + text);
    }

    private static Selector reparse(final Selector selector)
    {
        try
        {
            return Selector.parse(selector.text());
        }
        catch (final SelectorParseException ex)
        {
            throw new AssertionError("a parsed selector does not parse again: " + selector.text(), ex);
        }
    }

    private static Object value(final FuzzedDataProvider data)
    {
        switch (data.consumeInt(0, 8))
        {
            case 0: return null;
            case 1: return data.consumeBoolean();
            case 2: return data.consumeByte();
            case 3: return data.consumeShort();
            case 4: return data.consumeInt();
            case 5: return data.consumeLong();
            case 6: return data.consumeDouble();
            case 7: return data.consumeFloat();
            default: return data.consumeString(16);
        }
    }
}
