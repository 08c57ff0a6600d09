package io.aeolus.broker;

import io.aeolus.broker.conductor.BrokerConductor;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.logging.BrokerLog;
import org.agrona.concurrent.AgentRunner;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a broker stops: the drain of a graceful close, and the close a broker does of itself when its Aeron client
 * failed for good.
 */
final class BrokerShutdown
{
    /** Name of the thread that closes a broker whose Aeron client failed. */
    static final String FATAL_SHUTDOWN_THREAD_NAME = "aeolus-fatal-shutdown";

    private BrokerShutdown()
    {
    }

    /**
     * Asks the conductor to drain (journal and confirm every accepted persistent message) and waits for it, at most
     * {@code shutdownTimeoutNs}; logs the outcome. On the closing thread.
     */
    static void drain(
        final BrokerConductor conductor, final AgentRunner runner, final BrokerJournal journal,
        final long shutdownTimeoutNs)
    {
        final long startNs = System.nanoTime();
        conductor.drain();
        while (!conductor.isDrained() && !runner.isClosed() && System.nanoTime() - startNs < shutdownTimeoutNs)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        if (conductor.isDrained())
        {
            BrokerLog.BROKER.log(System.Logger.Level.INFO, "drained in " + tookMs + " ms: every accepted " +
                "persistent message journaled and confirmed; closing " + conductor.connectionCount() + " connections");
        }
        else
        {
            BrokerLog.BROKER.log(System.Logger.Level.WARNING, "not drained within " + tookMs + " ms (" +
                BrokerConfiguration.SHUTDOWN_TIMEOUT.propertyName() + "): " + journal.pendingCount() +
                " journal writes still pending; their senders get no confirmation");
        }
    }

    /**
     * Logs one fatal line naming the cause, then closes the broker and runs the listener on a thread of its own:
     * this is called on the conductor's or the keeper's thread, which the close stops and waits for. Once per broker.
     *
     * @param cause    why the Aeron client failed.
     * @param close    closes the broker.
     * @param listener told once the broker is closed ({@code BrokerMain} then exits with a non-zero status).
     */
    static void closeOnFatal(final Throwable cause, final Runnable close, final Runnable listener)
    {
        BrokerLog.BROKER.log(System.Logger.Level.ERROR, "FATAL: the broker's Aeron client failed (" + cause +
            "); no client can be served any more: shutting down (a supervisor should restart the broker)");
        final Thread shutdown = new Thread(() ->
        {
            close.run();
            listener.run();
        }, FATAL_SHUTDOWN_THREAD_NAME);
        shutdown.start();
    }
}
