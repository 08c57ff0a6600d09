package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.NewMessage;
import io.aeolus.management.DestinationInfo;
import jakarta.jms.JMSException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code aeolus queue list|stat|browse|send|purge|move|retry-dlq|create|delete|pause|resume|settings|set|reset}.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Queues and their messages.",
    subcommands = {QueueCommand.ListQueues.class, QueueCommand.Stat.class, QueueCommand.Browse.class,
        QueueCommand.Send.class, QueueCommand.Purge.class, QueueCommand.Move.class, QueueCommand.RetryDlq.class,
        QueueCommand.Create.class, QueueCommand.Delete.class, QueueCommand.Pause.class, QueueCommand.Resume.class,
        QueueCommand.Settings.class, QueueCommand.SetSettings.class, QueueCommand.ResetSettings.class})
final class QueueCommand extends GroupCommand
{
    private static final int MAX_BROWSE = 1000;

    /**
     * Which messages: by id or by selector (neither: all).
     */
    static final class Selection
    {
        @Option(names = "--selector", paramLabel = "SELECTOR", description = "a JMS message selector")
        String selector;

        @Option(names = "--id", paramLabel = "ID", description = "a JMSMessageID (repeatable)")
        List<String> ids;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List queues with depth, in-flight, " +
        "consumers, counters and dead-letter depth.")
    static final class ListQueues extends RemoteCommand
    {
        @Option(names = "--all", description = "temporary queues too (this command's own reply queue among them)")
        boolean all;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.destinations().stream()
                .filter((d) -> all ? d.isQueue() : "QUEUE".equals(d.type())).collect(Collectors.toList()),
                "name", "depth", "inFlight", "consumers", "producers", "enqueued", "acknowledged", "dlqDepth",
                "paused");
            return 0;
        }
    }

    @Command(name = "stat", mixinStandardHelpOptions = true, description = "Show every figure of one queue.")
    static final class Stat extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final DestinationInfo queue = admin.queue(name);
            if (null == queue)
            {
                throw new CliException(AeolusCli.FAILED, "no queue '" + name + "' (UNKNOWN_DESTINATION)");
            }
            output.record(queue);
            return 0;
        }
    }

    @Command(name = "browse", mixinStandardHelpOptions = true, description = "Show a page of the messages " +
        "waiting in a queue, bodies as text.")
    static final class Browse extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        @Option(names = "--selector", paramLabel = "SELECTOR", description = "only messages matching this selector")
        String selector;

        @Option(names = "--offset", defaultValue = "0", description = "messages to skip (default ${DEFAULT-VALUE})")
        int offset;

        @Option(names = "--limit", defaultValue = "50", description = "most messages to show, 1 to " + MAX_BROWSE +
            " (default ${DEFAULT-VALUE})")
        int limit;

        void validate()
        {
            if (offset < 0)
            {
                throw usage("--offset: must be 0 or more, got " + offset);
            }
            if (limit < 1 || limit > MAX_BROWSE)
            {
                throw usage("--limit: must be 1 to " + MAX_BROWSE + ", got " + limit);
            }
        }

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.browse(name, selector, offset, limit), "messageId", "timestamp", "priority",
                "deliveryCount", "type", "bodyType", "bodySize", "body");
            return 0;
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = "Send a text message to a queue " +
        "(created if needed).")
    static final class Send extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        @ArgGroup(multiplicity = "1")
        Body body;

        @Option(names = "--property", paramLabel = "NAME=VALUE", description = "a string property (repeatable)")
        Map<String, String> properties;

        @Option(names = "--type", paramLabel = "TYPE", description = "JMSType")
        String type;

        @Option(names = "--correlation-id", paramLabel = "ID", description = "JMSCorrelationID")
        String correlationId;

        @Option(names = "--non-persistent", description = "send it non-persistent (default persistent)")
        boolean nonPersistent;

        @Option(names = "--priority", defaultValue = "4", description = "0 to 9 (default ${DEFAULT-VALUE})")
        int priority;

        @Option(names = "--ttl", paramLabel = "DURATION", description = "time to live, e.g. 30s (default none)")
        String timeToLive;

        /**
         * The body: given or read from a file.
         */
        static final class Body
        {
            @Option(names = "--text", paramLabel = "TEXT", description = "the text body")
            String text;

            @Option(names = "--file", paramLabel = "FILE", description = "the text body, read from a UTF-8 file")
            Path file;
        }

        void validate()
        {
            if (priority < 0 || priority > 9)
            {
                throw usage("--priority: must be 0 to 9, got " + priority);
            }
            if (null != timeToLive)
            {
                try
                {
                    BrokerOptions.parseDuration(timeToLive);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw usage("--ttl: expected a duration such as 30s, got '" + timeToLive + "'");
                }
            }
        }

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final NewMessage message = NewMessage.text(text()).persistent(!nonPersistent).priority(priority);
            if (null != type)
            {
                message.jmsType(type);
            }
            if (null != correlationId)
            {
                message.correlationId(correlationId);
            }
            if (null != timeToLive)
            {
                message.timeToLiveMs(BrokerOptions.parseDuration(timeToLive).toMillis());
            }
            if (null != properties)
            {
                properties.forEach(message::property);
            }
            final String messageId = admin.sendMessage(name, false, message);
            output.done("sent " + messageId + " to '" + name + "'", "sent", messageId, "queue", name);
            return 0;
        }

        private String text()
        {
            if (null == body.file)
            {
                return body.text;
            }
            try
            {
                return Files.readString(body.file, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw usage("--file: cannot read " + body.file + ": " + ex.getMessage());
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Remove the waiting messages of a " +
        "queue (all, or those matching --selector or --id) into the trash, from where they can be restored.")
    static final class Purge extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        @ArgGroup(exclusive = true)
        Selection selection;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final int count = null == selection ? admin.purge(name) :
                admin.deleteMessages(name, selection.ids, selection.selector);
            output.done(count + " messages purged from '" + name + "'", "purged", count, "queue", name);
            return 0;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move waiting messages (all, or those " +
        "matching --selector or --id) to another queue.")
    static final class Move extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue to take them from")
        String name;

        @Parameters(index = "1", paramLabel = "TARGET", description = "the queue to put them in")
        String target;

        @ArgGroup(exclusive = true)
        Selection selection;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final int count = admin.move(name, target, null == selection ? null : selection.ids,
                null == selection ? null : selection.selector);
            output.done(count + " messages moved from '" + name + "' to '" + target + "'", "moved", count,
                "queue", name, "target", target);
            return 0;
        }
    }

    @Command(name = "retry-dlq", mixinStandardHelpOptions = true, description = "Send dead letters (all, or " +
        "those named by --id) back to their original destination.")
    static final class RetryDlq extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "DLQ", description = "the dead-letter queue, e.g. DLQ.orders")
        String name;

        @Option(names = "--id", paramLabel = "ID", description = "a JMSMessageID (repeatable; default all)")
        List<String> ids;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final int count = admin.retryDeadLetters(name, ids);
            output.done(count + " dead letters sent back from '" + name + "'", "retried", count, "queue", name);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a queue (nothing happens " +
        "if it exists and no --set is given).")
    static final class Create extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        @Option(names = "--set", paramLabel = "SETTING=VALUE", description = "a setting of its own, e.g. " +
            "max.delivery.attempts=3 (repeatable)")
        Map<String, String> settings;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            admin.createQueue(name, null == settings ? Map.of() : settings);
            output.done("queue '" + name + "' created", "created", name, "type", "QUEUE");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a queue with what it holds; " +
        "refused while in use.")
    static final class Delete extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            admin.deleteDestination(name, false);
            output.done("queue '" + name + "' deleted", "deleted", name, "type", "QUEUE");
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Hold back a queue's deliveries " +
        "(sends and browsing go on).")
    static final class Pause extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final boolean changed = admin.pause(name);
            output.done("queue '" + name + "' " + (changed ? "paused" : "was already paused"), "paused", name,
                "changed", changed);
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused queue's deliveries.")
    static final class Resume extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue's name")
        String name;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final boolean changed = admin.resume(name);
            output.done("queue '" + name + "' " + (changed ? "resumed" : "was not paused"), "resumed", name,
                "changed", changed);
            return 0;
        }
    }

    @Command(name = "settings", mixinStandardHelpOptions = true, description = "Show a queue's settings in force, " +
        "and which it was given of its own.")
    static final class Settings extends SettingsCommands.Show
    {
        boolean topic()
        {
            return false;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Give a queue settings of its own, " +
        "applied at once.")
    static final class SetSettings extends SettingsCommands.Set
    {
        boolean topic()
        {
            return false;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Take back a queue's own settings " +
        "(all, or those named), so that it follows the broker's again.")
    static final class ResetSettings extends SettingsCommands.Reset
    {
        boolean topic()
        {
            return false;
        }
    }
}
