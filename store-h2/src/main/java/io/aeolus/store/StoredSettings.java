package io.aeolus.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings an administrator gave one destination at run time, as the journal keeps them: each setting's name and
 * value as text, which the broker parses and checks again when it reads them back.
 *
 * @param destination the queue or topic.
 * @param settings    setting name to value as text, in the order given; none for a destination whose settings were
 *                    reset.
 */
public record StoredSettings(Destination destination, Map<String, String> settings)
{
    /** Longest setting name. */
    public static final int MAX_SETTING_LENGTH = 64;
    /** Longest value. */
    public static final int MAX_VALUE_LENGTH = 4096;

    /**
     * Checks the fields and copies the settings.
     */
    public StoredSettings
    {
        Objects.requireNonNull(destination, "destination");
        final LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (final Map.Entry<String, String> entry : settings.entrySet())
        {
            final String name = Objects.requireNonNull(entry.getKey(), "setting name");
            final String value = Objects.requireNonNull(entry.getValue(), "value of " + name);
            if (name.isEmpty() || name.length() > MAX_SETTING_LENGTH)
            {
                throw new IllegalArgumentException("setting name empty or longer than " + MAX_SETTING_LENGTH);
            }
            if (value.length() > MAX_VALUE_LENGTH)
            {
                throw new IllegalArgumentException(
                    "value of setting '" + name + "' longer than " + MAX_VALUE_LENGTH + " characters");
            }
            copy.put(name, value);
        }
        settings = Collections.unmodifiableMap(copy);
    }
}
