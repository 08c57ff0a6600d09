package io.aeolus.console.browser;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPrettyPrinterTest
{
    @Test
    void shouldIndentNestedObjectsAndArrays()
    {
        final String pretty = JsonPrettyPrinter.prettyPrint("{\"a\":1,\"b\":[true,null,{\"c\":\"x\"}],\"d\":{}}").get();

        assertEquals("{\n" +
            "  \"a\": 1,\n" +
            "  \"b\": [\n" +
            "    true,\n" +
            "    null,\n" +
            "    {\n" +
            "      \"c\": \"x\"\n" +
            "    }\n" +
            "  ],\n" +
            "  \"d\": {}\n" +
            "}", pretty);
    }

    @Test
    void shouldKeepStringContentsAndEscapesVerbatim()
    {
        final String pretty = JsonPrettyPrinter.prettyPrint("[ \"a, {b}: [c]\" , \"q\\\"\\u00e9\\n\" ]").get();

        assertEquals("[\n  \"a, {b}: [c]\",\n  \"q\\\"\\u00e9\\n\"\n]", pretty);
    }

    @Test
    void shouldAcceptNumbersInEveryForm()
    {
        assertEquals(
            Optional.of("[\n  -0,\n  12.5e-3,\n  7E+2\n]"), JsonPrettyPrinter.prettyPrint("[-0,12.5e-3,7E+2]"));
    }

    @Test
    void shouldAcceptScalarsAndEmptyContainers()
    {
        assertEquals(Optional.of("[]"), JsonPrettyPrinter.prettyPrint(" [ ] "));
        assertEquals(Optional.of("\"text\""), JsonPrettyPrinter.prettyPrint("\"text\""));
    }

    @Test
    void shouldRejectTextThatIsNotJson()
    {
        assertFalse(JsonPrettyPrinter.prettyPrint("{\"a\":1,}").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("{a:1}").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("[1 2]").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("{\"a\":01}").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("{\"a\":tru}").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("[\"unterminated]").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("{} trailing").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("hello").isPresent());
        assertFalse(JsonPrettyPrinter.prettyPrint("").isPresent());
    }

    @Test
    void shouldRejectNestingDeeperThanTheLimitWithoutOverflowingTheStack()
    {
        final String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertFalse(JsonPrettyPrinter.prettyPrint(deep).isPresent());
    }

    @Test
    void shouldRecogniseCandidatesCheaply()
    {
        assertTrue(JsonPrettyPrinter.looksLikeJson("  {\"a\":1}"));
        assertFalse(JsonPrettyPrinter.looksLikeJson("<order/>"));
    }
}
