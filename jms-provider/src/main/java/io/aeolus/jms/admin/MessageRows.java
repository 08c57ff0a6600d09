package io.aeolus.jms.admin;

import io.aeolus.management.ErrorCode;
import io.aeolus.management.Reply;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.ResourceAllocationException;

import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads management replies: their status properties, the exception of an error code, and the map body that the
 * records of {@code io.aeolus.management} decode.
 */
final class MessageRows
{
    private MessageRows()
    {
    }

    static MapMessage checked(final MapMessage reply) throws JMSException
    {
        if (Reply.OK.equals(reply.getStringProperty(Reply.STATUS)))
        {
            return reply;
        }
        final String code = reply.getStringProperty(Reply.ERROR_CODE);
        final String message = reply.getStringProperty(Reply.ERROR_MESSAGE);
        if (null == code)
        {
            throw new JMSException("the broker's reply has no status", ErrorCode.MALFORMED_REPLY);
        }
        throw exception(code, message);
    }

    /**
     * @return the exception for an error code: JMSSecurityException for ACCESS_DENIED, InvalidDestinationException
     * for UNKNOWN_DESTINATION, InvalidSelectorException for INVALID_SELECTOR, IllegalStateException for
     * ILLEGAL_STATE, ResourceAllocationException for RESOURCE_ALLOCATION, else a JMSException; the code is its
     * error code.
     */
    static JMSException exception(final String code, final String message)
    {
        switch (null == code ? "" : code)
        {
            case ErrorCode.UNKNOWN_DESTINATION:
                return new InvalidDestinationException(message, code);
            case ErrorCode.INVALID_SELECTOR:
                return new InvalidSelectorException(message, code);
            case ErrorCode.ILLEGAL_STATE:
                return new IllegalStateException(message, code);
            case ErrorCode.ACCESS_DENIED:
                return new JMSSecurityException(message, code);
            case ErrorCode.RESOURCE_ALLOCATION:
                return new ResourceAllocationException(message, code);
            default:
                return new JMSException(message, code);
        }
    }

    /**
     * @return an exception of the same kind and code, its message prefixed, linked to the original.
     */
    static JMSException prefixed(final JMSException original, final String prefix)
    {
        final JMSException prefixed = exception(original.getErrorCode(), prefix + original.getMessage());
        prefixed.setLinkedException(original);
        prefixed.initCause(original);
        return prefixed;
    }

    /**
     * @return a map message's entries, in the message's order, each as {@code getObject} gives it.
     */
    static Map<String, Object> body(final MapMessage message) throws JMSException
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        for (final Enumeration<?> names = message.getMapNames(); names.hasMoreElements(); )
        {
            final String name = (String)names.nextElement();
            body.put(name, message.getObject(name));
        }
        return body;
    }
}
