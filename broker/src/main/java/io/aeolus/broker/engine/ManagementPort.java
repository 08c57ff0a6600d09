package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.management.Requester;

/**
 * Where the engine hands a request sent to the management queue (once the sender may send there): the management
 * service, which reads and changes the engine through {@link EngineManagement} on the engine's thread.
 */
@FunctionalInterface
public interface ManagementPort
{
    /**
     * No management: requests are dropped.
     */
    ManagementPort NONE = (request, requester) -> { };

    /**
     * @param request   the message the client sent.
     * @param requester the sender, whose permissions each operation checks.
     */
    void onRequest(BrokerMessage request, Requester requester);
}
