package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.TopicWildcards;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The MQTT gateway's settings. Thread-safe: immutable.
 *
 * @param endpoint             where the server listens on plain TCP, or null for TLS only.
 * @param maxPacketSize        largest packet accepted, in bytes; a larger one closes its connection.
 * @param receiveMaximum       most unacknowledged QoS 1 and 2 publishes a client may send, and most the broker
 *                             sends a client.
 * @param inboundQueueCapacity commands the event loop may queue for the conductor before it stops reading clients.
 * @param remotePasswords      true to accept passwords from other hosts over plain TCP (in clear).
 * @param wildcards            the broker's topic separator and wildcards, for the mapping of names and filters.
 * @param tlsEndpoint          where the server listens with TLS, or null.
 * @param tls                  the TLS settings, null without a TLS endpoint.
 */
public record MqttSettings(
    InetSocketAddress endpoint,
    int maxPacketSize,
    int receiveMaximum,
    int inboundQueueCapacity,
    boolean remotePasswords,
    TopicWildcards wildcards,
    InetSocketAddress tlsEndpoint,
    MqttTls tls)
{
    /**
     * @throws IllegalArgumentException naming a value out of range.
     */
    public MqttSettings
    {
        if (maxPacketSize < 64 || maxPacketSize > 268_435_455)
        {
            throw new IllegalArgumentException("aeolus.broker.mqtt.max.packet.size: 64 bytes to 256 MiB, got " +
                maxPacketSize);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535)
        {
            throw new IllegalArgumentException("aeolus.broker.mqtt.receive.maximum: 1 to 65535, got " +
                receiveMaximum);
        }
        if (null == endpoint && null == tlsEndpoint)
        {
            throw new IllegalArgumentException("aeolus.broker.mqtt.endpoint or " + MqttTls.ENDPOINT +
                ": one is needed");
        }
        if (null != tlsEndpoint && null == tls)
        {
            throw new IllegalArgumentException(MqttTls.ENDPOINT + ": TLS settings missing");
        }
        if (Integer.bitCount(inboundQueueCapacity) != 1 || inboundQueueCapacity < 16)
        {
            throw new IllegalArgumentException("MQTT inbound queue capacity: a power of two of at least 16, got " +
                inboundQueueCapacity);
        }
    }

    /**
     * Settings with a plain TCP endpoint only.
     */
    public MqttSettings(final InetSocketAddress endpoint, final int maxPacketSize, final int receiveMaximum,
        final int inboundQueueCapacity, final boolean remotePasswords, final TopicWildcards wildcards)
    {
        this(endpoint, maxPacketSize, receiveMaximum, inboundQueueCapacity, remotePasswords, wildcards, null, null);
    }

    /** Commands queued for the conductor at most. */
    public static final int INBOUND_QUEUE_CAPACITY = 8192;

    /**
     * Reads the MQTT options.
     *
     * @param option    the value of an option by its property name (default applied).
     * @param wildcards the broker's topic wildcards.
     * @return the settings, or null when {@code aeolus.broker.mqtt.endpoint} and {@code .tls.endpoint} are empty
     *         (the gateway is off).
     * @throws IllegalArgumentException naming a bad option.
     */
    public static MqttSettings resolve(final UnaryOperator<String> option, final TopicWildcards wildcards)
    {
        final String endpoint = option.apply("aeolus.broker.mqtt.endpoint").trim();
        final String tlsEndpoint = option.apply(MqttTls.ENDPOINT).trim();
        if (endpoint.isEmpty() && tlsEndpoint.isEmpty())
        {
            return null;
        }
        final String remote = option.apply("aeolus.broker.mqtt.remote.passwords").trim().toLowerCase(Locale.ROOT);
        if (!remote.equals("true") && !remote.equals("false"))
        {
            throw new IllegalArgumentException("aeolus.broker.mqtt.remote.passwords: expected true or false, got '" +
                remote + "'");
        }
        return new MqttSettings(endpoint.isEmpty() ? null : address("aeolus.broker.mqtt.endpoint", endpoint),
            (int)size("aeolus.broker.mqtt.max.packet.size", option),
            (int)number("aeolus.broker.mqtt.receive.maximum", option), INBOUND_QUEUE_CAPACITY,
            remote.equals("true"), wildcards, tlsEndpoint.isEmpty() ? null : address(MqttTls.ENDPOINT, tlsEndpoint),
            tlsEndpoint.isEmpty() ? null : MqttTls.resolve(option));
    }

    private static InetSocketAddress address(final String name, final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        int port = -1;
        try
        {
            port = colon <= 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            port = -1;
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException(name + ": expected host:port, got '" + endpoint + "'");
        }
        final String host = endpoint.substring(0, colon);
        final InetSocketAddress address = new InetSocketAddress(
            host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
        if (address.isUnresolved())
        {
            throw new IllegalArgumentException(name + ": unknown host in '" + endpoint + "'");
        }
        return address;
    }

    private static long size(final String name, final UnaryOperator<String> option)
    {
        final String text = option.apply(name).trim().toLowerCase(Locale.ROOT);
        final long unit = text.endsWith("k") ? 1024 : text.endsWith("m") ? 1024 * 1024 : 1;
        final String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try
        {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(name + ": expected a size such as 1m or 65536, got '" + text + "'",
                ex);
        }
    }

    private static long number(final String name, final UnaryOperator<String> option)
    {
        final String text = option.apply(name).trim();
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + ": expected a number, got '" + text + "'", ex);
        }
    }
}
