package io.aeolus.broker.engine;

import io.aeolus.broker.security.Principal;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;

/**
 * The logged-in connections: looked up by id, walked in the order they logged in.
 */
final class ConnectionRegistry
{
    private final Long2ObjectHashMap<EngineConnection> byId = new Long2ObjectHashMap<>();
    private final ArrayList<EngineConnection> inOrder = new ArrayList<>();

    EngineConnection get(final long connectionId)
    {
        return byId.get(connectionId);
    }

    void add(final EngineConnection connection)
    {
        byId.put(connection.connectionId, connection);
        inOrder.add(connection);
    }

    EngineConnection remove(final long connectionId)
    {
        final EngineConnection connection = byId.remove(connectionId);
        if (null != connection)
        {
            inOrder.remove(connection);
        }
        return connection;
    }

    ArrayList<EngineConnection> inOrder()
    {
        return inOrder;
    }

    /**
     * @param clientId a client id.
     * @return true if a logged-in connection holds it.
     */
    boolean isClientIdInUse(final String clientId)
    {
        for (int i = 0, size = inOrder.size(); i < size; i++)
        {
            if (clientId.equals(inOrder.get(i).clientId))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param user a user name.
     * @return connections logged in as that user (not anonymous).
     */
    int connectionsOf(final String user)
    {
        int count = 0;
        for (int i = 0, size = inOrder.size(); i < size; i++)
        {
            final Principal principal = inOrder.get(i).principal;
            if (null != principal && !principal.isAnonymous() && user.equals(principal.name()))
            {
                count++;
            }
        }
        return count;
    }
}
