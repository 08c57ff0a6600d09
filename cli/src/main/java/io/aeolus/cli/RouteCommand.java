package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aeolus route list|create|delete}: the broker's routing rules and composite destinations.
 */
@Command(name = "route", mixinStandardHelpOptions = true, description = "Routing rules (diverts) and composite " +
    "destinations.",
    subcommands = {RouteCommand.ListRoutes.class, RouteCommand.Create.class, RouteCommand.Delete.class})
final class RouteCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the routing rules and composite " +
        "destinations, in name order (declared: from the broker's config file).")
    static final class ListRoutes extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(new AdminRoutes(admin).list(), "name", "source", "selector", "targets", "mode", "declared");
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a routing rule, or change the " +
        "one of that name; journaled. Refused with the reason if malformed or if it would make a loop.")
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

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            new AdminRoutes(admin).create(name, source, selector, targets, mode);
            output.done("routing rule '" + name + "' created", "created", name, "source", source, "targets",
                targets, "mode", mode);
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
