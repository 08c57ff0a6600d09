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
