package io.aeolus.broker.destination;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings an administrator gave one destination at run time (when creating it or later), applied over what the
 * broker-wide defaults and the {@code aeolus.destination.<pattern>.*} options resolve for it. Each setting keeps the
 * text it was given, so that it is journaled and snapshotted as text and parsed again, with the same result, when
 * read back. Thread-safe: immutable.
 * <p>
 * {@code auto.create} is not among them: it decides whether a destination that does not exist is created, so it
 * means nothing for one that does; it is set by pattern only.
 */
public final class DestinationOverrides
{
    /** No setting overridden. */
    public static final DestinationOverrides NONE = new DestinationOverrides(new EnumMap<>(PolicySetting.class),
        new EnumMap<>(PolicySetting.class));

    private final EnumMap<PolicySetting, Object> values;
    private final EnumMap<PolicySetting, String> texts;

    private DestinationOverrides(
        final EnumMap<PolicySetting, Object> values, final EnumMap<PolicySetting, String> texts)
    {
        this.values = values;
        this.texts = texts;
    }

    /**
     * Parses settings given by name. Allocates.
     *
     * @param settings setting name (as in {@code aeolus.destination.<pattern>.<name>}) to its value as text; an
     *                 empty value stands for "none" where the setting has one (dead-letter queue, last-value key...).
     * @return the overrides.
     * @throws IllegalArgumentException naming the unknown setting or the bad value.
     */
    public static DestinationOverrides parse(final Map<String, String> settings)
    {
        final EnumMap<PolicySetting, Object> values = new EnumMap<>(PolicySetting.class);
        final EnumMap<PolicySetting, String> texts = new EnumMap<>(PolicySetting.class);
        for (final Map.Entry<String, String> entry : settings.entrySet())
        {
            final PolicySetting setting = byName(entry.getKey());
            final String text = null == entry.getValue() ? "" : entry.getValue().trim();
            values.put(setting, setting.parse("setting '" + setting.settingName() + "'", text));
            texts.put(setting, text);
        }
        return values.isEmpty() ? NONE : new DestinationOverrides(values, texts);
    }

    /**
     * @param name a setting's name.
     * @return the setting.
     * @throws IllegalArgumentException naming the unknown setting and listing those there are.
     */
    public static PolicySetting byName(final String name)
    {
        for (final PolicySetting setting : PolicySetting.values())
        {
            if (setting.settingName().equals(name))
            {
                if (PolicySetting.AUTO_CREATE == setting)
                {
                    throw new IllegalArgumentException("setting 'auto.create' cannot be given to one destination: " +
                        "it decides whether a destination that does not exist is created; set it by pattern " +
                        "(aeolus.destination.<pattern>.auto.create)");
                }
                return setting;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + name + "': expected one of " + names());
    }

    /**
     * @return the names of the settings a destination may be given, comma-separated.
     */
    public static String names()
    {
        final StringBuilder names = new StringBuilder();
        for (final PolicySetting setting : PolicySetting.values())
        {
            if (PolicySetting.AUTO_CREATE != setting)
            {
                names.append(names.length() == 0 ? "" : ", ").append(setting.settingName());
            }
        }
        return names.toString();
    }

    /**
     * @param changes settings to add or replace.
     * @return these overrides with the changes over them. Allocates.
     */
    public DestinationOverrides with(final DestinationOverrides changes)
    {
        if (changes.isEmpty())
        {
            return this;
        }
        final EnumMap<PolicySetting, Object> merged = new EnumMap<>(values);
        final EnumMap<PolicySetting, String> mergedTexts = new EnumMap<>(texts);
        merged.putAll(changes.values);
        mergedTexts.putAll(changes.texts);
        return new DestinationOverrides(merged, mergedTexts);
    }

    /**
     * @return true if no setting is overridden.
     */
    public boolean isEmpty()
    {
        return values.isEmpty();
    }

    /**
     * @param setting a setting.
     * @return true if it is overridden.
     */
    public boolean has(final PolicySetting setting)
    {
        return values.containsKey(setting);
    }

    /**
     * @return setting name to value as given, in the order of {@link PolicySetting}; unmodifiable. Allocates.
     */
    public Map<String, String> toText()
    {
        final LinkedHashMap<String, String> byName = new LinkedHashMap<>();
        for (final Map.Entry<PolicySetting, String> entry : texts.entrySet())
        {
            byName.put(entry.getKey().settingName(), entry.getValue());
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * The value of each setting a destination may be given, as text that setting accepts back: durations in ms
     * ({@code 500ms}), sizes in bytes, "none" as the empty text.
     *
     * @param policy a destination's policy.
     * @return setting name to value, in the order of {@link PolicySetting}. Allocates.
     */
    public static Map<String, String> textsOf(final DestinationPolicy policy)
    {
        final LinkedHashMap<String, String> texts = new LinkedHashMap<>();
        for (final Map.Entry<PolicySetting, Object> entry : DestinationPolicies.valuesOf(policy).entrySet())
        {
            final PolicySetting setting = entry.getKey();
            if (PolicySetting.AUTO_CREATE == setting)
            {
                continue;
            }
            final Object value = entry.getValue();
            final String text;
            switch (setting)
            {
                case REDELIVERY_DELAY:
                case REDELIVERY_MAX_DELAY:
                case RETENTION_TIME:
                    text = value + "ms";
                    break;
                case MEMORY_LIMIT_POLICY:
                    text = value.toString().toLowerCase(java.util.Locale.ROOT);
                    break;
                default:
                    text = String.valueOf(value);
                    break;
            }
            texts.put(setting.settingName(), text);
        }
        return texts;
    }

    /**
     * @param base the policy resolved for the destination without these overrides.
     * @return the policy with these settings over it. Allocates unless there is none.
     */
    public DestinationPolicy applyTo(final DestinationPolicy base)
    {
        if (values.isEmpty())
        {
            return base;
        }
        final EnumMap<PolicySetting, Object> merged = DestinationPolicies.valuesOf(base);
        merged.putAll(values);
        return DestinationPolicies.policyOf(merged);
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        return other instanceof DestinationOverrides overrides && texts.equals(overrides.texts);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return texts.hashCode();
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return toText().toString();
    }
}
