package io.aeolus.jms.message;

import java.util.Map;

/**
 * What the subscriber copies of one received frame decode once between them ({@link SharedFrameDecoder}): the
 * property map and a {@code TextMessage}'s text. Each is decoded by the first copy that reads it, on whichever
 * consumer's thread, and published for the others; a race decodes twice, which is harmless. The map is unmodifiable:
 * a copy that wants to write its properties calls {@code clearProperties()}, which gives it a map of its own.
 */
final class SharedDecodes
{
    private volatile Map<String, Object> properties;
    private volatile String text;
    private volatile boolean textDecoded;

    Map<String, Object> properties()
    {
        return properties;
    }

    void properties(final Map<String, Object> properties)
    {
        this.properties = properties;
    }

    boolean hasText()
    {
        return textDecoded;
    }

    String text()
    {
        return text;
    }

    void text(final String text)
    {
        this.text = text;
        textDecoded = true;
    }
}
