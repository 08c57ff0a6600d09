package io.aeolus.broker.security;

/**
 * Limits that keep one client from exhausting the broker: connections per user, sessions per connection, consumers
 * per session, destinations in all. Each check returns null when within the limit, or the message for an
 * {@code Error{RESOURCE_ALLOCATION}} (the client throws {@code ResourceAllocationException}) naming the limit and
 * its option. Message size is bounded by {@code aeolus.broker.max.frame.length}. Immutable; thread-safe.
 */
public final class Limits
{
    private final int maxConnectionsPerUser;
    private final int maxSessionsPerConnection;
    private final int maxConsumersPerSession;
    private final int maxDestinations;

    /**
     * @param maxConnectionsPerUser    connections one authenticated user may hold at once.
     * @param maxSessionsPerConnection sessions one connection may hold at once.
     * @param maxConsumersPerSession   consumers and browsers one session may hold at once.
     * @param maxDestinations          queues and topics (temporary ones included) the broker holds at once.
     */
    public Limits(
        final int maxConnectionsPerUser,
        final int maxSessionsPerConnection,
        final int maxConsumersPerSession,
        final int maxDestinations)
    {
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        this.maxSessionsPerConnection = maxSessionsPerConnection;
        this.maxConsumersPerSession = maxConsumersPerSession;
        this.maxDestinations = maxDestinations;
    }

    /**
     * @param user the user connecting.
     * @param open connections the user holds already.
     * @return null, or why another is refused.
     */
    public String checkConnectionsPerUser(final String user, final int open)
    {
        return open < maxConnectionsPerUser ? null : "user '" + user + "' already has " + open + " connections, " +
            "the most allowed (aeolus.broker.max.connections.per.user=" + maxConnectionsPerUser + ")";
    }

    /**
     * Call before creating a session.
     *
     * @param open sessions the connection holds already.
     * @return null, or why another is refused.
     */
    public String checkSessions(final int open)
    {
        return open < maxSessionsPerConnection ? null : "connection already has " + open + " sessions, the most " +
            "allowed (aeolus.broker.max.sessions.per.connection=" + maxSessionsPerConnection + ")";
    }

    /**
     * Call before creating a consumer or browser.
     *
     * @param open consumers and browsers the session holds already.
     * @return null, or why another is refused.
     */
    public String checkConsumers(final int open)
    {
        return open < maxConsumersPerSession ? null : "session already has " + open + " consumers, the most " +
            "allowed (aeolus.broker.max.consumers.per.session=" + maxConsumersPerSession + ")";
    }

    /**
     * Call before creating a queue, topic or temporary destination.
     *
     * @param existing destinations the broker holds already.
     * @return null, or why another is refused.
     */
    public String checkDestinations(final int existing)
    {
        return existing < maxDestinations ? null : "the broker already holds " + existing + " destinations, the " +
            "most allowed (aeolus.broker.max.destinations=" + maxDestinations + ")";
    }

    /**
     * @return connections one user may hold.
     */
    public int maxConnectionsPerUser()
    {
        return maxConnectionsPerUser;
    }

    /**
     * @return sessions one connection may hold.
     */
    public int maxSessionsPerConnection()
    {
        return maxSessionsPerConnection;
    }

    /**
     * @return consumers one session may hold.
     */
    public int maxConsumersPerSession()
    {
        return maxConsumersPerSession;
    }

    /**
     * @return destinations the broker may hold.
     */
    public int maxDestinations()
    {
        return maxDestinations;
    }
}
