package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;

/**
 * {@code aeolus status}: the broker's version, uptime, heap, connections, destinations and journal backlog.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the broker's version, uptime, " +
    "heap, connection and destination counts and journal backlog.")
final class StatusCommand extends RemoteCommand
{
    int run(final AdminClient admin, final Output output) throws JMSException
    {
        output.record(admin.status());
        return 0;
    }
}
