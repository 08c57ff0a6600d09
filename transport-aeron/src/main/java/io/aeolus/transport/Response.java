package io.aeolus.transport;

/**
 * The broker's answer to a request: an {@code Ok} (with its value), a {@code ConnectResponse}
 * (value = connection id), a {@code NoMessage} or an {@code XaRecovered} (value = count, payload = the packed Xids).
 * Errors arrive as {@link TransportException}s instead.
 *
 * @param templateId    SBE template id of the answer.
 * @param correlationId the request's correlation id.
 * @param value         request-specific result.
 * @param payload       request-specific bytes, empty if none; not to be changed.
 */
public record Response(int templateId, long correlationId, long value, byte[] payload)
{
    private static final byte[] NONE = new byte[0];

    /**
     * An answer without bytes.
     *
     * @param templateId    SBE template id of the answer.
     * @param correlationId the request's correlation id.
     * @param value         request-specific result.
     */
    public Response(final int templateId, final long correlationId, final long value)
    {
        this(templateId, correlationId, value, NONE);
    }
}
