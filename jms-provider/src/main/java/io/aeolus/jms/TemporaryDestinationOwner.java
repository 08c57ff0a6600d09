package io.aeolus.jms;

import jakarta.jms.JMSException;

/**
 * The connection that created a temporary destination: only it may delete the destination (JMS: a temporary
 * destination lives as long as its connection, and only that connection may consume from or delete it).
 */
@FunctionalInterface
public interface TemporaryDestinationOwner
{
    /**
     * Deletes a temporary destination this owner created.
     *
     * @param destination the temporary queue or topic to delete.
     * @throws JMSException if the destination is still in use (JMS requires {@code IllegalStateException} when it has
     *                      consumers), the connection is closed, or the broker refuses.
     */
    void deleteTemporaryDestination(AeolusDestination destination) throws JMSException;
}
