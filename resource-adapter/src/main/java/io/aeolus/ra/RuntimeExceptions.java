package io.aeolus.ra;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/**
 * The simplified API's unchecked form of each {@link JMSException}, keeping message, error code and cause.
 */
final class RuntimeExceptions
{
    private RuntimeExceptions()
    {
    }

    /**
     * A call of the classic API that may throw {@link JMSException}.
     *
     * @param <T> what it returns.
     */
    @FunctionalInterface
    interface JmsCall<T>
    {
        T call() throws JMSException;
    }

    /**
     * A call of the classic API that returns nothing.
     */
    @FunctionalInterface
    interface JmsRun
    {
        void run() throws JMSException;
    }

    static <T> T call(final JmsCall<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final JMSException ex)
        {
            throw wrap(ex);
        }
    }

    static void run(final JmsRun run)
    {
        try
        {
            run.run();
        }
        catch (final JMSException ex)
        {
            throw wrap(ex);
        }
    }

    static JMSRuntimeException wrap(final JMSException ex)
    {
        final String message = ex.getMessage();
        final String code = ex.getErrorCode();
        final JMSRuntimeException wrapped;
        if (ex instanceof IllegalStateException)
        {
            wrapped = new IllegalStateRuntimeException(message, code, ex);
        }
        else if (ex instanceof InvalidDestinationException)
        {
            wrapped = new InvalidDestinationRuntimeException(message, code, ex);
        }
        else if (ex instanceof InvalidSelectorException)
        {
            wrapped = new InvalidSelectorRuntimeException(message, code, ex);
        }
        else if (ex instanceof InvalidClientIDException)
        {
            wrapped = new InvalidClientIDRuntimeException(message, code, ex);
        }
        else if (ex instanceof JMSSecurityException)
        {
            wrapped = new JMSSecurityRuntimeException(message, code, ex);
        }
        else if (ex instanceof MessageFormatException)
        {
            wrapped = new MessageFormatRuntimeException(message, code, ex);
        }
        else if (ex instanceof MessageNotWriteableException)
        {
            wrapped = new MessageNotWriteableRuntimeException(message, code, ex);
        }
        else if (ex instanceof ResourceAllocationException)
        {
            wrapped = new ResourceAllocationRuntimeException(message, code, ex);
        }
        else if (ex instanceof TransactionInProgressException)
        {
            wrapped = new TransactionInProgressRuntimeException(message, code, ex);
        }
        else if (ex instanceof TransactionRolledBackException)
        {
            wrapped = new TransactionRolledBackRuntimeException(message, code, ex);
        }
        else
        {
            wrapped = new JMSRuntimeException(message, code, ex);
        }
        return wrapped;
    }
}
