package io.aeolus.store;

import java.util.Objects;

/**
 * A routing rule created at run time, as the journal keeps it: the text of each part, which the broker parses and
 * checks again when it reads the rule back.
 *
 * @param name     the rule's name, its key.
 * @param source   {@code queue:<name>} or {@code topic:<name>}, possibly a pattern.
 * @param selector the selector, or null for none.
 * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
 * @param mode     {@code copy} or {@code exclusive}.
 */
public record StoredRoute(String name, String source, String selector, String targets, String mode)
{
    /** Longest rule name. */
    public static final int MAX_NAME_LENGTH = 255;

    /**
     * Checks the fields.
     */
    public StoredRoute
    {
        Destination.requireName(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(mode, "mode");
    }
}
