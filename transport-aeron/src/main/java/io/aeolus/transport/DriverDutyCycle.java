package io.aeolus.transport;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The duty cycle of an embedded media driver in Aeron's {@code INVOKER} mode, for the thread that reads the driver's
 * images to run in its own duty cycle: a datagram the driver receives is then polled from its image in the same duty
 * cycle, without waking another thread. The driver's agents are not thread-safe, and an Aeron client awaiting the
 * driver's answer to a command (adding a publication, say) invokes the driver from its own thread: both go through
 * here, one at a time. A caller that finds the driver busy on another thread does no work rather than wait.
 * <p>
 * Thread-safe.
 */
final class DriverDutyCycle implements Agent
{
    private final AgentInvoker driverInvoker;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param driverInvoker the driver's shared agent invoker ({@code MediaDriver.sharedAgentInvoker()}), started.
     */
    DriverDutyCycle(final AgentInvoker driverInvoker)
    {
        this.driverInvoker = driverInvoker;
    }

    /**
     * Runs one duty cycle of the driver (its conductor, sender and receiver), unless another thread is running one.
     *
     * @return the work done; 0 if the driver was busy elsewhere or is closed.
     */
    public int doWork()
    {
        if (!lock.tryLock())
        {
            return 0;
        }
        try
        {
            return driverInvoker.invoke();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "aeolus-invoked-driver";
    }

    /**
     * An invoker for {@code Aeron.Context.driverAgentInvoker}: an Aeron client in this process that awaits the driver's
     * answer runs the driver's duty cycles itself while it waits, through the same lock.
     *
     * @param errorHandler receives what a duty cycle throws.
     * @return the invoker, started.
     */
    AgentInvoker awaitingInvoker(final ErrorHandler errorHandler)
    {
        final AgentInvoker invoker = new AgentInvoker(errorHandler, null, this);
        invoker.start();
        return invoker;
    }
}
