package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.TopicWildcards;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The MQTT gateway's settings. Thread-safe: immutable.
 *
 * @param endpoint             where the server listens.
 * @param maxPacketSize        largest packet accepted, in bytes; a larger one closes its connection.
 * @param receiveMaximum       most unacknowledged QoS 1 and 2 publishes a client may send, and most the broker
 *                             sends a client.
 * @param inboundQueueCapacity commands the event loop may queue for the conductor before it stops reading clients.
 * @param remotePasswords      true to accept passwords from other hosts over plain TCP (in clear).
 * @param wildcards            the broker's topic separator and wildcards, for the mapping of names and filters.
 */
public record MqttSettings(
    InetSocketAddress endpoint,
    int maxPacketSize,
    int receiveMaximum,
    int inboundQueueCapacity,
    boolean remotePasswords,
    TopicWildcards wildcards)
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
        if (Integer.bitCount(inboundQueueCapacity) != 1 || inboundQueueCapacity < 16)
        {
            throw new IllegalArgumentException("MQTT inbound queue capacity: a power of two of at least 16, got " +
                inboundQueueCapacity);
        }
    }

    /** Commands queued for the conductor at most. */
    public static final int INBOUND_QUEUE_CAPACITY = 8192;

    /**
     * Reads the MQTT options.
     *
     * @param option    the value of an option by its property name (default applied).
     * @param wildcards the broker's topic wildcards.
     * @return the settings, or null when {@code aeolus.broker.mqtt.endpoint} is empty (the gateway is off).
     * @throws IllegalArgumentException naming a bad option.
     */
    public static MqttSettings resolve(final UnaryOperator<String> option, final TopicWildcards wildcards)
    {
        final String endpoint = option.apply("aeolus.broker.mqtt.endpoint").trim();
        if (endpoint.isEmpty())
        {
            return null;
        }
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
            throw new IllegalArgumentException("aeolus.broker.mqtt.endpoint: expected host:port, got '" + endpoint +
                "'");
        }
        final String host = endpoint.substring(0, colon);
        final InetSocketAddress address = new InetSocketAddress(
            host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
        if (address.isUnresolved())
        {
            throw new IllegalArgumentException("aeolus.broker.mqtt.endpoint: unknown host in '" + endpoint + "'");
        }
        final String remote = option.apply("aeolus.broker.mqtt.remote.passwords").trim().toLowerCase(Locale.ROOT);
        if (!remote.equals("true") && !remote.equals("false"))
        {
            throw new IllegalArgumentException("aeolus.broker.mqtt.remote.passwords: expected true or false, got '" +
                remote + "'");
        }
        return new MqttSettings(address, (int)size("aeolus.broker.mqtt.max.packet.size", option),
            (int)number("aeolus.broker.mqtt.receive.maximum", option), INBOUND_QUEUE_CAPACITY,
            remote.equals("true"), wildcards);
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
