package io.aeolus.management;

/**
 * The stable codes of a failed management operation, in a reply's {@link Reply#ERROR_CODE}. Clients map them to
 * exceptions; they never change meaning.
 */
public final class ErrorCode
{
    /** The request is not a map message with an operation. */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    /** The operation is not known. */
    public static final String UNKNOWN_OPERATION = "UNKNOWN_OPERATION";
    /** An argument is missing, unknown or of the wrong kind; the message names it. */
    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    /** The destination or subscription does not exist. */
    public static final String UNKNOWN_DESTINATION = "UNKNOWN_DESTINATION";
    /** The connection does not exist. */
    public static final String UNKNOWN_CONNECTION = "UNKNOWN_CONNECTION";
    /** The selector cannot be parsed. */
    public static final String INVALID_SELECTOR = "INVALID_SELECTOR";
    /** The message does not exist. */
    public static final String UNKNOWN_MESSAGE = "UNKNOWN_MESSAGE";
    /** The destination's state forbids the operation. */
    public static final String ILLEGAL_STATE = "ILLEGAL_STATE";
    /** The requester lacks a permission. */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /** A destination is full. */
    public static final String RESOURCE_ALLOCATION = "RESOURCE_ALLOCATION";
    /** A message to send is larger than the broker accepts. */
    public static final String MESSAGE_TOO_LARGE = "MESSAGE_TOO_LARGE";
    /** A fault of the broker's own. */
    public static final String INTERNAL = "INTERNAL";
    /** The broker did not answer in time (set by clients). */
    public static final String TIMEOUT = "TIMEOUT";
    /** The broker's reply cannot be read (set by clients). */
    public static final String MALFORMED_REPLY = "MALFORMED_REPLY";

    private ErrorCode()
    {
    }
}
