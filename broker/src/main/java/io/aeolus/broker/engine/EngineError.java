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
    TRANSACTION_ROLLED_BACK,
    /** XA: no such branch (XAER_NOTA). */
    XA_NOTA,
    /** XA: the request does not fit the branch's or session's state (XAER_PROTO). */
    XA_PROTO,
    /** XA: invalid flags or arguments (XAER_INVAL). */
    XA_INVAL,
    /** XA: a branch with this Xid exists already (XAER_DUPID). */
    XA_DUPID,
    /** XA: the branch was rolled back (XA_RBROLLBACK). */
    XA_RBROLLBACK,
    /** XA: the branch was rolled back because its timeout passed (XA_RBTIMEOUT). */
    XA_RBTIMEOUT,
    /** XA: an administrator committed the branch (XA_HEURCOM). */
    XA_HEURCOM,
    /** XA: an administrator rolled the branch back (XA_HEURRB). */
    XA_HEURRB,
    /** XA: the durable store failed (XAER_RMERR). */
    XA_RMERR
}
