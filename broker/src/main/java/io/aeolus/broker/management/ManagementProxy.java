package io.aeolus.broker.management;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How a thread other than the conductor's (a JMX thread) runs a management operation: it offers the request to an
 * Agrona queue, which the conductor drains on its timer tick, and waits for the answer with a timeout (which comes
 * once what the operation journaled is on disk). Engine state is never touched outside the conductor thread.
 */
public final class ManagementProxy
{
    private static final int CAPACITY = 128;
    private static final int DRAIN_LIMIT = 16;
    /** The audit log's source of an operation run through JMX. */
    static final String JMX_SOURCE = "jmx";

    private final ManyToOneConcurrentArrayQueue<Command> commands = new ManyToOneConcurrentArrayQueue<>(CAPACITY);
    private final Function<Map<String, Object>, String> refusal;
    private final Forwarder forwarder;

    /**
     * Runs some operations elsewhere than on this proxy's conductor, on the caller's thread: a broker group's member
     * sends the changes asked of it through JMX into the group's log, as a client of its own group.
     */
    @FunctionalInterface
    public interface Forwarder
    {
        /**
         * Runs the operation elsewhere if it is one to forward. The JMX caller's thread.
         *
         * @param arguments {@code op} and its arguments.
         * @param user      the caller's name for the audit log (the JMX principal), empty if unknown.
         * @param timeoutMs how long to wait for the answer.
         * @return the result, or null to run the operation on this proxy's conductor.
         * @throws ManagementException if the operation failed or did not finish in time.
         */
        Map<String, Object> forward(Map<String, Object> arguments, String user, long timeoutMs);
    }

    /**
     * A proxy that posts every operation.
     */
    public ManagementProxy()
    {
        this((arguments) -> null);
    }

    /**
     * A proxy that refuses some operations on the caller's thread, before they are posted (a broker group's member
     * refuses the operations a group does not offer).
     *
     * @param refusal why an operation ({@code op} and its arguments) is refused, null to post it; any thread.
     */
    public ManagementProxy(final Function<Map<String, Object>, String> refusal)
    {
        this(refusal, (arguments, user, timeoutMs) -> null);
    }

    /**
     * A proxy that refuses some operations and runs some elsewhere, both on the caller's thread, and posts the rest.
     *
     * @param refusal   why an operation ({@code op} and its arguments) is refused, null if not; any thread.
     * @param forwarder runs the operations that are not run here; any thread.
     */
    public ManagementProxy(final Function<Map<String, Object>, String> refusal, final Forwarder forwarder)
    {
        this.refusal = refusal;
        this.forwarder = forwarder;
    }

    /**
     * Runs an operation on the conductor and waits for its result. Any thread but the conductor's.
     *
     * @param arguments {@code op} and the operation's arguments, as on the management queue.
     * @param timeoutMs how long to wait for the conductor.
     * @return the result.
     * @throws ManagementException if the operation failed, the queue is full, or the answer did not come in time.
     */
    public Map<String, Object> execute(final Map<String, Object> arguments, final long timeoutMs)
    {
        return execute(arguments, "", timeoutMs);
    }

    /**
     * Runs one operation on the conductor for a trusted caller and waits for its result.
     *
     * @param arguments {@code op} and the operation's arguments.
     * @param user      the caller's name for the audit log (the JMX principal), empty if unknown.
     * @param timeoutMs how long to wait.
     * @return the result.
     * @throws ManagementException if the operation fails or does not finish in time.
     */
    public Map<String, Object> execute(final Map<String, Object> arguments, final String user, final long timeoutMs)
    {
        final String refused = refusal.apply(arguments);
        if (null != refused)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, refused);
        }
        final Map<String, Object> forwarded = forwarder.forward(arguments, null == user ? "" : user, timeoutMs);
        if (null != forwarded)
        {
            return forwarded;
        }
        final Command command = new Command(arguments, Requester.of(user, JMX_SOURCE, Requester.TRUSTED),
            new CompletableFuture<>());
        if (!commands.offer(command))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, "too many management commands pending");
        }
        try
        {
            return command.result().get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof ManagementException)
            {
                throw (ManagementException)ex.getCause();
            }
            throw new ManagementException(ManagementException.ILLEGAL_STATE, String.valueOf(ex.getCause()));
        }
        catch (final TimeoutException ex)
        {
            throw new ManagementException(ManagementException.TIMEOUT,
                "the broker did not answer within " + timeoutMs + " ms");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ManagementException(ManagementException.TIMEOUT, "interrupted while waiting for the broker");
        }
    }

    /**
     * Runs what other threads posted, at most a few operations. The thread that owns the service only.
     *
     * @param service where the operations run.
     * @return operations run.
     */
    public int drain(final ManagementService service)
    {
        return commands.drain((command) -> run(service, command), DRAIN_LIMIT);
    }

    private static void run(final ManagementService service, final Command command)
    {
        service.execute(command.arguments(), command.requester(), command.result());
    }

    private record Command(Map<String, Object> arguments, Requester requester,
        CompletableFuture<Map<String, Object>> result)
    {
    }
}
