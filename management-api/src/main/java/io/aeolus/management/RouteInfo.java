package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One routing rule (or composite destination) as management lists it.
 *
 * @param name        the rule's name; a composite's is {@code composite:<queue|topic>:<name>}.
 * @param source      {@code queue:<name>} or {@code topic:<name>}, possibly a wildcard pattern.
 * @param selector    the selector, empty for none.
 * @param targets     comma-separated {@code queue:<name>} or {@code topic:<name>}.
 * @param mode        {@code copy} or {@code exclusive}.
 * @param declared    true if the broker's config file declares it (management cannot change or delete it).
 * @param transformer the transformer's name, empty for none.
 * @param parameters  its parameters, {@code name=value} a line in name order, empty for none.
 * @param schema      the JSON Schema the rule validates against (inline, or a file's path for a declared rule),
 *                    empty for none.
 * @param invalid     what happens to a message the transformer or schema finds invalid ({@code refuse} or
 *                    {@code dead-letter}), empty when the rule neither transforms nor validates.
 */
public record RouteInfo(String name, String source, String selector, String targets, String mode, boolean declared,
    String transformer, String parameters, String schema, String invalid)
{
    private static final String NAME = "name";
    private static final String SOURCE = "source";
    private static final String SELECTOR = "selector";
    private static final String TARGETS = "targets";
    private static final String MODE = "mode";
    private static final String DECLARED = "declared";
    private static final String TRANSFORMER = "transformer";
    private static final String PARAMETERS = "parameters";
    private static final String SCHEMA = "schema";
    private static final String INVALID = "invalid";

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
        Objects.requireNonNull(transformer, "transformer");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(invalid, "invalid");
    }

    /**
     * A rule that neither transforms nor validates.
     *
     * @param name     the rule's name.
     * @param source   {@code queue:<name>} or {@code topic:<name>}.
     * @param selector the selector, empty for none.
     * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode     {@code copy} or {@code exclusive}.
     * @param declared true if the broker's config file declares it.
     */
    public RouteInfo(final String name, final String source, final String selector, final String targets,
        final String mode, final boolean declared)
    {
        this(name, source, selector, targets, mode, declared, "", "", "", "");
    }

    /**
     * @return true if the rule transforms or validates the messages it takes.
     */
    public boolean transforms()
    {
        return !transformer.isEmpty() || !schema.isEmpty();
    }

    /**
     * @return the rule's transformation in one line, as lists show it: {@code xml-to-json(root=keep) + schema,
     *         invalid: dead-letter}; empty for none.
     */
    public String transformText()
    {
        if (!transforms())
        {
            return "";
        }
        final String step = transformer.isEmpty() ? "" :
            transformer + (parameters.isEmpty() ? "" : "(" + parameters.replace('\n', ',') + ")");
        return step + (schema.isEmpty() ? "" : (step.isEmpty() ? "" : " + ") + "schema") +
            (invalid.isEmpty() ? "" : ", invalid: " + invalid);
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
        out.put(prefix + TRANSFORMER, transformer);
        out.put(prefix + PARAMETERS, parameters);
        out.put(prefix + SCHEMA, schema);
        out.put(prefix + INVALID, invalid);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the rule written there (a broker that predates transformers on rules sends none: empty).
     */
    public static RouteInfo read(final Map<String, Object> in, final String prefix)
    {
        return new RouteInfo(Reply.string(in, prefix + NAME), Reply.string(in, prefix + SOURCE),
            Reply.string(in, prefix + SELECTOR), Reply.string(in, prefix + TARGETS), Reply.string(in, prefix + MODE),
            Reply.booleanValue(in, prefix + DECLARED), Reply.string(in, prefix + TRANSFORMER),
            Reply.string(in, prefix + PARAMETERS), Reply.string(in, prefix + SCHEMA),
            Reply.string(in, prefix + INVALID));
    }
}
