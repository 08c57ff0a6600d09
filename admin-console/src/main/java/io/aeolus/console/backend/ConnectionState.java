package io.aeolus.console.backend;

/**
 * State of the console's connection to a broker.
 */
public enum ConnectionState
{
    /** Not connected. */
    DISCONNECTED,
    /** A connect is in progress. */
    CONNECTING,
    /** Connected and receiving metrics. */
    CONNECTED
}
