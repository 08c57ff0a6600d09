package io.aeolus.jms.admin;

/**
 * A client connection as the broker reports it.
 *
 * @param id        the broker's id of the connection (what {@link AdminClient#closeConnection(long)} takes).
 * @param clientId  the JMS client id, empty if none.
 * @param user      the authenticated user, empty if anonymous.
 * @param source    where it connected from: {@code aeron:ipc} or an address and port.
 * @param sessions  its open sessions.
 * @param consumers its consumers and browsers.
 * @param producers its producers.
 */
public record ConnectionInfo(long id, String clientId, String user, String source, int sessions, int consumers,
    int producers)
{
}
