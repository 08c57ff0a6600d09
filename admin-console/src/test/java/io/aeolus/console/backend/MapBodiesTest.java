package io.aeolus.console.backend;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MapBodiesTest
{
    @Test
    void shouldShowEveryEntryWithItsTypeInTheBodysOrder()
    {
        final Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("qty", 2);
        entries.put("code", "2");
        entries.put("price", 9.5d);
        entries.put("ok", true);
        entries.put("big", 7L);
        entries.put("raw", new byte[] {0x0a, (byte)0xff});
        entries.put("letter", 'x');

        assertEquals("qty (int) = 2\ncode (string) = \"2\"\nprice (double) = 9.5\nok (boolean) = true\n" +
            "big (long) = 7\nraw (bytes) = 0aff\nletter (char) = x\n", MapBodies.describe(entries));
    }

    @Test
    void shouldCutALongByteArray()
    {
        final String text = MapBodies.describe(Map.of("raw", new byte[100]));

        assertEquals("raw (bytes) = " + "00".repeat(MapBodies.MAX_SHOWN_BYTES) + "\u2026 (100 bytes)\n", text);
    }
}
