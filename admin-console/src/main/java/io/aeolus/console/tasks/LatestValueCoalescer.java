package io.aeolus.console.tasks;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest of a stream of values from any thread to the UI thread with at most one pending UI
 * runnable at a time: values offered while one is pending replace each other, so a burst of snapshots costs
 * one {@code Platform.runLater}, never one per value.
 *
 * @param <T> value type.
 */
public final class LatestValueCoalescer<T>
{
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor uiExecutor;
    private final Consumer<T> consumer;

    /**
     * Creates a coalescer.
     *
     * @param uiExecutor runs on the UI thread, e.g. {@code Platform::runLater}.
     * @param consumer   applies a value, on the UI thread.
     */
    public LatestValueCoalescer(final Executor uiExecutor, final Consumer<T> consumer)
    {
        this.uiExecutor = uiExecutor;
        this.consumer = consumer;
    }

    /**
     * Offers a value; any thread, no allocation beyond the UI runnable when none is pending.
     *
     * @param value the value, replacing any value not yet applied.
     */
    public void offer(final T value)
    {
        latest.set(value);
        if (scheduled.compareAndSet(false, true))
        {
            uiExecutor.execute(this::drain);
        }
    }

    private void drain()
    {
        // Clear the flag before taking the value: a value offered after this point schedules a new drain.
        scheduled.set(false);
        final T value = latest.getAndSet(null);
        if (null != value)
        {
            consumer.accept(value);
        }
    }
}
