package io.aeolus.console.browser;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HexDumpTest
{
    @Test
    void shouldShowOffsetHexAndAsciiPerLine()
    {
        final byte[] bytes = "Hello world\n\u0000\u0001\u0002\u0003AB".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(
            "00000000 | 48 65 6C 6C 6F 20 77 6F  72 6C 64 0A 00 01 02 03 | Hello world.....\n" +
            "00000010 | 41 42                                            | AB              \n",
            HexDump.dump(bytes));
    }

    @Test
    void shouldGiveEveryLineTheSameWidth()
    {
        final String dump = HexDump.dump(new byte[40]);

        for (final String line : dump.split("\n"))
        {
            assertEquals(HexDump.LINE_CHARS - 1, line.length(), line);
        }
        assertEquals(3 * HexDump.LINE_CHARS, dump.length());
    }

    @Test
    void shouldFormatARangeOfLinesOnItsOwn()
    {
        final byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)i;
        }

        final String middle = HexDump.lines(bytes, 2, 2);

        assertEquals(HexDump.dump(bytes).substring(2 * HexDump.LINE_CHARS, 4 * HexDump.LINE_CHARS), middle);
        assertEquals("", HexDump.lines(bytes, 7, 3));
    }

    @Test
    void shouldShowNonAsciiBytesAsDots()
    {
        final String dump = HexDump.dump(new byte[]{(byte)0xC3, (byte)0xA9, 0x7F, 0x20});

        assertEquals("00000000 | C3 A9 7F 20" + " ".repeat(38) + "| ... " + " ".repeat(12) + "\n", dump);
    }
}
