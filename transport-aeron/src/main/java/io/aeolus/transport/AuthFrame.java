package io.aeolus.transport;

/**
 * An auth frame of a {@link ClientEndpoint}'s handshake in progress, copied off the receive thread.
 */
final class AuthFrame
{
    final int templateId;
    final long connectionId;
    final byte[] data;

    AuthFrame(final int templateId, final long connectionId, final byte[] data)
    {
        this.templateId = templateId;
        this.connectionId = connectionId;
        this.data = data;
    }
}
