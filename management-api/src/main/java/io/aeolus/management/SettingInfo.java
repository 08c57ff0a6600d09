package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One setting of a queue or topic as management lists it: its value in force and where that comes from.
 *
 * @param name       the setting's name ({@code max.delivery.attempts}, {@code memory.limit}...).
 * @param value      the value in force, as text that the setting accepts back (durations in ms, sizes in bytes,
 *                   empty for "none").
 * @param overridden true if the destination was given it of its own (created with it, or set since); false if it
 *                   follows the broker's default or a {@code aeolus.destination.<pattern>.*} option.
 */
public record SettingInfo(String name, String value, boolean overridden)
{
    private static final String NAME = "name";
    private static final String VALUE = "value";
    private static final String OVERRIDDEN = "overridden";

    /**
     * Checks that the fields are present.
     */
    public SettingInfo
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + NAME, name);
        out.put(prefix + VALUE, value);
        out.put(prefix + OVERRIDDEN, overridden);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the row written there.
     */
    public static SettingInfo read(final Map<String, Object> in, final String prefix)
    {
        final String value = Reply.string(in, prefix + VALUE);
        return new SettingInfo(Reply.string(in, prefix + NAME), null == value ? "" : value,
            Reply.booleanValue(in, prefix + OVERRIDDEN));
    }
}
