package io.aeolus.jms;

import jakarta.jms.JMSException;

/**
 * Runs a call of the classic API on behalf of the simplified API, which throws only unchecked exceptions: a checked
 * {@link JMSException} leaves as its {@code JMSRuntimeException} counterpart ({@link AeolusExceptions#toRuntime}).
 * Stateless; any thread.
 */
final class Unchecked
{
    private Unchecked()
    {
    }

    /**
     * A classic call that returns a value.
     *
     * @param <T> the value's type.
     */
    @FunctionalInterface
    interface Call<T>
    {
        T call() throws JMSException;
    }

    /**
     * A classic call that returns nothing.
     */
    @FunctionalInterface
    interface Action
    {
        void run() throws JMSException;
    }

    static <T> T call(final Call<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final JMSException ex)
        {
            throw AeolusExceptions.toRuntime(ex);
        }
    }

    static void run(final Action action)
    {
        try
        {
            action.run();
        }
        catch (final JMSException ex)
        {
            throw AeolusExceptions.toRuntime(ex);
        }
    }
}
