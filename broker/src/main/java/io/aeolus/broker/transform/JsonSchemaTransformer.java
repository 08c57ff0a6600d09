package io.aeolus.broker.transform;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code json-schema}: validates a JSON body against a JSON Schema (the networknt validator; draft 2020-12 unless
 * the schema's {@code $schema} names another draft). Parameter {@code schema}: the schema inline (text starting with
 * '{') or the path of a file holding it, read once when the rule is made. A message that is not JSON or breaks the
 * schema is invalid, with the validator's messages (at most {@value #MAX_ERRORS}) as the error. The message itself
 * is never changed. The schema may not refer to other documents by URL: the broker fetches nothing at run time.
 */
final class JsonSchemaTransformer implements MessageTransformer
{
    static final String NAME = "json-schema";
    static final int MAX_ERRORS = 5;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public String name()
    {
        return NAME;
    }

    public Transformation configure(final Map<String, String> parameters)
    {
        Parameters.requireOnly(NAME, parameters, Set.of("schema"));
        final String source = parameters.get("schema");
        if (null == source || source.isBlank())
        {
            throw new IllegalArgumentException("transformer " + NAME + ": parameter schema is missing (the schema " +
                "inline, or the path of a file holding it)");
        }
        final Schema schema = schema(source.strip());
        return (message) -> apply(message, schema);
    }

    private static Schema schema(final String source)
    {
        final String text;
        final String where;
        if (source.startsWith("{"))
        {
            text = source;
            where = "the inline schema";
        }
        else
        {
            where = "schema file '" + source + "'";
            try
            {
                text = Files.readString(Path.of(source), StandardCharsets.UTF_8);
            }
            catch (final IOException | RuntimeException ex)
            {
                throw new IllegalArgumentException("transformer " + NAME + ": cannot read " + where + ": " + ex, ex);
            }
        }
        try
        {
            final JsonNode node = JSON.readTree(text);
            if (null == node || !node.isObject())
            {
                throw new IllegalArgumentException("transformer " + NAME + ": " + where + " is not a JSON object");
            }
            final SpecificationVersion version = SpecificationVersion.fromSchemaNode(node)
                .orElse(SpecificationVersion.DRAFT_2020_12);
            final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(version);
            // The schema is checked against its meta-schema now: a broken schema is a configuration error, not a
            // reason to refuse every message later.
            final List<Error> problems = registry.getSchema(SchemaLocation.of(version.getDialectId())).validate(node);
            if (!problems.isEmpty())
            {
                throw new IllegalArgumentException("transformer " + NAME + ": " + where + " is not a valid " +
                    "schema: " + describe(problems));
            }
            final Schema schema = registry.getSchema(text, InputFormat.JSON);
            schema.initializeValidators();
            return schema;
        }
        catch (final JacksonException ex)
        {
            throw new IllegalArgumentException("transformer " + NAME + ": " + where + " is not valid JSON: " +
                ex.getOriginalMessage(), ex);
        }
        catch (final SchemaException ex)
        {
            throw new IllegalArgumentException("transformer " + NAME + ": " + where + " is not a valid schema: " +
                ex.getMessage(), ex);
        }
    }

    private static TransformResult apply(final MessageView message, final Schema schema)
    {
        if (!message.hasTextBody())
        {
            return TransformResult.invalid(NAME + ": a " + message.bodyType() + " body is not JSON text");
        }
        final JsonNode body;
        try
        {
            body = JSON.readTree(message.text());
        }
        catch (final JacksonException ex)
        {
            return TransformResult.invalid(NAME + ": the body is not valid JSON: " + ex.getOriginalMessage());
        }
        if (null == body || body.isMissingNode())
        {
            return TransformResult.invalid(NAME + ": the body is empty, not JSON");
        }
        final List<Error> errors = schema.validate(body);
        if (errors.isEmpty())
        {
            return TransformResult.of(message);
        }
        return TransformResult.invalid("the body does not match the JSON schema: " + describe(errors));
    }

    private static String describe(final List<Error> errors)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0, size = Math.min(MAX_ERRORS, errors.size()); i < size; i++)
        {
            final Error error = errors.get(i);
            final String location = null == error.getInstanceLocation() ? "" : error.getInstanceLocation().toString();
            text.append(0 == i ? "" : "; ").append(location.isEmpty() ? "" : location + ": ")
                .append(error.getMessage());
        }
        if (errors.size() > MAX_ERRORS)
        {
            text.append("; and ").append(errors.size() - MAX_ERRORS).append(" more");
        }
        return text.toString();
    }
}
