package io.aeolus.console.tasks;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs blocking work in the background and delivers its outcome on the UI thread. View models call
 * {@link #run} from the FX thread; all callbacks also run on the FX thread.
 */
public interface TaskRunner
{
    /**
     * Starts work in the background.
     *
     * @param work       the blocking work.
     * @param onSuccess  receives the result, on the UI thread.
     * @param onFailure  receives the failure, on the UI thread.
     * @param onProgress receives progress in [0, 1], on the UI thread.
     * @param <T>        result type.
     */
    <T> void run(
        BackgroundWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure, DoubleConsumer onProgress);

    /**
     * Starts work in the background, ignoring progress.
     *
     * @param work      the blocking work.
     * @param onSuccess receives the result, on the UI thread.
     * @param onFailure receives the failure, on the UI thread.
     * @param <T>       result type.
     */
    default <T> void run(final BackgroundWork<T> work, final Consumer<T> onSuccess, final Consumer<Throwable> onFailure)
    {
        run(work, onSuccess, onFailure, (progress) -> {});
    }
}
