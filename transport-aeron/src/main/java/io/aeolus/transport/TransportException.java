package io.aeolus.transport;

import io.aeolus.transport.codecs.ErrorCode;

/**
 * A failure of the transport or an error answered by the peer, with its stable protocol code.
 * The client library maps the code to the right JMS exception.
 */
public final class TransportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code    the protocol error code.
     * @param message what happened.
     */
    public TransportException(final ErrorCode code, final String message)
    {
        super(message);
        this.code = code;
    }

    /**
     * @param code    the protocol error code.
     * @param message what happened.
     * @param cause   the underlying failure.
     */
    public TransportException(final ErrorCode code, final String message, final Throwable cause)
    {
        super(message, cause);
        this.code = code;
    }

    /**
     * @return the protocol error code.
     */
    public ErrorCode code()
    {
        return code;
    }
}
