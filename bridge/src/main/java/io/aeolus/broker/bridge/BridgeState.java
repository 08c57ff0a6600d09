package io.aeolus.broker.bridge;

/**
 * What a bridge is doing.
 */
public enum BridgeState
{
    /** Connecting to both sides (first time). */
    CONNECTING,
    /** Connected to both sides, forwarding. */
    RUNNING,
    /** A side failed: waiting for the back-off delay before connecting again. */
    RECONNECTING,
    /** Paused by an administrator: disconnected from both sides, messages stay at the source. */
    PAUSED,
    /** Stopped for good (deleted or closed). */
    STOPPED
}
