package io.aeolus.console.browser;

/**
 * Formats bytes as a classic hex dump, one line per {@value #BYTES_PER_LINE} bytes:
 * {@code 00000010 | 48 65 6C 6C 6F 20 77 6F  72 6C 64 0A 00 01 02 03 | Hello world.....}: the offset in hex, the
 * bytes in hex (a gap after the eighth), then the printable ASCII characters with a dot for the others. Every line
 * has the same width, so a range of lines can be formatted on its own. Stateless and thread-safe.
 */
public final class HexDump
{
    /** Bytes shown per line. */
    public static final int BYTES_PER_LINE = 16;
    /** Characters per line, the line feed included. */
    public static final int LINE_CHARS = 8 + 3 + BYTES_PER_LINE * 3 + 1 + 2 + BYTES_PER_LINE + 1;
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private HexDump()
    {
    }

    /**
     * Number of lines the dump of some bytes takes.
     *
     * @param length number of bytes.
     * @return the line count.
     */
    public static int lineCount(final int length)
    {
        return (length + BYTES_PER_LINE - 1) / BYTES_PER_LINE;
    }

    /**
     * Formats a range of lines; allocates the result only.
     *
     * @param bytes     the bytes.
     * @param firstLine index of the first line to format.
     * @param lines     most lines to format.
     * @return the lines, each ending with a line feed.
     */
    public static String lines(final byte[] bytes, final int firstLine, final int lines)
    {
        final int lastLine = Math.min(lineCount(bytes.length), firstLine + lines);
        final StringBuilder out = new StringBuilder(Math.max(0, lastLine - firstLine) * LINE_CHARS);
        for (int line = firstLine; line < lastLine; line++)
        {
            line(bytes, line * BYTES_PER_LINE, out);
        }
        return out.toString();
    }

    /**
     * Formats all the bytes.
     *
     * @param bytes the bytes.
     * @return the dump.
     */
    public static String dump(final byte[] bytes)
    {
        return lines(bytes, 0, lineCount(bytes.length));
    }

    private static void line(final byte[] bytes, final int offset, final StringBuilder out)
    {
        for (int shift = 28; shift >= 0; shift -= 4)
        {
            out.append(DIGITS[(offset >>> shift) & 0xF]);
        }
        out.append(" | ");
        for (int i = 0; i < BYTES_PER_LINE; i++)
        {
            if (i == BYTES_PER_LINE / 2)
            {
                out.append(' ');
            }
            if (offset + i < bytes.length)
            {
                final int b = bytes[offset + i] & 0xFF;
                out.append(DIGITS[b >>> 4]).append(DIGITS[b & 0xF]).append(' ');
            }
            else
            {
                out.append("   ");
            }
        }
        out.append("| ");
        for (int i = 0; i < BYTES_PER_LINE; i++)
        {
            if (offset + i < bytes.length)
            {
                final int b = bytes[offset + i] & 0xFF;
                out.append(b >= 0x20 && b < 0x7F ? (char)b : '.');
            }
            else
            {
                out.append(' ');
            }
        }
        out.append('\n');
    }
}
