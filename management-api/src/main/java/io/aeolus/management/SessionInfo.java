package io.aeolus.management;

import java.util.Map;

/**
 * A session of a client connection as the broker reports it.
 *
 * @param connectionId the broker's id of its connection.
 * @param sessionId    the session's id within it.
 * @param ackMode      its acknowledgement mode (or {@code TRANSACTED}).
 * @param consumers    its consumers.
 * @param producers    its producers.
 * @param pendingSends persistent sends not yet confirmed.
 */
public record SessionInfo(long connectionId, long sessionId, String ackMode, int consumers, int producers,
    int pendingSends)
{
    private static final String CONNECTION_ID = "connectionId";
    private static final String SESSION_ID = "sessionId";
    private static final String ACK_MODE = "ackMode";
    private static final String CONSUMERS = "consumers";
    private static final String PRODUCERS = "producers";
    private static final String PENDING_SENDS = "pendingSends";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + CONNECTION_ID, connectionId);
        out.put(prefix + SESSION_ID, sessionId);
        out.put(prefix + ACK_MODE, ackMode);
        out.put(prefix + CONSUMERS, consumers);
        out.put(prefix + PRODUCERS, producers);
        out.put(prefix + PENDING_SENDS, pendingSends);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the session written there.
     */
    public static SessionInfo read(final Map<String, Object> in, final String prefix)
    {
        return new SessionInfo(Reply.longValue(in, prefix + CONNECTION_ID), Reply.longValue(in, prefix + SESSION_ID),
            Reply.string(in, prefix + ACK_MODE), Reply.intValue(in, prefix + CONSUMERS),
            Reply.intValue(in, prefix + PRODUCERS), Reply.intValue(in, prefix + PENDING_SENDS));
    }
}
