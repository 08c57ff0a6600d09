package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code aeolus route list|create|delete}: the broker's routing rules and composite destinations.
 */
@Command(name = "route", mixinStandardHelpOptions = true, description = "Routing rules (diverts) and composite " +
    "destinations.",
    subcommands = {RouteCommand.ListRoutes.class, RouteCommand.Create.class, RouteCommand.Delete.class,
        RouteCommand.LastValues.class})
final class RouteCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the routing rules and composite " +
        "destinations, in name order (declared: from the broker's config file).")
    static final class ListRoutes extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(new AdminRoutes(admin).list(), "name", "source", "selector", "targets", "mode", "declared",
                "transformer", "invalid");
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a routing rule, or change the " +
        "one of that name; journaled. Refused with the reason if malformed, if it would make a loop, or if its " +
        "transformer is unknown or its schema invalid.")
    static final class Create extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the rule's name")
        String name;

        @Option(names = "--source", required = true, paramLabel = "queue:NAME|topic:NAME",
            description = "where the messages are sent; a topic or queue name may be a pattern (stock.#)")
        String source;

        @Option(names = "--targets", required = true, paramLabel = "queue:A,topic:B",
            description = "where they also (copy) or only (exclusive) go, comma-separated")
        String targets;

        @Option(names = "--selector", paramLabel = "SELECTOR", description = "which messages the rule takes " +
            "(a JMS selector); all if absent")
        String selector;

        @Option(names = "--mode", paramLabel = "copy|exclusive", defaultValue = "copy",
            description = "copy (default): to the targets and the source; exclusive: only to the targets")
        String mode;

        @Option(names = "--transform", paramLabel = "TRANSFORMER", description = "a transformer the messages the " +
            "rule takes go through: xml-to-json, json-to-xml, properties, json-schema or a plugin's")
        String transformer;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a parameter of the transformer " +
            "(repeatable), e.g. --param root=keep, --param copy-json.kind=/kind")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--schema", paramLabel = "JSON", description = "a JSON Schema the messages must match " +
            "after the transformer: the schema itself")
        String schema;

        @Option(names = "--schema-file", paramLabel = "FILE", description = "the same, from a file this command " +
            "reads (the broker reads no file for a rule made at run time)")
        Path schemaFile;

        @Option(names = "--invalid", paramLabel = "refuse|dead-letter", description = "what happens to a message " +
            "the transformer or schema finds invalid: refuse (default: the send fails) or dead-letter")
        String invalid;

        void validate()
        {
            if (null == transformer && !parameters.isEmpty())
            {
                throw usage("--param " + parameters.keySet().iterator().next() + ": no --transform to take it");
            }
            if (null != schemaFile)
            {
                if (null != schema)
                {
                    throw usage("--schema and --schema-file: give the schema one way");
                }
                try
                {
                    schema = Files.readString(schemaFile, StandardCharsets.UTF_8);
                }
                catch (final IOException | RuntimeException ex)
                {
                    throw usage("--schema-file: cannot read " + schemaFile + ": " + ex);
                }
            }
        }

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            new AdminRoutes(admin).create(name, source, selector, targets, mode, transformer, parameters, schema,
                invalid);
            output.done("routing rule '" + name + "' created", "created", name, "source", source, "targets",
                targets, "mode", mode, "transformer", null == transformer ? "" : transformer);
            return 0;
        }
    }

    @Command(name = "last-values", mixinStandardHelpOptions = true, description = "List the last-value queues " +
        "(and topic subscriptions with a last-value key): the key property and the key values waiting.")
    static final class LastValues extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(new AdminRoutes(admin).lastValueQueues(), "queue", "key", "depth", "keys", "values");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a routing rule made at run " +
        "time (those of the config file are changed there).")
    static final class Delete extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the rule's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            new AdminRoutes(admin).delete(name);
            output.done("routing rule '" + name + "' deleted", "deleted", name);
            return 0;
        }
    }
}
