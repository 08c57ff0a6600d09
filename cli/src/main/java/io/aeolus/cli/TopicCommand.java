package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.stream.Collectors;

/**
 * {@code aeolus topic list|create|delete}.
 */
@Command(name = "topic", mixinStandardHelpOptions = true, description = "Topics.",
    subcommands = {TopicCommand.ListTopics.class, TopicCommand.Create.class, TopicCommand.Delete.class})
final class TopicCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List topics with their " +
        "subscriptions, consumers and backlog.")
    static final class ListTopics extends RemoteCommand
    {
        @Option(names = "--all", description = "temporary topics too")
        boolean all;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.destinations().stream()
                .filter((d) -> all ? !d.isQueue() : "TOPIC".equals(d.type())).collect(Collectors.toList()),
                "name", "depth", "subscriptions", "consumers", "producers", "enqueued", "oldestAgeMs");
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic (nothing happens " +
        "if it exists).")
    static final class Create extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the topic's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            admin.createTopic(name);
            output.done("topic '" + name + "' created", "created", name, "type", "TOPIC");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a topic and its " +
        "subscriptions' messages; refused while in use.")
    static final class Delete extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the topic's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            admin.deleteDestination(name, true);
            output.done("topic '" + name + "' deleted", "deleted", name, "type", "TOPIC");
            return 0;
        }
    }
}
