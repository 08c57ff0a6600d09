package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One routing rule (or composite destination) as management lists it.
 *
 * @param name      the rule's name; a composite's is {@code composite:<queue|topic>:<name>}.
 * @param source    {@code queue:<name>} or {@code topic:<name>}, possibly a wildcard pattern.
 * @param selector  the selector, empty for none.
 * @param targets   comma-separated {@code queue:<name>} or {@code topic:<name>}.
 * @param mode      {@code copy} or {@code exclusive}.
 * @param declared  true if the broker's config file declares it (management cannot change or delete it).
 */
public record RouteInfo(String name, String source, String selector, String targets, String mode, boolean declared)
{
    private static final String NAME = "name";
    private static final String SOURCE = "source";
    private static final String SELECTOR = "selector";
    private static final String TARGETS = "targets";
    private static final String MODE = "mode";
    private static final String DECLARED = "declared";

    /**
     * Checks that the texts are present.
     */
    public RouteInfo
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + NAME, name);
        out.put(prefix + SOURCE, source);
        out.put(prefix + SELECTOR, selector);
        out.put(prefix + TARGETS, targets);
        out.put(prefix + MODE, mode);
        out.put(prefix + DECLARED, declared);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the rule written there.
     */
    public static RouteInfo read(final Map<String, Object> in, final String prefix)
    {
        return new RouteInfo(Reply.string(in, prefix + NAME), Reply.string(in, prefix + SOURCE),
            Reply.string(in, prefix + SELECTOR), Reply.string(in, prefix + TARGETS), Reply.string(in, prefix + MODE),
            Reply.booleanValue(in, prefix + DECLARED));
    }
}
