package io.aeolus.management;

import java.util.Map;

/**
 * A client connection as the broker reports it.
 *
 * @param id        the broker's id of the connection.
 * @param clientId  its JMS client id, empty if none.
 * @param user      the user it logged in as, empty if anonymous.
 * @param source    where it connects from.
 * @param sessions  its open sessions.
 * @param consumers its consumers.
 * @param producers its producers.
 */
public record ConnectionInfo(long id, String clientId, String user, String source, int sessions, int consumers,
    int producers)
{
    private static final String ID = "id";
    private static final String CLIENT_ID = "clientId";
    private static final String USER = "user";
    private static final String SOURCE = "source";
    private static final String SESSIONS = "sessions";
    private static final String CONSUMERS = "consumers";
    private static final String PRODUCERS = "producers";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + ID, id);
        out.put(prefix + CLIENT_ID, clientId);
        out.put(prefix + USER, user);
        out.put(prefix + SOURCE, source);
        out.put(prefix + SESSIONS, sessions);
        out.put(prefix + CONSUMERS, consumers);
        out.put(prefix + PRODUCERS, producers);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the connection written there.
     */
    public static ConnectionInfo read(final Map<String, Object> in, final String prefix)
    {
        return new ConnectionInfo(Reply.longValue(in, prefix + ID), Reply.string(in, prefix + CLIENT_ID),
            Reply.string(in, prefix + USER), Reply.string(in, prefix + SOURCE), Reply.intValue(in, prefix + SESSIONS),
            Reply.intValue(in, prefix + CONSUMERS), Reply.intValue(in, prefix + PRODUCERS));
    }
}
