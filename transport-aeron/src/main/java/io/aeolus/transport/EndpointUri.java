package io.aeolus.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Aeolus connection URL.
 * <ul>
 *   <li>{@code aeolus:ipc} - same host, attach to the broker's media driver (the lowest latency path);</li>
 *   <li>{@code aeolus:udp://host:port} - any host, over UDP through the client's own embedded media driver;</li>
 *   <li>{@code aeolus:cluster://host1:port1,host2:port2,host3:port3} - a broker group on Aeron Cluster: the
 *   client-facing (ingress) endpoints of its members, in member id order.</li>
 * </ul>
 * Options follow as query parameters: {@code aeolus:udp://10.0.0.5:5150?termLength=256k&prefetch=100}.
 * Immutable and thread-safe.
 *
 * @param media   {@code ipc}, {@code udp} or {@code cluster}.
 * @param host    the broker's host for UDP, the members' endpoints (comma-separated) for a cluster, null for IPC.
 * @param port    the broker's port for UDP, 0 for IPC.
 * @param options the query parameters in the order given.
 */
public record EndpointUri(String media, String host, int port, Map<String, String> options)
{
    /** Scheme prefix of every Aeolus URL. */
    public static final String SCHEME = "aeolus:";
    /** Media of a broker group's URL. */
    public static final String CLUSTER = "cluster";
    private static final String CLUSTER_PREFIX = "cluster://";

    /**
     * Parses a URL.
     *
     * @param url the text.
     * @return the parsed URL.
     * @throws IllegalArgumentException naming what is wrong with the URL.
     */
    public static EndpointUri parse(final String url)
    {
        if (null == url || url.isBlank())
        {
            throw new IllegalArgumentException(
                "connection URL is empty (expected aeolus:ipc or aeolus:udp://host:port)");
        }
        final String text = url.trim();
        if (!text.startsWith(SCHEME))
        {
            throw new IllegalArgumentException(
                "connection URL must start with 'aeolus:' (aeolus:ipc or aeolus:udp://host:port): " + url);
        }
        final int queryIndex = text.indexOf('?');
        final String body = queryIndex < 0 ?
            text.substring(SCHEME.length()) : text.substring(SCHEME.length(), queryIndex);
        final Map<String, String> options = queryIndex < 0 ?
            Collections.emptyMap() : parseQuery(url, text.substring(queryIndex + 1));

        if (body.equals("ipc") || body.equals("ipc://") || body.equals("ipc:"))
        {
            return new EndpointUri("ipc", null, 0, options);
        }
        if (body.startsWith("udp://"))
        {
            final String authority = body.substring("udp://".length());
            final int colon = authority.lastIndexOf(':');
            final String host = colon < 0 ? authority : authority.substring(0, colon);
            if (host.isEmpty())
            {
                throw new IllegalArgumentException("connection URL has no host: " + url);
            }
            int port = TransportConfiguration.DEFAULT_PORT;
            if (colon >= 0)
            {
                try
                {
                    port = Integer.parseInt(authority.substring(colon + 1));
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException("connection URL has an invalid port: " + url, ex);
                }
                if (port < 1 || port > 65535)
                {
                    throw new IllegalArgumentException("connection URL port out of range 1-65535: " + url);
                }
            }
            return new EndpointUri("udp", host, port, options);
        }
        if (body.startsWith(CLUSTER_PREFIX))
        {
            final List<String> members = parseMembers(url, body.substring(CLUSTER_PREFIX.length()));
            return new EndpointUri(CLUSTER, String.join(",", members), 0, options);
        }
        throw new IllegalArgumentException(
            "connection URL media must be 'ipc', 'udp://host:port' or 'cluster://host:port,host:port,...': " + url);
    }

    /**
     * @return true for {@code aeolus:cluster://...}.
     */
    public boolean isCluster()
    {
        return CLUSTER.equals(media);
    }

    /**
     * @return the group members' client-facing endpoints ({@code host:port}) in member id order; empty unless a
     * cluster URL.
     */
    public List<String> clusterMembers()
    {
        return isCluster() ? List.of(host.split(",")) : List.of();
    }

    private static List<String> parseMembers(final String url, final String list)
    {
        final List<String> members = new ArrayList<>();
        for (final String member : list.split(",", -1))
        {
            final String endpoint = member.trim();
            final int colon = endpoint.lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("cluster URL member '" + endpoint + "' is not host:port: " + url);
            }
            final int port;
            try
            {
                port = Integer.parseInt(endpoint.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("cluster URL member '" + endpoint + "' has an invalid port: " + url,
                    ex);
            }
            if (port < 1 || port > 65535)
            {
                throw new IllegalArgumentException("cluster URL member '" + endpoint + "' port out of range 1-65535: " +
                    url);
            }
            members.add(endpoint);
        }
        return members;
    }

    /**
     * @return true for {@code aeolus:ipc}.
     */
    public boolean isIpc()
    {
        return "ipc".equals(media);
    }

    /**
     * @param name    option name.
     * @param orElse  value when absent.
     * @return the option's value or orElse.
     */
    public String option(final String name, final String orElse)
    {
        final String value = options.get(name);
        return null == value ? orElse : value;
    }

    /**
     * @return the URL as text, options included.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(SCHEME);
        sb.append(isIpc() ? "ipc" : isCluster() ? CLUSTER_PREFIX + host : "udp://" + host + ":" + port);
        char separator = '?';
        for (final Map.Entry<String, String> entry : options.entrySet())
        {
            sb.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = '&';
        }
        return sb.toString();
    }

    private static Map<String, String> parseQuery(final String url, final String query)
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (final String pair : query.split("&"))
        {
            if (pair.isEmpty())
            {
                continue;
            }
            final int eq = pair.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException(
                    "connection URL option must be name=value, got '" + pair + "': " + url);
            }
            final String name = decode(url, pair.substring(0, eq));
            final String value = decode(url, pair.substring(eq + 1));
            if (null != options.put(name, value))
            {
                throw new IllegalArgumentException("connection URL option given twice: '" + name + "': " + url);
            }
        }
        return Collections.unmodifiableMap(options);
    }

    private static String decode(final String url, final String text)
    {
        try
        {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("connection URL has a bad %-escape in '" + text + "': " + url, ex);
        }
    }
}
