package io.aeolus.console.tasks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Holds work until the test runs it, on the calling thread, so tests can see what is in flight and finish calls in
 * any order, without the FX toolkit.
 */
public final class QueuedTaskRunner implements TaskRunner
{
    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> void run(
        final BackgroundWork<T> work,
        final Consumer<T> onSuccess,
        final Consumer<Throwable> onFailure,
        final DoubleConsumer onProgress)
    {
        pending.add(() ->
        {
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
        });
    }

    public int pending()
    {
        return pending.size();
    }

    public void runNext()
    {
        pending.removeFirst().run();
    }

    public void runLast()
    {
        pending.removeLast().run();
    }

    public void runAll()
    {
        while (!pending.isEmpty())
        {
            runNext();
        }
    }
}
