package io.aeolus.broker.engine.routing;

import java.util.Locale;

/**
 * What a routing rule does with a message it matches. Thread-safe: immutable.
 */
public enum RouteMode
{
    /** The message goes to the rule's targets and also to the destination it was sent to. */
    COPY,
    /** The message goes only to the rule's targets, not to the destination it was sent to. */
    EXCLUSIVE;

    /**
     * @return the mode's name in the config file and in management: {@code copy} or {@code exclusive}.
     */
    public String text()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param rule the rule's name, for the error message.
     * @param text {@code copy} or {@code exclusive} (any case); null or empty for {@code copy}.
     * @return the mode.
     * @throws IllegalArgumentException naming the rule and the text if it is neither.
     */
    public static RouteMode parse(final String rule, final String text)
    {
        if (null == text || text.isBlank())
        {
            return COPY;
        }
        final String value = text.trim().toLowerCase(Locale.ROOT);
        if ("copy".equals(value))
        {
            return COPY;
        }
        if ("exclusive".equals(value))
        {
            return EXCLUSIVE;
        }
        throw new IllegalArgumentException(
            "routing rule '" + rule + "': unknown mode '" + text.trim() + "': expected copy or exclusive");
    }
}
