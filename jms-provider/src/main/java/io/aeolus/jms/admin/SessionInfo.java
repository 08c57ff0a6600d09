package io.aeolus.jms.admin;

/**
 * A session of a client connection as the broker reports it.
 *
 * @param connectionId the broker's id of its connection.
 * @param sessionId    the client's id of the session.
 * @param ackMode      TRANSACTED, AUTO, CLIENT or DUPS_OK.
 * @param consumers    its consumers and browsers.
 * @param producers    its producers.
 * @param pendingSends messages sent in its open transaction, not yet committed.
 */
public record SessionInfo(long connectionId, long sessionId, String ackMode, int consumers, int producers,
    int pendingSends)
{
}
