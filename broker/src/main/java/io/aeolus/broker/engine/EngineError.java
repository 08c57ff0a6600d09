package io.aeolus.broker.engine;

/**
 * Why the engine refused a client's request: stable codes that an adapter maps onto its protocol's error codes
 * (the Aeron adapter to the wire protocol's {@code ErrorCode} of the same name).
 */
public enum EngineError
{
    /** A malformed or unknown argument. */
    INVALID_ARGUMENT,
    /** The request does not fit the state (no such session, a second consumer on an exclusive subscription). */
    ILLEGAL_STATE,
    /** The destination does not exist, may not be created or is misnamed. */
    INVALID_DESTINATION,
    /** The selector does not parse. */
    INVALID_SELECTOR,
    /** The client id is empty or in use. */
    INVALID_CLIENT_ID,
    /** The principal lacks a permission. */
    SECURITY,
    /** A limit is reached or the journal failed. */
    RESOURCE_ALLOCATION,
    /** The message is not a message this broker can read. */
    MESSAGE_FORMAT,
    /** A persistent message larger than the journal takes. */
    MESSAGE_TOO_LARGE,
    /** A commit that could not be made durable. */
    TRANSACTION_ROLLED_BACK
}
