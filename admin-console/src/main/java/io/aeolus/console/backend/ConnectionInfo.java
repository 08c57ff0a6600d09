package io.aeolus.console.backend;

/**
 * One client connection to the broker; immutable.
 *
 * @param clientId  JMS client id, or an empty string when none was set.
 * @param address   remote address of the client.
 * @param user      authenticated user name.
 * @param sessions  open sessions.
 * @param consumers open consumers over all sessions.
 */
public record ConnectionInfo(String clientId, String address, String user, int sessions, int consumers)
{
}
