package io.aeolus.broker.destination;

import io.aeolus.transport.TransportConfiguration;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A setting that can differ per destination: its name in a per-destination key
 * ({@code aeolus.destination.<pattern>.<name>}) and how its text is parsed. The broker-wide default of each is the
 * broker option {@code aeolus.broker.<name>}. Thread-safe: immutable.
 */
public enum PolicySetting
{
    /** Delay before a message whose delivery failed is delivered again, in ms ({@code Long}). */
    REDELIVERY_DELAY("redelivery.delay"),
    /** Factor by which each further redelivery delay grows ({@code Double}, at least 1). */
    REDELIVERY_MULTIPLIER("redelivery.multiplier"),
    /** Cap on the redelivery delay, in ms ({@code Long}). */
    REDELIVERY_MAX_DELAY("redelivery.max.delay"),
    /** Deliveries after which a failing message is dead-lettered; 0 for no limit ({@code Integer}). */
    MAX_DELIVERY_ATTEMPTS("max.delivery.attempts"),
    /** Dead-letter queue name template, empty for none ({@code String}). */
    DEAD_LETTER_QUEUE("dead.letter.queue"),
    /** Expiry queue name template, empty for none ({@code String}). */
    EXPIRY_QUEUE("expiry.queue"),
    /** Memory limit in bytes, 0 for none ({@code Long}). */
    MEMORY_LIMIT("memory.limit"),
    /** What a send over the memory limit does ({@link MemoryLimitPolicy}). */
    MEMORY_LIMIT_POLICY("memory.limit.policy"),
    /** Whether the destination is created on first use ({@code Boolean}). */
    AUTO_CREATE("auto.create"),
    /** The property a last-value queue replaces waiting messages by; empty for none ({@code String}). */
    LAST_VALUE_KEY("last.value.key"),
    /** How long a topic keeps its messages after delivery for new subscriptions and replay, in ms; 0: none
     * ({@code Long}). */
    RETENTION_TIME("retention.time"),
    /** Bytes of messages a topic keeps after delivery for new subscriptions and replay; 0: no size bound
     * ({@code Long}). */
    RETENTION_SIZE("retention.size");

    private static final int MAX_ATTEMPTS = 1_000_000;

    private final String settingName;

    PolicySetting(final String settingName)
    {
        this.settingName = settingName;
    }

    /**
     * @return the setting's name within a per-destination key.
     */
    public String settingName()
    {
        return settingName;
    }

    /**
     * Finds the setting a per-destination key ends with (the longest name that fits).
     *
     * @param key a key such as {@code aeolus.destination.orders.#.max.delivery.attempts}.
     * @return the setting, or null if the key ends with none.
     */
    public static PolicySetting byKeySuffix(final String key)
    {
        PolicySetting found = null;
        for (final PolicySetting setting : values())
        {
            if (key.endsWith("." + setting.settingName) &&
                (null == found || setting.settingName.length() > found.settingName.length()))
            {
                found = setting;
            }
        }
        return found;
    }

    /**
     * Parses a value of this setting.
     *
     * @param optionName the key or property it came from, for the error message.
     * @param text       the text.
     * @return the value, of the type the constant's description gives.
     * @throws IllegalArgumentException naming the option when the text is invalid.
     */
    public Object parse(final String optionName, final String text)
    {
        final String value = text.trim();
        switch (this)
        {
            case REDELIVERY_DELAY:
            case REDELIVERY_MAX_DELAY:
                return TimeUnit.NANOSECONDS.toMillis(TransportConfiguration.parseDurationNs(optionName, value, 0));
            case REDELIVERY_MULTIPLIER:
                return parseMultiplier(optionName, value);
            case MAX_DELIVERY_ATTEMPTS:
                return parseAttempts(optionName, value);
            case DEAD_LETTER_QUEUE:
            case EXPIRY_QUEUE:
                return parseQueueTemplate(optionName, value);
            case MEMORY_LIMIT:
            case RETENTION_SIZE:
                return TransportConfiguration.parseSize(optionName, value, 0);
            case RETENTION_TIME:
                return TimeUnit.NANOSECONDS.toMillis(TransportConfiguration.parseDurationNs(optionName, value, 0));
            case MEMORY_LIMIT_POLICY:
                return parsePolicy(optionName, value);
            case LAST_VALUE_KEY:
                return parsePropertyName(optionName, value);
            default:
                return parseBoolean(optionName, value);
        }
    }

    private static Double parseMultiplier(final String optionName, final String value)
    {
        try
        {
            final double multiplier = Double.parseDouble(value);
            if (!(multiplier >= 1.0 && multiplier <= 100.0))
            {
                throw new IllegalArgumentException(optionName + ": must be between 1.0 and 100.0, got " + value);
            }
            return multiplier;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(optionName + ": not a number: '" + value + "'", ex);
        }
    }

    private static Integer parseAttempts(final String optionName, final String value)
    {
        try
        {
            final int attempts = Integer.parseInt(value);
            if (attempts < 0 || attempts > MAX_ATTEMPTS)
            {
                throw new IllegalArgumentException(
                    optionName + ": must be between 0 (no limit) and " + MAX_ATTEMPTS + ", got " + value);
            }
            return attempts;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(optionName + ": not a number: '" + value + "'", ex);
        }
    }

    private static String parseQueueTemplate(final String optionName, final String value)
    {
        if (value.isEmpty() || "none".equalsIgnoreCase(value))
        {
            return "";
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (Character.isISOControl(value.charAt(i)))
            {
                throw new IllegalArgumentException(optionName + ": queue name contains a control character");
            }
        }
        return value;
    }

    private static MemoryLimitPolicy parsePolicy(final String optionName, final String value)
    {
        try
        {
            return MemoryLimitPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(optionName + ": expected block or fail, got '" + value + "'", ex);
        }
    }

    private static String parsePropertyName(final String optionName, final String value)
    {
        if (value.isEmpty() || "none".equalsIgnoreCase(value))
        {
            return "";
        }
        boolean valid = Character.isJavaIdentifierStart(value.charAt(0));
        for (int i = 1; i < value.length() && valid; i++)
        {
            final char c = value.charAt(i);
            valid = Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
        }
        if (!valid || value.startsWith("JMS") && !value.startsWith("JMSX"))
        {
            throw new IllegalArgumentException(optionName + ": '" + value + "' is not a message property name " +
                "(a Java identifier, not a JMS header)");
        }
        return value;
    }

    private static Boolean parseBoolean(final String optionName, final String value)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("yes") || text.equals("on"))
        {
            return Boolean.TRUE;
        }
        if (text.equals("false") || text.equals("no") || text.equals("off"))
        {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(optionName + ": expected true or false, got '" + value + "'");
    }
}
