package io.aeolus.broker.security;

import java.util.Locale;

/**
 * How strict the broker is about who connects. Thread-safe: immutable.
 */
public enum SecurityMode
{
    /** Every client authenticates; what it may do follows its roles. The default. */
    ON,

    /**
     * Development: as {@link #ON}, and in addition anonymous clients from the broker's own host (IPC or loopback UDP)
     * connect with every permission. Never for a shared host or network.
     */
    DEV;

    /**
     * @param option the option's name, for the error message.
     * @param text   {@code on} or {@code dev}.
     * @return the mode.
     * @throws IllegalArgumentException naming the option if the text is neither.
     */
    public static SecurityMode parse(final String option, final String text)
    {
        switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "on":
                return ON;
            case "dev":
                return DEV;
            default:
                throw new IllegalArgumentException(option + ": expected on or dev, got '" + text + "'");
        }
    }
}
