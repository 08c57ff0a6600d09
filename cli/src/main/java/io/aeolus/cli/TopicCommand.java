package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code aeolus topic list|create|delete|settings|set|reset}.
 */
@Command(name = "topic", mixinStandardHelpOptions = true, description = "Topics.",
    subcommands = {TopicCommand.ListTopics.class, TopicCommand.Create.class, TopicCommand.Delete.class,
        TopicCommand.Settings.class, TopicCommand.SetSettings.class, TopicCommand.ResetSettings.class})
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
        "if it exists and no --set is given).")
    static final class Create extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the topic's name")
        String name;

        @Option(names = "--set", paramLabel = "SETTING=VALUE", description = "a setting of its own, e.g. " +
            "retention.time=1h (repeatable)")
        Map<String, String> settings;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            admin.createTopic(name, null == settings ? Map.of() : settings);
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

    @Command(name = "settings", mixinStandardHelpOptions = true, description = "Show a topic's settings in force, " +
        "and which it was given of its own.")
    static final class Settings extends SettingsCommands.Show
    {
        boolean topic()
        {
            return true;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Give a topic settings of its own, " +
        "applied at once to it and its subscriptions.")
    static final class SetSettings extends SettingsCommands.Set
    {
        boolean topic()
        {
            return true;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Take back a topic's own settings " +
        "(all, or those named).")
    static final class ResetSettings extends SettingsCommands.Reset
    {
        boolean topic()
        {
            return true;
        }
    }
}
