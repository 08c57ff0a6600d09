package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.ClientEgress;
import io.aeolus.broker.engine.MessagingEngine;

/**
 * A second adapter on the engine's inputs beside the Aeron one (the MQTT gateway): its protocol threads hand what
 * they read to it through a bounded queue, and the conductor drains that queue into the engine on its duty cycle
 * ({@link #doWork}). What the engine says to the gateway's clients comes back through this {@link ClientEgress},
 * for connection ids at or above {@link #CONNECTION_ID_BASE}; the Aeron adapter's ids stay below it.
 */
public interface ProtocolGateway extends ClientEgress
{
    /** The gateway's connection ids start here. */
    long CONNECTION_ID_BASE = 1L << 48;

    /**
     * Feeds what the gateway's clients did to the engine, a bounded amount per call. Conductor thread.
     *
     * @param engine the engine.
     * @param nowMs  the duty cycle's time, ms since the epoch.
     * @return the work done.
     */
    int doWork(MessagingEngine engine, long nowMs);

    /**
     * Sends what the gateway wrote to its clients during the duty cycle, at its end (one socket write per client
     * rather than one per packet). Conductor thread.
     *
     * @return the work done.
     */
    default int flush()
    {
        return 0;
    }
}
