package io.aeolus.jms;

import io.aeolus.transport.TransportException;
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
 * The one place where failures become JMS exceptions: protocol error codes from the broker, transport failures,
 * and the conversion to the unchecked variants of the simplified API. Every exception made here carries its cause
 * both as {@code getCause()} and as the linked exception. Stateless; thread-safe.
 */
public final class AeolusExceptions
{
    private AeolusExceptions()
    {
    }

    /**
     * @param ex a transport failure or an error answered by the broker.
     * @return the JMS exception its code stands for.
     */
    public static JMSException toJms(final TransportException ex)
    {
        final String message = ex.getMessage();
        final String code = ex.code().name();
        final JMSException jms;
        switch (ex.code())
        {
            case INVALID_DESTINATION:
                jms = new InvalidDestinationException(message, code);
                break;
            case INVALID_SELECTOR:
                jms = new InvalidSelectorException(message, code);
                break;
            case SECURITY:
                jms = new JMSSecurityException(message, code);
                break;
            case RESOURCE_ALLOCATION:
            case MESSAGE_TOO_LARGE:
                jms = new ResourceAllocationException(message, code);
                break;
            case TRANSACTION_ROLLED_BACK:
                jms = new TransactionRolledBackException(message, code);
                break;
            case ILLEGAL_STATE:
                jms = new IllegalStateException(message, code);
                break;
            case INVALID_CLIENT_ID:
                jms = new InvalidClientIDException(message, code);
                break;
            case MESSAGE_FORMAT:
                jms = new MessageFormatException(message, code);
                break;
            default:
                jms = new JMSException(message, code);
        }
        return link(jms, ex);
    }

    /**
     * @param message what went wrong.
     * @param cause   the underlying failure, may be null.
     * @return a JMSException linking the cause.
     */
    public static JMSException jms(final String message, final Throwable cause)
    {
        if (cause instanceof JMSException)
        {
            return (JMSException)cause;
        }
        if (cause instanceof TransportException)
        {
            return toJms((TransportException)cause);
        }
        return link(new JMSException(message), cause);
    }

    /**
     * Converts to the unchecked variant the simplified API throws, keeping the cause.
     *
     * @param ex the checked exception.
     * @return its JMSRuntimeException counterpart.
     */
    public static JMSRuntimeException toRuntime(final JMSException ex)
    {
        final String message = ex.getMessage();
        final String code = ex.getErrorCode();
        final JMSRuntimeException runtime;
        if (ex instanceof InvalidDestinationException)
        {
            runtime = new InvalidDestinationRuntimeException(message, code, ex);
        }
        else if (ex instanceof InvalidSelectorException)
        {
            runtime = new InvalidSelectorRuntimeException(message, code, ex);
        }
        else if (ex instanceof JMSSecurityException)
        {
            runtime = new JMSSecurityRuntimeException(message, code, ex);
        }
        else if (ex instanceof ResourceAllocationException)
        {
            runtime = new ResourceAllocationRuntimeException(message, code, ex);
        }
        else if (ex instanceof TransactionRolledBackException)
        {
            runtime = new TransactionRolledBackRuntimeException(message, code, ex);
        }
        else if (ex instanceof TransactionInProgressException)
        {
            runtime = new TransactionInProgressRuntimeException(message, code, ex);
        }
        else if (ex instanceof IllegalStateException)
        {
            runtime = new IllegalStateRuntimeException(message, code, ex);
        }
        else if (ex instanceof InvalidClientIDException)
        {
            runtime = new InvalidClientIDRuntimeException(message, code, ex);
        }
        else if (ex instanceof MessageNotWriteableException)
        {
            runtime = new MessageNotWriteableRuntimeException(message, code, ex);
        }
        else if (ex instanceof MessageFormatException)
        {
            runtime = new MessageFormatRuntimeException(message, code, ex);
        }
        else
        {
            runtime = new JMSRuntimeException(message, code, ex);
        }
        return runtime;
    }

    private static JMSException link(final JMSException jms, final Throwable cause)
    {
        if (null != cause)
        {
            jms.initCause(cause);
            if (cause instanceof Exception)
            {
                jms.setLinkedException((Exception)cause);
            }
        }
        return jms;
    }
}
