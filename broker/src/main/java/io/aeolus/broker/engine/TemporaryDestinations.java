package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Temporary queues and topics: who owns each (JMS 6.2.2: only the creating connection consumes from it), their
 * creation and deletion, and their end with the connection. The owner map is looked up, never walked.
 */
final class TemporaryDestinations
{
    private final Destinations destinations;
    private final AccessChecks access;
    private final Map<String, Long> owners = new HashMap<>();

    TemporaryDestinations(final Destinations destinations, final AccessChecks access)
    {
        this.destinations = destinations;
        this.access = access;
    }

    boolean exists(final String name)
    {
        return owners.containsKey(name);
    }

    boolean isOwner(final String name, final EngineConnection connection)
    {
        final Long owner = owners.get(name);
        return null != owner && owner == connection.connectionId;
    }

    void onCreate(final EngineConnection connection, final long correlationId, final DestinationType type,
        final String name)
    {
        final String problem = DestinationChecks.nameProblem(name);
        final boolean exists = destinations.queues().containsKey(name) || destinations.topics().containsKey(name);
        if (null != problem || !DestinationChecks.isTemporary(type) || owners.containsKey(name) || exists)
        {
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION,
                null != problem ? problem : "cannot create temporary destination '" + name + "'");
            return;
        }
        if (AccessChecks.overLimit(connection, correlationId,
            access.limits().checkDestinations(destinations.queues().size() + destinations.topics().size())))
        {
            return;
        }
        owners.put(name, connection.connectionId);
        connection.temporaryDestinations.add(name);
        if (type == DestinationType.TEMPORARY_QUEUE)
        {
            destinations.createQueue(name, type);
        }
        else
        {
            destinations.createTopic(name, type);
        }
        connection.sendOk(correlationId, 0);
    }

    void onDelete(final EngineConnection connection, final long correlationId, final String name)
    {
        if (!isOwner(name, connection))
        {
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION,
                "temporary destination '" + name + "' does not belong to this connection");
            return;
        }
        final MessageQueue queue = destinations.queues().get(name);
        final Topic topic = destinations.topics().get(name);
        if ((null != queue && !queue.consumers().isEmpty()) || (null != topic && !topic.subscriptions().isEmpty()))
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "temporary destination '" + name + "' has consumers");
            return;
        }
        delete(connection, name);
        connection.sendOk(correlationId, 0);
    }

    void onConnectionClosed(final EngineConnection connection)
    {
        for (final String name : new ArrayList<>(connection.temporaryDestinations))
        {
            delete(connection, name);
        }
    }

    private void delete(final EngineConnection connection, final String name)
    {
        owners.remove(name);
        connection.temporaryDestinations.remove(name);
        destinations.deleteQueue(name);
        destinations.deleteTopic(name);
    }

    /**
     * For a snapshot's restore: the connection owns the temporary destination.
     */
    void restoreOwner(final String name, final long connectionId)
    {
        owners.put(name, connectionId);
    }
}
