package io.aeolus.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message: the session installs one per delivery
 * (in client-acknowledge mode it acknowledges every message the session has consumed; in other modes it does
 * nothing). Called on the application thread that calls {@code acknowledge()}.
 */
@FunctionalInterface
public interface AcknowledgeCallback
{
    /**
     * Acknowledges on behalf of the message.
     *
     * @throws JMSException {@link jakarta.jms.IllegalStateException} if the session is closed, or any failure to
     *                      acknowledge.
     */
    void acknowledge() throws JMSException;
}
