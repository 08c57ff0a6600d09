package io.aeolus.transport;

/**
 * The broker's answer to a request: an {@code Ok} (with its value), a {@code ConnectResponse}
 * (value = connection id) or a {@code NoMessage}. Errors arrive as {@link TransportException}s instead.
 *
 * @param templateId    SBE template id of the answer.
 * @param correlationId the request's correlation id.
 * @param value         request-specific result.
 */
public record Response(int templateId, long correlationId, long value)
{
}
