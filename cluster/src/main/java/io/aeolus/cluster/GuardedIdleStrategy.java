package io.aeolus.cluster;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

/**
 * The consensus module's idle strategy with its {@link StartupElectionGuard} riding along: every call to
 * {@link #idle(int)} or {@link #idle()} first polls the guard, then idles as the wrapped strategy does. The consensus
 * module's agent runner calls its idle strategy once per duty cycle on the module's own thread, so the guard's write
 * of the appointed leader happens on the thread that reads it (a plain field in Aeron's context: written from another
 * thread, the election might never see it). Once the guard is done, or has thrown (reported to the error handler,
 * and the member then stands as Aeron would have it), only the wrapped strategy runs. Not thread-safe: one instance
 * per consensus module, called by its thread only; it allocates nothing.
 */
final class GuardedIdleStrategy implements IdleStrategy
{
    private final IdleStrategy delegate;
    private final StartupElectionGuard guard;
    private final NanoClock clock;
    private final ErrorHandler errorHandler;
    private boolean guarding = true;

    /**
     * @param delegate     how to idle.
     * @param guard        the member's startup election guard.
     * @param clock        the time passed to the guard.
     * @param errorHandler told of an exception from the guard, after which the guard is no longer polled.
     */
    GuardedIdleStrategy(final IdleStrategy delegate, final StartupElectionGuard guard, final NanoClock clock,
        final ErrorHandler errorHandler)
    {
        this.delegate = delegate;
        this.guard = guard;
        this.clock = clock;
        this.errorHandler = errorHandler;
    }

    /**
     * Polls the guard, then idles as the wrapped strategy does.
     *
     * @param workCount the work done in the last duty cycle.
     */
    public void idle(final int workCount)
    {
        if (guarding)
        {
            pollGuard();
        }
        delegate.idle(workCount);
    }

    /**
     * Polls the guard, then idles as the wrapped strategy does.
     */
    public void idle()
    {
        if (guarding)
        {
            pollGuard();
        }
        delegate.idle();
    }

    /**
     * Resets the wrapped strategy.
     */
    public void reset()
    {
        delegate.reset();
    }

    /**
     * @return the wrapped strategy's alias.
     */
    public String alias()
    {
        return delegate.alias();
    }

    /**
     * @return true while the guard is still polled.
     */
    boolean isGuarding()
    {
        return guarding;
    }

    private void pollGuard()
    {
        try
        {
            guarding = guard.poll(clock.nanoTime());
            final RuntimeException markFailure = guard.takeMarkFailure();
            if (null != markFailure)
            {
                errorHandler.onError(markFailure);
            }
        }
        catch (final RuntimeException ex)
        {
            guarding = false;
            guard.abandon();
            errorHandler.onError(ex);
        }
    }
}
