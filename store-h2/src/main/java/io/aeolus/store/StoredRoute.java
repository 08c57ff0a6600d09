package io.aeolus.store;

import java.util.Objects;

/**
 * A routing rule created at run time, as the journal keeps it: the text of each part, which the broker parses and
 * checks again when it reads the rule back.
 *
 * @param name        the rule's name, its key.
 * @param source      {@code queue:<name>} or {@code topic:<name>}, possibly a pattern.
 * @param selector    the selector, or null for none.
 * @param targets     comma-separated {@code queue:<name>} or {@code topic:<name>}.
 * @param mode        {@code copy} or {@code exclusive}.
 * @param transformer the transformer's name, or null for none.
 * @param parameters  the transformer's parameters, one {@code name=value} a line in name order, or null for none.
 * @param schema      the JSON Schema the rule validates against (its text), or null for none.
 * @param invalid     what happens to an invalid message ({@code refuse} or {@code dead-letter}), or null when the
 *                    rule neither transforms nor validates.
 */
public record StoredRoute(String name, String source, String selector, String targets, String mode,
    String transformer, String parameters, String schema, String invalid)
{
    /** Longest rule name. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Longest transformer name. */
    public static final int MAX_TRANSFORMER_LENGTH = 255;

    /**
     * Checks the fields.
     */
    public StoredRoute
    {
        Destination.requireName(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(mode, "mode");
        if (null != transformer && transformer.length() > MAX_TRANSFORMER_LENGTH)
        {
            throw new IllegalArgumentException("transformer name longer than " + MAX_TRANSFORMER_LENGTH);
        }
    }

    /**
     * A rule that neither transforms nor validates.
     *
     * @param name     the rule's name, its key.
     * @param source   {@code queue:<name>} or {@code topic:<name>}, possibly a pattern.
     * @param selector the selector, or null for none.
     * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode     {@code copy} or {@code exclusive}.
     */
    public StoredRoute(final String name, final String source, final String selector, final String targets,
        final String mode)
    {
        this(name, source, selector, targets, mode, null, null, null, null);
    }
}
