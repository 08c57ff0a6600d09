package io.aeolus.console.tasks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

import javafx.concurrent.Task;

/**
 * Runs each piece of work as a JavaFX {@link Task} on one dedicated daemon thread, so backend calls keep
 * their order and never run on the FX thread. Results arrive through {@code setOnSucceeded} and
 * {@code setOnFailed}, which JavaFX calls on the FX thread.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable
{
    private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) ->
    {
        final Thread thread = new Thread(runnable, "aeolus-console-backend");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * {@inheritDoc} Call from the FX thread; allocates one {@link Task}. Work handed over after {@link #close()} is
     * dropped: the console is going away, and a timer or event still firing on the FX thread must not fail there.
     */
    @Override
    public <T> void run(
        final BackgroundWork<T> work,
        final Consumer<T> onSuccess,
        final Consumer<Throwable> onFailure,
        final DoubleConsumer onProgress)
    {
        if (executor.isShutdown())
        {
            return;
        }
        final Task<T> task = new Task<>()
        {
            @Override
            protected T call() throws Exception
            {
                return work.call(this::updateProgress);
            }
        };
        task.progressProperty().addListener((observable, oldValue, newValue) ->
        {
            if (newValue.doubleValue() >= 0)
            {
                onProgress.accept(newValue.doubleValue());
            }
        });
        task.setOnSucceeded((event) -> onSuccess.accept(task.getValue()));
        task.setOnFailed((event) -> onFailure.accept(task.getException()));
        executor.execute(task);
    }

    /**
     * Stops the background thread, waiting briefly for the current call; call from any thread.
     */
    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
