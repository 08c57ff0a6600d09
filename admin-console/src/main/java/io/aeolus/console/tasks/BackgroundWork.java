package io.aeolus.console.tasks;

import io.aeolus.console.backend.ProgressSink;

/**
 * A unit of blocking work, usually one backend call, run off the FX thread.
 *
 * @param <T> result type.
 */
@FunctionalInterface
public interface BackgroundWork<T>
{
    /**
     * Does the work on a background thread.
     *
     * @param progress receives progress; safe to call from the background thread.
     * @return the result handed to the success callback on the FX thread.
     * @throws Exception any failure, handed to the failure callback on the FX thread.
     */
    T call(ProgressSink progress) throws Exception;
}
