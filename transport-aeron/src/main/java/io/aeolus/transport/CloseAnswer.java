package io.aeolus.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The wait for the broker's answer to a client's close ({@code Disconnect} with a correlation id): bounded, and
 * never failing the close, whatever the broker does.
 */
final class CloseAnswer
{
    private static final System.Logger LOGGER = System.getLogger("io.aeolus.client");

    private CloseAnswer()
    {
    }

    /**
     * Waits for the answer, at most the timeout; logs a warning if none comes. On a receive thread it does not wait,
     * since that thread brings the answer.
     *
     * @param answer     completes with the broker's Ok, or exceptionally if the connection ends first.
     * @param timeoutNs  the close timeout.
     * @param connection names the connection in the log.
     * @return true if the broker answered.
     */
    static boolean await(final CompletableFuture<?> answer, final long timeoutNs, final String connection)
    {
        if (SharedAeronClient.isReceiveThread())
        {
            return answer.isDone() && !answer.isCompletedExceptionally();
        }
        try
        {
            answer.get(timeoutNs, TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "closing " + connection + " without the broker's answer: none " +
                "within " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms (closeTimeout); frames sent just " +
                "before the close may not have reached it");
        }
        catch (final ExecutionException ex)
        {
            LOGGER.log(System.Logger.Level.DEBUG, connection + " ended during its close: " +
                ex.getCause().getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            LOGGER.log(System.Logger.Level.WARNING, "closing " + connection + " without the broker's answer: " +
                "interrupted while waiting for it");
        }
        return false;
    }
}
