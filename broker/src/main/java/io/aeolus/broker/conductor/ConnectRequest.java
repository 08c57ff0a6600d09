package io.aeolus.broker.conductor;

/**
 * The fields of a client's Connect, decoded and checked by the ingress adapter (the one place a Connect frame is
 * read).
 *
 * @param correlationId   the Connect's correlation id, which every frame of the login carries.
 * @param protocolVersion the protocol version the client speaks.
 * @param replyStreamId   the stream of the client's egress.
 * @param clientId        the client id asked for, empty if none.
 * @param user            the user name, empty if none.
 * @param credentials     the first authentication message, null if longer than any real login needs.
 * @param replyChannel    the Aeron channel to answer on.
 */
record ConnectRequest(
    long correlationId,
    int protocolVersion,
    int replyStreamId,
    String clientId,
    String user,
    byte[] credentials,
    String replyChannel)
{
}
