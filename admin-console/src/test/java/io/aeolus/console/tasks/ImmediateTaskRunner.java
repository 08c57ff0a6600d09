package io.aeolus.console.tasks;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs work synchronously on the calling thread, so view models can be tested without the FX toolkit.
 */
public final class ImmediateTaskRunner implements TaskRunner
{
    private int runs;

    @Override
    public <T> void run(
        final BackgroundWork<T> work,
        final Consumer<T> onSuccess,
        final Consumer<Throwable> onFailure,
        final DoubleConsumer onProgress)
    {
        runs++;
        final T result;
        try
        {
            result = work.call((done, total) -> onProgress.accept(total == 0 ? 1.0 : (double)done / total));
        }
        catch (final Exception ex)
        {
            onFailure.accept(ex);
            return;
        }
        onSuccess.accept(result);
    }

    public int runs()
    {
        return runs;
    }
}
