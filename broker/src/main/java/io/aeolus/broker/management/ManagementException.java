package io.aeolus.broker.management;

import io.aeolus.management.ErrorCode;

/**
 * A management request that cannot be honoured: answered with an error reply carrying a stable code and a message.
 */
public final class ManagementException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The request is not a map message, or lacks its operation. */
    public static final String MALFORMED_REQUEST = ErrorCode.MALFORMED_REQUEST;
    /** The operation is not one the broker knows. */
    public static final String UNKNOWN_OPERATION = ErrorCode.UNKNOWN_OPERATION;
    /** An argument is missing or invalid. */
    public static final String INVALID_ARGUMENT = ErrorCode.INVALID_ARGUMENT;
    /** The named destination does not exist. */
    public static final String UNKNOWN_DESTINATION = ErrorCode.UNKNOWN_DESTINATION;
    /** The named connection does not exist. */
    public static final String UNKNOWN_CONNECTION = ErrorCode.UNKNOWN_CONNECTION;
    /** The selector does not parse. */
    public static final String INVALID_SELECTOR = ErrorCode.INVALID_SELECTOR;
    /** No waiting message of the queue has the JMSMessageID asked for. */
    public static final String UNKNOWN_MESSAGE = ErrorCode.UNKNOWN_MESSAGE;
    /** The operation does not apply in the destination's current state. */
    public static final String ILLEGAL_STATE = ErrorCode.ILLEGAL_STATE;
    /** The requester lacks the permission the operation needs on a destination it touches. */
    public static final String ACCESS_DENIED = ErrorCode.ACCESS_DENIED;
    /** The destination is over its memory limit, or the journal failed, so the message was refused. */
    public static final String RESOURCE_ALLOCATION = ErrorCode.RESOURCE_ALLOCATION;
    /** A persistent message is larger than the journal stores. */
    public static final String MESSAGE_TOO_LARGE = ErrorCode.MESSAGE_TOO_LARGE;
    /** The broker failed while executing the operation. */
    public static final String INTERNAL = ErrorCode.INTERNAL;
    /** The broker did not answer in time (JMX). */
    public static final String TIMEOUT = ErrorCode.TIMEOUT;

    private final String code;

    /**
     * @param code    one of the constants of this class.
     * @param message what is wrong, for a person.
     */
    public ManagementException(final String code, final String message)
    {
        super(message);
        this.code = code;
    }

    /**
     * @return the stable error code.
     */
    public String code()
    {
        return code;
    }
}
