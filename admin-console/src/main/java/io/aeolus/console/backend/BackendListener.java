package io.aeolus.console.backend;

/**
 * Receives pushed events from a {@link ConsoleBackend}. Called on a backend thread, never the FX thread, so
 * implementations hand the event over rather than touching the UI.
 */
public interface BackendListener
{
    /**
     * A new metrics snapshot arrived.
     *
     * @param snapshot the broker-wide figures.
     */
    void onMetrics(MetricsSnapshot snapshot);

    /**
     * The connection state changed.
     *
     * @param state  the new state.
     * @param detail broker URL or failure text; may be empty.
     */
    void onConnectionState(ConnectionState state, String detail);
}
