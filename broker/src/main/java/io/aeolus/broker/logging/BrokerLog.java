package io.aeolus.broker.logging;

import java.lang.System.Logger.Level;

/**
 * The broker's loggers and the events they record, so that the threads that see an event log it with one call.
 * Loggers: {@code io.aeolus.broker} (start, stop, errors), {@code io.aeolus.broker.connections} (connections opened
 * and closed, slow consumers), {@code io.aeolus.broker.journal} (journal problems). Connection events are rare, so
 * logging them from the conductor thread is acceptable; nothing here runs per message. Thread-safe.
 */
public final class BrokerLog
{
    /** Start, stop, configuration and errors. */
    public static final System.Logger BROKER = System.getLogger("io.aeolus.broker");

    /** Connections and slow consumers. */
    public static final System.Logger CONNECTIONS = System.getLogger("io.aeolus.broker.connections");

    /** The journal. */
    public static final System.Logger JOURNAL = System.getLogger("io.aeolus.broker.journal");

    private BrokerLog()
    {
    }

    /**
     * @param connectionId the connection.
     * @param user         who logged in ({@code anonymous} for a development-mode client).
     * @param source       where from: {@code aeron:ipc} or the UDP address and port.
     * @param clientId     the JMS client id, or empty.
     */
    public static void connectionOpened(
        final long connectionId, final String user, final String source, final String clientId)
    {
        if (CONNECTIONS.isLoggable(Level.INFO))
        {
            CONNECTIONS.log(Level.INFO, "connection " + connectionId + " opened: user " + user + " from " + source +
                (null == clientId || clientId.isEmpty() ? "" : ", client id " + clientId));
        }
    }

    /**
     * @param connectionId the connection.
     * @param user         who was logged in, or null if the login never completed.
     * @param source       where from.
     * @param reason       why it closed.
     */
    public static void connectionClosed(
        final long connectionId, final String user, final String source, final String reason)
    {
        if (null == user)
        {
            CONNECTIONS.log(Level.DEBUG, "connection " + connectionId + " from " + source + " closed before its " +
                "login completed: " + reason);
        }
        else if (CONNECTIONS.isLoggable(Level.INFO))
        {
            CONNECTIONS.log(Level.INFO, "connection " + connectionId + " closed: user " + user + " from " + source +
                ": " + reason);
        }
    }

    /**
     * @param message what went wrong with the journal.
     * @param cause   the error.
     */
    public static void journalProblem(final String message, final Throwable cause)
    {
        JOURNAL.log(Level.ERROR, message, cause);
    }

    /**
     * @param cause an error a broker thread reported.
     */
    public static void error(final Throwable cause)
    {
        BROKER.log(Level.ERROR, "broker error: " + cause, cause);
    }
}
