package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code aeolus connection list|close}.
 */
@Command(name = "connection", mixinStandardHelpOptions = true, description = "Client connections.",
    subcommands = {ConnectionCommand.ListConnections.class, ConnectionCommand.Close.class})
final class ConnectionCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List open client connections.")
    static final class ListConnections extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.connections(), "id", "user", "source", "clientId", "sessions", "consumers",
                "producers");
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a client connection; its " +
        "ExceptionListener is told.")
    static final class Close extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "ID", description = "the connection's id (see connection list)")
        long id;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            admin.closeConnection(id);
            output.done("connection " + id + " closed", "closed", id);
            return 0;
        }
    }
}
