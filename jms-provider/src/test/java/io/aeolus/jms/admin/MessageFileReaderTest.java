package io.aeolus.jms.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageFileReaderTest
{
    private static final long NOW_MS = 1_700_000_000_000L;

    @Test
    void shouldTurnALineIntoTheRequestThatSendsItAgain() throws MessageFileException
    {
        final String line = "{\"bodyType\":\"TEXT\",\"deliveryMode\":\"NON_PERSISTENT\",\"priority\":7," +
            "\"expiration\":" + (NOW_MS + 5000) + ",\"deliveryTime\":" + (NOW_MS + 2000) + ",\"type\":\"t\"," +
            "\"correlationId\":\"c\",\"replyTo\":\"answers\",\"replyToType\":\"TOPIC\"," +
            "\"properties\":{\"n\":{\"type\":\"long\",\"value\":9223372036854775807}," +
            "\"f\":{\"type\":\"float\",\"value\":\"NaN\"},\"d\":{\"type\":\"double\",\"value\":1.0E-300}}," +
            "\"body\":\"aGk=\",\"unknownField\":[1,2]}";

        final Map<String, Object> request = MessageFileReader.message(line, 2, NOW_MS).arguments("q", false);

        assertEquals("TEXT", request.get("bodyType"));
        assertEquals("hi", new String((byte[])request.get("body")));
        assertEquals("NON_PERSISTENT", request.get("deliveryMode"));
        assertEquals(7, request.get("priority"));
        assertEquals(5000L, request.get("timeToLive"));
        assertEquals(2000L, request.get("deliveryDelay"));
        assertEquals("t", request.get("jmsType"));
        assertEquals("c", request.get("correlationId"));
        assertEquals("topic", request.get("replyToType"));
        assertEquals(Long.MAX_VALUE, request.get("property.n"));
        assertTrue(Float.isNaN((Float)request.get("property.f")));
        assertEquals(1.0E-300, request.get("property.d"));
    }

    @Test
    void shouldSkipAMessageWhoseExpirationHasPassed() throws MessageFileException
    {
        assertNull(MessageFileReader.message("{\"bodyType\":\"TEXT\",\"expiration\":" + NOW_MS + ",\"body\":\"\"}",
            2, NOW_MS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON|{\"bodyType\":|not JSON",
        "an array|[1]|one JSON object",
        "trailing text|{\"bodyType\":\"TEXT\",\"body\":\"\"} x|after the value",
        "a repeated name|{\"body\":\"\",\"body\":\"\"}|repeated",
        "an unknown escape|{\"bodyType\":\"T\\qEXT\",\"body\":\"\"}|unknown escape",
        "no body type|{\"body\":\"\"}|'bodyType'",
        "an unknown body type|{\"bodyType\":\"JSON\",\"body\":\"\"}|'bodyType'",
        "no body|{\"bodyType\":\"TEXT\"}|'body' is missing",
        "a body not base64|{\"bodyType\":\"TEXT\",\"body\":\"!!\"}|'body' is not base64",
        "a priority out of range|{\"bodyType\":\"TEXT\",\"priority\":10,\"body\":\"\"}|'priority'",
        "a priority not a number|{\"bodyType\":\"TEXT\",\"priority\":\"high\",\"body\":\"\"}|'priority'",
        "a fractional expiration|{\"bodyType\":\"TEXT\",\"expiration\":1.5,\"body\":\"\"}|'expiration'",
        "a delivery mode unknown|{\"bodyType\":\"TEXT\",\"deliveryMode\":\"SOMETIMES\",\"body\":\"\"}|'deliveryMode'",
        "properties not an object|{\"bodyType\":\"TEXT\",\"properties\":[],\"body\":\"\"}|'properties'",
        "a property untyped|{\"bodyType\":\"TEXT\",\"properties\":{\"p\":1},\"body\":\"\"}|property 'p'",
        "an int out of range|{\"bodyType\":\"TEXT\",\"properties\":{\"p\":{\"type\":\"int\",\"value\":3000000000}}," +
            "\"body\":\"\"}|property 'p'",
        "a bytes property|{\"bodyType\":\"TEXT\",\"properties\":{\"p\":{\"type\":\"bytes\",\"value\":\"AA==\"}}," +
            "\"body\":\"\"}|property 'p'",
        "a type mismatch|{\"bodyType\":\"TEXT\",\"properties\":{\"p\":{\"type\":\"boolean\",\"value\":1}}," +
            "\"body\":\"\"}|property 'p'",
    })
    void shouldRefuseAMalformedLineNamingItAndTheField(final String what, final String line, final String fragment)
    {
        final MessageFileException ex = assertThrows(MessageFileException.class,
            () -> MessageFileReader.message(line, 7, NOW_MS));

        assertEquals(7, ex.line());
        assertTrue(ex.getMessage().startsWith("line 7: "), ex.getMessage());
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }

    @Test
    void shouldRefuseAHeaderOfAnotherFormatOrVersion()
    {
        final MessageFileException empty = assertThrows(MessageFileException.class,
            () -> MessageFileReader.readHeader(null));
        final MessageFileException other = assertThrows(MessageFileException.class,
            () -> MessageFileReader.readHeader("{\"format\":\"csv\",\"version\":1}"));
        final MessageFileException newer = assertThrows(MessageFileException.class,
            () -> MessageFileReader.readHeader("{\"format\":\"aeolus-messages\",\"version\":2}"));

        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        assertTrue(other.getMessage().contains("not a message file"), other.getMessage());
        assertTrue(newer.getMessage().contains("version 2"), newer.getMessage());
    }

    @Test
    void shouldWriteStringsThatParseBackUnchangedEvenWithUnpairedSurrogates()
    {
        final String value = "quote \" backslash \\ tab \t nul \u0000 é \uD83D\uDE00 lone \uD800 end";
        final StringBuilder json = new StringBuilder();
        Json.appendString(json, value);

        assertEquals(value, Json.parse(json.toString()));
        assertTrue(json.chars().allMatch((c) -> c >= 0x20 && !Character.isSurrogate((char)c)), json.toString());
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit()
    {
        final String deep = "[".repeat(100) + "]".repeat(100);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));

        assertTrue(ex.getMessage().contains("nested"), ex.getMessage());
        assertEquals(List.of(List.of()), Json.parse("[[]]"));
    }
}
