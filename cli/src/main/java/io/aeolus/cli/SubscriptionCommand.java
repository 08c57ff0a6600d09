package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aeolus subscription list|delete}: durable and shared subscriptions.
 */
@Command(name = "subscription", mixinStandardHelpOptions = true, description = "Durable and shared subscriptions.",
    subcommands = {SubscriptionCommand.ListSubscriptions.class, SubscriptionCommand.Delete.class})
final class SubscriptionCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List durable and shared " +
        "subscriptions with their backlog.")
    static final class ListSubscriptions extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.subscriptions(), "topic", "name", "clientId", "durable", "shared", "backlog",
                "inFlight", "consumers", "selector");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a durable subscription and " +
        "its messages, as Session.unsubscribe does; refused while it has a consumer.")
    static final class Delete extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "TOPIC", description = "the subscription's topic")
        String topic;

        @Parameters(index = "1", paramLabel = "NAME", description = "the subscription's name")
        String name;

        @Option(names = "--client-id", paramLabel = "ID", description = "its subscriber's client id (none for a " +
            "shared subscription made without one)")
        String clientId;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final long dropped = admin.dropSubscription(topic, clientId, name);
            output.done("subscription '" + name + "' on '" + topic + "' deleted with " + dropped + " messages",
                "deleted", name, "topic", topic, "messages", dropped);
            return 0;
        }
    }
}
