package io.aeolus.broker.destination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * Broker-wide defaults of the per-destination settings, and overrides for destinations whose names match a pattern.
 * <p>
 * A pattern is an exact name or uses wildcards over the dot-separated words of a name: {@code *} matches exactly
 * one word, {@code #} any number of words (none included). {@code orders.*} matches {@code orders.eu} but not
 * {@code orders} or {@code orders.eu.paris}; {@code orders.#} matches all three. Each setting is resolved on its
 * own: from the most specific pattern that sets it (an exact name first, then the pattern with more literal words,
 * then fewer {@code #}, then the longer, then the alphabetically first), else the default. A topic's subscriptions
 * follow the topic's settings.
 * <p>
 * Built while the broker's context is concluded; read-only and thread-safe once handed to the conductor.
 */
public final class DestinationPolicies
{
    /** Prefix of a per-destination key: {@code aeolus.destination.<pattern>.<setting>}. */
    public static final String KEY_PREFIX = "aeolus.destination.";

    private static final Comparator<PatternSettings> MOST_SPECIFIC_FIRST = Comparator
        .comparingInt((final PatternSettings settings) -> settings.exact ? 0 : 1)
        .thenComparingInt((final PatternSettings settings) -> -settings.literalWords)
        .thenComparingInt((final PatternSettings settings) -> settings.multiWordWildcards)
        .thenComparingInt((final PatternSettings settings) -> -settings.pattern.length())
        .thenComparing((final PatternSettings settings) -> settings.pattern);

    private final EnumMap<PolicySetting, Object> defaults;
    private final ArrayList<PatternSettings> overrides = new ArrayList<>();

    /**
     * @param defaults a value for every setting, of the type {@link PolicySetting} gives.
     * @throws IllegalArgumentException if a setting has no default.
     */
    public DestinationPolicies(final Map<PolicySetting, Object> defaults)
    {
        this.defaults = new EnumMap<>(PolicySetting.class);
        this.defaults.putAll(defaults);
        for (final PolicySetting setting : PolicySetting.values())
        {
            if (null == this.defaults.get(setting))
            {
                throw new IllegalArgumentException("no default for " + setting.settingName());
            }
        }
    }

    /**
     * @return policies with the built-in defaults of {@link DestinationPolicy#DEFAULT} and no overrides.
     */
    public static DestinationPolicies defaults()
    {
        return new DestinationPolicies(valuesOf(DestinationPolicy.DEFAULT));
    }

    /**
     * @param policy a policy.
     * @return its value of every setting. Allocates.
     */
    static EnumMap<PolicySetting, Object> valuesOf(final DestinationPolicy policy)
    {
        final EnumMap<PolicySetting, Object> values = new EnumMap<>(PolicySetting.class);
        values.put(PolicySetting.REDELIVERY_DELAY, policy.redeliveryDelayMs());
        values.put(PolicySetting.REDELIVERY_MULTIPLIER, policy.redeliveryMultiplier());
        values.put(PolicySetting.REDELIVERY_MAX_DELAY, policy.redeliveryMaxDelayMs());
        values.put(PolicySetting.MAX_DELIVERY_ATTEMPTS, policy.maxDeliveryAttempts());
        values.put(PolicySetting.DEAD_LETTER_QUEUE, policy.deadLetterQueue());
        values.put(PolicySetting.EXPIRY_QUEUE, policy.expiryQueue());
        values.put(PolicySetting.MEMORY_LIMIT, policy.memoryLimitBytes());
        values.put(PolicySetting.MEMORY_LIMIT_POLICY, policy.memoryLimitPolicy());
        values.put(PolicySetting.AUTO_CREATE, policy.autoCreate());
        values.put(PolicySetting.LAST_VALUE_KEY, policy.lastValueKey());
        values.put(PolicySetting.RETENTION_TIME, policy.retentionMs());
        values.put(PolicySetting.RETENTION_SIZE, policy.retentionBytes());
        return values;
    }

    /**
     * @param values a value for every setting, of the type {@link PolicySetting} gives.
     * @return the policy of those values. Allocates.
     */
    static DestinationPolicy policyOf(final Map<PolicySetting, Object> values)
    {
        return new DestinationPolicy(
            (Long)values.get(PolicySetting.REDELIVERY_DELAY),
            (Double)values.get(PolicySetting.REDELIVERY_MULTIPLIER),
            (Long)values.get(PolicySetting.REDELIVERY_MAX_DELAY),
            (Integer)values.get(PolicySetting.MAX_DELIVERY_ATTEMPTS),
            (String)values.get(PolicySetting.DEAD_LETTER_QUEUE),
            (String)values.get(PolicySetting.EXPIRY_QUEUE),
            (Long)values.get(PolicySetting.MEMORY_LIMIT),
            (MemoryLimitPolicy)values.get(PolicySetting.MEMORY_LIMIT_POLICY),
            (Boolean)values.get(PolicySetting.AUTO_CREATE),
            (String)values.get(PolicySetting.LAST_VALUE_KEY),
            (Long)values.get(PolicySetting.RETENTION_TIME),
            (Long)values.get(PolicySetting.RETENTION_SIZE));
    }

    /**
     * Adds a per-destination setting from its key and text. Only while the broker's context is concluded.
     *
     * @param key  {@code aeolus.destination.<pattern>.<setting>}.
     * @param text the value as text.
     * @return this.
     * @throws IllegalArgumentException naming the key if it or the value is invalid.
     */
    public DestinationPolicies put(final String key, final String text)
    {
        final PolicySetting setting = PolicySetting.byKeySuffix(key);
        if (!key.startsWith(KEY_PREFIX) || null == setting ||
            key.length() <= KEY_PREFIX.length() + setting.settingName().length() + 1)
        {
            throw new IllegalArgumentException("unknown option '" + key + "': a per-destination key is " + KEY_PREFIX +
                "<name or pattern>.<setting>, the setting one of " + settingNames());
        }
        final String pattern = key.substring(KEY_PREFIX.length(), key.length() - setting.settingName().length() - 1);
        return put(pattern, setting, setting.parse(key, text));
    }

    /**
     * Adds a per-destination setting. Only while the broker's context is concluded.
     *
     * @param pattern a destination name or pattern.
     * @param setting the setting.
     * @param value   its value, of the type {@link PolicySetting} gives.
     * @return this.
     */
    public DestinationPolicies put(final String pattern, final PolicySetting setting, final Object value)
    {
        PatternSettings forPattern = null;
        for (final PatternSettings existing : overrides)
        {
            if (existing.pattern.equals(pattern))
            {
                forPattern = existing;
            }
        }
        if (null == forPattern)
        {
            forPattern = new PatternSettings(pattern);
            overrides.add(forPattern);
            overrides.sort(MOST_SPECIFIC_FIRST);
        }
        forPattern.values.put(setting, value);
        return this;
    }

    /**
     * Resolves the settings of one destination. Allocates; called when a destination is created.
     *
     * @param destinationName the queue's or topic's name.
     * @return its policy.
     */
    public DestinationPolicy resolve(final String destinationName)
    {
        final String[] words = destinationName.split("\\.", -1);
        final EnumMap<PolicySetting, Object> values = new EnumMap<>(defaults);
        for (final PolicySetting setting : PolicySetting.values())
        {
            for (final PatternSettings settings : overrides)
            {
                if (settings.values.containsKey(setting) && settings.matches(words))
                {
                    values.put(setting, settings.values.get(setting));
                    break;
                }
            }
        }
        return policyOf(values);
    }

    /**
     * Whether a queue's name is one a dead-letter template of these policies produces (the default
     * {@code DLQ.{destination}}, a shared DLQ's name, or an override's template), so that such a queue is a
     * dead-letter queue from its creation, not only from its first dead letter: after a restart, or when created by
     * a send or an administrator.
     *
     * @param queueName the queue's name.
     * @return true if it names a dead-letter queue.
     */
    public boolean isDeadLetterQueueName(final String queueName)
    {
        if (isInstanceOf((String)defaults.get(PolicySetting.DEAD_LETTER_QUEUE), queueName))
        {
            return true;
        }
        for (final PatternSettings settings : overrides)
        {
            if (isInstanceOf((String)settings.values.get(PolicySetting.DEAD_LETTER_QUEUE), queueName))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean isInstanceOf(final String template, final String name)
    {
        if (null == template || template.isEmpty())
        {
            return false;
        }
        final int at = template.indexOf(DestinationPolicy.DESTINATION_PLACEHOLDER);
        if (at < 0)
        {
            return template.equals(name);
        }
        final String prefix = template.substring(0, at);
        final String suffix = template.substring(at + DestinationPolicy.DESTINATION_PLACEHOLDER.length());
        return name.length() > prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix);
    }

    /**
     * @param pattern         a pattern.
     * @param destinationName a destination name.
     * @return true if the pattern matches the name.
     */
    public static boolean matches(final String pattern, final String destinationName)
    {
        return new PatternSettings(pattern).matches(destinationName.split("\\.", -1));
    }

    private static String settingNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final PolicySetting setting : PolicySetting.values())
        {
            names.append(names.length() == 0 ? "" : ", ").append(setting.settingName());
        }
        return names.toString();
    }

    /**
     * The settings given for one pattern.
     */
    private static final class PatternSettings
    {
        final String pattern;
        final String[] words;
        final boolean exact;
        final int literalWords;
        final int multiWordWildcards;
        final EnumMap<PolicySetting, Object> values = new EnumMap<>(PolicySetting.class);

        PatternSettings(final String pattern)
        {
            this.pattern = pattern;
            this.words = pattern.split("\\.", -1);
            int literal = 0;
            int multi = 0;
            for (final String word : words)
            {
                if ("#".equals(word))
                {
                    multi++;
                }
                else if (!"*".equals(word))
                {
                    literal++;
                }
            }
            this.literalWords = literal;
            this.multiWordWildcards = multi;
            this.exact = literal == words.length;
        }

        boolean matches(final String[] nameWords)
        {
            return matches(0, nameWords, 0);
        }

        private boolean matches(final int patternIndex, final String[] nameWords, final int nameIndex)
        {
            if (patternIndex == words.length)
            {
                return nameIndex == nameWords.length;
            }
            final String word = words[patternIndex];
            if ("#".equals(word))
            {
                for (int next = nameIndex; next <= nameWords.length; next++)
                {
                    if (matches(patternIndex + 1, nameWords, next))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (nameIndex == nameWords.length)
            {
                return false;
            }
            return ("*".equals(word) || word.equals(nameWords[nameIndex])) &&
                matches(patternIndex + 1, nameWords, nameIndex + 1);
        }
    }
}
