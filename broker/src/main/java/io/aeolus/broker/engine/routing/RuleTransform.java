package io.aeolus.broker.engine.routing;

import io.aeolus.broker.transform.Transformation;
import io.aeolus.broker.transform.TransformerRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a routing rule does to the messages it takes before they reach its targets: an optional transformer (by
 * name, with its parameters), then an optional JSON Schema validation of the result, and what happens to a message
 * either finds invalid: refused at send (the producer gets the error) or dead-lettered (with the error as the
 * reason). Thread-safe: immutable; the transformations run on the engine thread.
 *
 * @param transformer the transformer's name, or null for none.
 * @param parameters  its parameters, by name.
 * @param schema      the JSON Schema (inline, or a file's path), or null for none.
 * @param invalid     what happens to an invalid message.
 * @param steps       the configured transformer, then the validation: what runs per message.
 */
public record RuleTransform(String transformer, SortedMap<String, String> parameters, String schema,
    InvalidAction invalid, List<Transformation> steps)
{
    /** No transformation and no validation. */
    public static final RuleTransform NONE = new RuleTransform(null, new TreeMap<>(), null, InvalidAction.REFUSE,
        List.of());
    /** The built-in transformer that validates against a JSON Schema. */
    public static final String JSON_SCHEMA = "json-schema";

    /**
     * Copies the parameters and steps.
     */
    public RuleTransform
    {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        steps = List.copyOf(steps);
    }

    /**
     * Builds a rule's transformation from text, configuring each step (a schema file is read now).
     *
     * @param rule        the rule's name, for errors.
     * @param transformer a transformer's name, or null or empty for none.
     * @param parameters  its parameters.
     * @param schema      a JSON Schema inline or a file's path, or null or empty for none.
     * @param invalid     {@code refuse} (the default when null or empty) or {@code dead-letter}.
     * @param registry    the transformers known.
     * @return the transformation, {@link #NONE} if nothing is given.
     * @throws IllegalArgumentException naming the rule and the problem.
     */
    public static RuleTransform parse(final String rule, final String transformer,
        final Map<String, String> parameters, final String schema, final String invalid,
        final TransformerRegistry registry)
    {
        final boolean hasTransformer = null != transformer && !transformer.isBlank();
        final boolean hasSchema = null != schema && !schema.isBlank();
        if (!hasTransformer && !parameters.isEmpty())
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': transformer parameters " +
                new TreeMap<>(parameters).keySet() + " but no transformer");
        }
        if (!hasTransformer && !hasSchema)
        {
            if (null != invalid && !invalid.isBlank())
            {
                throw new IllegalArgumentException("routing rule '" + rule + "': 'invalid' is given but neither a " +
                    "transformer nor a schema");
            }
            return NONE;
        }
        final InvalidAction action = InvalidAction.parse(rule, invalid);
        final List<Transformation> steps = new ArrayList<>();
        try
        {
            if (hasTransformer)
            {
                steps.add(registry.get(transformer.strip()).configure(parameters));
            }
            if (hasSchema)
            {
                steps.add(registry.get(JSON_SCHEMA).configure(Map.of("schema", schema)));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            // A plugin's configure() failing otherwise is still a configuration error of this rule.
            throw new IllegalArgumentException("routing rule '" + rule + "': transformer '" + transformer +
                "' failed to configure: " + ex, ex);
        }
        return new RuleTransform(hasTransformer ? transformer.strip() : null, new TreeMap<>(parameters),
            hasSchema ? schema : null, action, steps);
    }

    /**
     * Builds the transformation of a rule made at run time (management, JMX, the CLI, the console, or read back from
     * the journal or a snapshot): as {@link #parse}, with the parameters as text, and a schema only inline. The broker
     * reads no file for a rule made at run time: what it journals must be all it needs to build the rule again, on
     * another machine or after the file changed; the CLI reads a file for its user (--schema-file).
     *
     * @param rule        the rule's name, for errors.
     * @param transformer a transformer's name, or null or empty for none.
     * @param parameters  its parameters, {@code name=value} a line, or null or empty for none.
     * @param schema      a JSON Schema inline (starting with '{'), or null or empty for none.
     * @param invalid     {@code refuse} (the default when null or empty) or {@code dead-letter}.
     * @param registry    the transformers known.
     * @return the transformation, {@link #NONE} if nothing is given.
     * @throws IllegalArgumentException naming the rule and the problem.
     */
    public static RuleTransform parseRunTime(final String rule, final String transformer, final String parameters,
        final String schema, final String invalid, final TransformerRegistry registry)
    {
        final SortedMap<String, String> parsed = parseParameters(rule, parameters);
        requireInline(rule, "schema", schema);
        if (null != transformer && JSON_SCHEMA.equals(transformer.strip()))
        {
            requireInline(rule, "transformer parameter schema", parsed.get("schema"));
        }
        return parse(rule, transformer, parsed, schema, invalid, registry);
    }

    /**
     * Reads parameters written as text: one {@code name=value} a line (the value runs to the end of the line and may
     * hold '='); blank lines are passed over.
     *
     * @param rule the rule's name, for errors.
     * @param text the parameters, or null for none.
     * @return the parameters, by name.
     * @throws IllegalArgumentException naming the rule and the line, for a line without a name, or a name twice.
     */
    public static SortedMap<String, String> parseParameters(final String rule, final String text)
    {
        final TreeMap<String, String> parameters = new TreeMap<>();
        if (null == text || text.isBlank())
        {
            return parameters;
        }
        for (final String line : text.split("\\R"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            final String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (name.isEmpty())
            {
                throw new IllegalArgumentException("routing rule '" + rule + "': transformer parameter '" +
                    line.strip() + "' is not name=value");
            }
            if (null != parameters.put(name, line.substring(equals + 1).strip()))
            {
                throw new IllegalArgumentException("routing rule '" + rule + "': transformer parameter '" + name +
                    "' is given twice");
            }
        }
        return parameters;
    }

    /**
     * @return the parameters as {@link #parseParameters} reads them: {@code name=value} a line, in name order; null
     *         if there are none.
     */
    public String parametersText()
    {
        if (parameters.isEmpty())
        {
            return null;
        }
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, String> parameter : parameters.entrySet())
        {
            text.append(text.length() == 0 ? "" : "\n").append(parameter.getKey()).append('=')
                .append(parameter.getValue());
        }
        return text.toString();
    }

    private static void requireInline(final String rule, final String what, final String schema)
    {
        if (null != schema && !schema.isBlank() && !schema.strip().startsWith("{"))
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': the " + what + " must be the JSON " +
                "Schema itself (starting with '{'), not '" + schema.strip() + "': a rule made at run time is " +
                "journaled whole, the broker reads no file for it (aeolus route create --schema-file reads one)");
        }
    }

    /**
     * @return true if the rule neither transforms nor validates.
     */
    public boolean isNone()
    {
        return steps.isEmpty();
    }

    /**
     * What happens to a message a rule's transformer or schema finds invalid.
     */
    public enum InvalidAction
    {
        /** The send is refused; the producer gets the error; nothing is enqueued. */
        REFUSE("refuse"),
        /** The message goes to the dead-letter queue of the destination the rule matched, with the error. */
        DEAD_LETTER("dead-letter");

        private final String text;

        InvalidAction(final String text)
        {
            this.text = text;
        }

        /**
         * @return the name the config file uses.
         */
        public String text()
        {
            return text;
        }

        static InvalidAction parse(final String rule, final String text)
        {
            if (null == text || text.isBlank())
            {
                return REFUSE;
            }
            for (final InvalidAction action : values())
            {
                if (action.text.equals(text.strip()))
                {
                    return action;
                }
            }
            throw new IllegalArgumentException("routing rule '" + rule + "': invalid must be refuse or dead-letter, " +
                "got '" + text + "'");
        }
    }
}
