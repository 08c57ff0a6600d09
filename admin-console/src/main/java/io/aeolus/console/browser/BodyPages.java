package io.aeolus.console.browser;

/**
 * The text the viewer shows of one body in one format, handed out front to back in chunks, so the viewer never
 * puts more than one chunk into its text control at once. Text is cut at a line end near the chunk size when one
 * is close, and never inside a surrogate pair; a hex dump is formatted only for the lines handed out. FX thread
 * only; each chunk allocates its string.
 */
final class BodyPages
{
    /** How far back from a chunk's end a line end is looked for. */
    private static final int LINE_END_SEARCH = 4096;

    private final String text;
    private final byte[] bytes;
    private final long totalChars;
    private long shownChars;
    private int nextHexLine;

    private BodyPages(final String text, final byte[] bytes, final long totalChars)
    {
        this.text = text;
        this.bytes = bytes;
        this.totalChars = totalChars;
    }

    static BodyPages ofText(final String text)
    {
        return new BodyPages(text, null, text.length());
    }

    static BodyPages ofHex(final byte[] bytes)
    {
        return new BodyPages(null, bytes, (long)HexDump.lineCount(bytes.length) * HexDump.LINE_CHARS);
    }

    /**
     * @return characters of the whole rendering (for a hex dump, of all its lines).
     */
    long totalChars()
    {
        return totalChars;
    }

    /**
     * @return characters handed out so far.
     */
    long shownChars()
    {
        return shownChars;
    }

    boolean hasMore()
    {
        return shownChars < totalChars;
    }

    /**
     * Hands out the next chunk.
     *
     * @param maxChars most characters to hand out; at least one line of a hex dump is always handed out.
     * @return the chunk, empty when there is no more.
     */
    String next(final int maxChars)
    {
        final String chunk = null != text ? nextText(maxChars) : nextHex(maxChars);
        shownChars += chunk.length();
        return chunk;
    }

    private String nextText(final int maxChars)
    {
        final int from = (int)shownChars;
        int to = (int)Math.min(text.length(), from + (long)maxChars);
        if (to < text.length())
        {
            final int lineEnd = text.lastIndexOf('\n', to - 1);
            if (lineEnd >= from && lineEnd >= to - LINE_END_SEARCH)
            {
                to = lineEnd + 1;
            }
            else if (Character.isHighSurrogate(text.charAt(to - 1)))
            {
                to--;
            }
        }
        return text.substring(from, to);
    }

    private String nextHex(final int maxChars)
    {
        final int lines = Math.max(1, maxChars / HexDump.LINE_CHARS);
        final String chunk = HexDump.lines(bytes, nextHexLine, lines);
        nextHexLine += lines;
        return chunk;
    }
}
