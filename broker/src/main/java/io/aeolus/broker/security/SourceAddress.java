package io.aeolus.broker.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads the source identity Aeron gives an image ({@code aeron:ipc}, or the UDP sender's {@code address:port}):
 * the host a client connected from, and whether that is the broker's own host. Stateless; thread-safe.
 */
public final class SourceAddress
{
    /** The host key of every IPC client. */
    public static final String IPC = "ipc";

    private SourceAddress()
    {
    }

    /**
     * @param sourceIdentity e.g. {@code aeron:ipc}, {@code 10.0.0.7:40123} or {@code [::1]:40123}.
     * @return the host without the port, or {@value #IPC}: the key login failures are counted under.
     */
    public static String host(final String sourceIdentity)
    {
        if (null == sourceIdentity || sourceIdentity.startsWith("aeron:ipc"))
        {
            return IPC;
        }
        final String text = sourceIdentity.trim();
        if (text.startsWith("["))
        {
            final int close = text.indexOf(']');
            return close > 0 ? text.substring(1, close) : text;
        }
        final int colon = text.lastIndexOf(':');
        return colon > 0 && text.indexOf(':') == colon ? text.substring(0, colon) : text;
    }

    /**
     * @param sourceIdentity as Aeron gives it.
     * @return true for IPC and for a loopback address; never looks a name up (only numeric addresses count).
     */
    public static boolean isLocal(final String sourceIdentity)
    {
        final String host = host(sourceIdentity);
        if (IPC.equals(host))
        {
            return true;
        }
        if (!isNumeric(host))
        {
            return false;
        }
        try
        {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    private static boolean isNumeric(final String host)
    {
        if (host.isEmpty())
        {
            return false;
        }
        final boolean ipv6 = host.indexOf(':') >= 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            final boolean allowed = (c >= '0' && c <= '9') || c == '.' ||
                (ipv6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }
}
