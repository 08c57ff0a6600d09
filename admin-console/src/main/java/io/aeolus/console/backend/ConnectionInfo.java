package io.aeolus.console.backend;

/**
 * One client connection to the broker; immutable.
 *
 * @param id          the broker's id of the connection, the key for closing it.
 * @param clientId    JMS client id, or an empty string when none was set.
 * @param address     where the client connected from ({@code aeron:ipc} or an address and port).
 * @param user        authenticated user name, empty when anonymous.
 * @param sessions    open sessions.
 * @param consumers   open consumers and browsers over all sessions.
 * @param producers   open producers over all sessions.
 * @param thisConsole true for the connection this console itself uses.
 */
public record ConnectionInfo(
    long id,
    String clientId,
    String address,
    String user,
    int sessions,
    int consumers,
    int producers,
    boolean thisConsole)
{
}
