package io.aeolus.broker.bridge;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bridge's configuration, read from the broker's options:
 * <pre>
 * aeolus.bridge.&lt;name&gt;.source.jndi.&lt;key&gt;=value      (JNDI environment of the source side)
 * aeolus.bridge.&lt;name&gt;.source.connection.factory=ConnectionFactory   (JNDI name; the default)
 * aeolus.bridge.&lt;name&gt;.source.destination=queue:orders  (or topic:name with source.subscription)
 * aeolus.bridge.&lt;name&gt;.source.subscription=bridge1      (topic source: shared durable subscription)
 * aeolus.bridge.&lt;name&gt;.source.user / .source.password
 * aeolus.bridge.&lt;name&gt;.target.*                         (the same, without subscription)
 * aeolus.bridge.&lt;name&gt;.selector=region = 'EU'           (optional)
 * aeolus.bridge.&lt;name&gt;.mode=at-least-once               (the only mode so far)
 * aeolus.bridge.&lt;name&gt;.id.property=AEOLUS_BRIDGE_MESSAGE_ID
 * aeolus.bridge.&lt;name&gt;.duplicate.window=10000
 * aeolus.bridge.&lt;name&gt;.reconnect.delay=100ms / .reconnect.max.delay=30s
 * </pre>
 * Bad input throws {@link IllegalArgumentException} naming the key. Immutable.
 *
 * @param name                  the bridge's name.
 * @param source                where messages are taken from.
 * @param target                where they are sent.
 * @param selector              the message selector on the source, or null.
 * @param idProperty            the string property set on each forwarded message to the source's message id.
 * @param duplicateWindow       how many forwarded message ids the bridge remembers to drop redeliveries.
 * @param reconnectDelayMs      the first back-off delay after a failure.
 * @param reconnectMaxDelayMs   the longest back-off delay (the delay doubles up to it).
 */
public record BridgeConfig(
    String name,
    BridgeEndpoint source,
    BridgeEndpoint target,
    String selector,
    String idProperty,
    int duplicateWindow,
    long reconnectDelayMs,
    long reconnectMaxDelayMs)
{
    /** Prefix of every bridge option. */
    public static final String KEY_PREFIX = "aeolus.bridge.";

    /** The one delivery mode so far. */
    public static final String MODE_AT_LEAST_ONCE = "at-least-once";

    /** Default of {@code id.property}. */
    public static final String DEFAULT_ID_PROPERTY = "AEOLUS_BRIDGE_MESSAGE_ID";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    /**
     * Checks the parts.
     */
    public BridgeConfig
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(idProperty, "idProperty");
    }

    /**
     * @param key an option name.
     * @return whether it is a bridge option.
     */
    public static boolean isBridgeKey(final String key)
    {
        return key.startsWith(KEY_PREFIX);
    }

    /**
     * Reads every bridge in the options (other options are ignored), in name order.
     *
     * @param options the broker's options (config file, system properties).
     * @return the bridges by name.
     * @throws IllegalArgumentException naming the bad key.
     */
    public static Map<String, BridgeConfig> parseAll(final Properties options)
    {
        final TreeMap<String, Map<String, String>> byName = new TreeMap<>();
        for (final String key : new java.util.TreeSet<>(options.stringPropertyNames()))
        {
            if (!isBridgeKey(key))
            {
                continue;
            }
            final int dot = key.indexOf('.', KEY_PREFIX.length());
            if (dot < 0 || dot == KEY_PREFIX.length() || dot == key.length() - 1)
            {
                throw new IllegalArgumentException("unknown option '" + key + "': a bridge's key is " + KEY_PREFIX +
                    "<name>.<option>");
            }
            byName.computeIfAbsent(key.substring(KEY_PREFIX.length(), dot), (n) -> new TreeMap<>())
                .put(key.substring(dot + 1), options.getProperty(key));
        }
        final Map<String, BridgeConfig> bridges = new TreeMap<>();
        for (final Map.Entry<String, Map<String, String>> entry : byName.entrySet())
        {
            bridges.put(entry.getKey(), parse(entry.getKey(), entry.getValue()));
        }
        return bridges;
    }

    /**
     * Reads one bridge from its options (keys without the {@code aeolus.bridge.<name>.} prefix), as the config file
     * and the management operation "create bridge" give them.
     *
     * @param name    the bridge's name.
     * @param options its options.
     * @return the bridge.
     * @throws IllegalArgumentException naming the bad key.
     */
    public static BridgeConfig parse(final String name, final Map<String, String> options)
    {
        if (null == name || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("bridge name '" + name + "': use letters, digits, '-' and '_'");
        }
        final String prefix = KEY_PREFIX + name + ".";
        final Map<String, String> source = new TreeMap<>();
        final Map<String, String> target = new TreeMap<>();
        for (final Map.Entry<String, String> entry : options.entrySet())
        {
            final String key = entry.getKey();
            final String value = Objects.requireNonNull(entry.getValue(), key).trim();
            if (key.startsWith("source."))
            {
                source.put(key.substring("source.".length()), value);
            }
            else if (key.startsWith("target."))
            {
                target.put(key.substring("target.".length()), value);
            }
            else if (!key.equals("selector") && !key.equals("mode") && !key.equals("id.property") &&
                !key.equals("duplicate.window") && !key.equals("reconnect.delay") &&
                !key.equals("reconnect.max.delay"))
            {
                throw new IllegalArgumentException("unknown option '" + prefix + key + "': a bridge's options are " +
                    "source.*, target.*, selector, mode, id.property, duplicate.window, reconnect.delay, " +
                    "reconnect.max.delay");
            }
        }
        final String mode = options.getOrDefault("mode", MODE_AT_LEAST_ONCE).trim();
        if (!MODE_AT_LEAST_ONCE.equals(mode))
        {
            throw new IllegalArgumentException(prefix + "mode: '" + mode + "' is not a bridge mode; the mode is " +
                MODE_AT_LEAST_ONCE + " (exactly-once through XA is not built yet)");
        }
        final String selector = blankToNull(options.get("selector"));
        final String idProperty = options.getOrDefault("id.property", DEFAULT_ID_PROPERTY).trim();
        if (!IDENTIFIER.matcher(idProperty).matches() || idProperty.startsWith("JMS"))
        {
            throw new IllegalArgumentException(prefix + "id.property: '" + idProperty + "' is not a valid " +
                "message property name (a Java identifier not starting with JMS)");
        }
        final int window = (int)positive(prefix + "duplicate.window", options.getOrDefault("duplicate.window",
            "10000"), 10_000_000);
        final long delayMs = durationMs(prefix + "reconnect.delay", options.getOrDefault("reconnect.delay", "100ms"));
        final long maxDelayMs = durationMs(prefix + "reconnect.max.delay",
            options.getOrDefault("reconnect.max.delay", "30s"));
        if (maxDelayMs < delayMs)
        {
            throw new IllegalArgumentException(prefix + "reconnect.max.delay (" + maxDelayMs + " ms) is below " +
                prefix + "reconnect.delay (" + delayMs + " ms)");
        }
        final BridgeEndpoint from = endpoint(prefix + "source.", source, true);
        final BridgeEndpoint to = endpoint(prefix + "target.", target, false);
        return new BridgeConfig(name, from, to, selector, idProperty, window, delayMs, maxDelayMs);
    }

    private static BridgeEndpoint endpoint(final String prefix, final Map<String, String> options,
        final boolean isSource)
    {
        final Map<String, String> jndi = new TreeMap<>();
        for (final Map.Entry<String, String> entry : options.entrySet())
        {
            final String key = entry.getKey();
            if (key.startsWith("jndi."))
            {
                if (key.length() == "jndi.".length())
                {
                    throw new IllegalArgumentException("unknown option '" + prefix + key + "': name the JNDI " +
                        "setting, e.g. " + prefix + "jndi.java.naming.factory.initial");
                }
                jndi.put(key.substring("jndi.".length()), entry.getValue());
            }
            else if (!key.equals("connection.factory") && !key.equals("destination") && !key.equals("user") &&
                !key.equals("password") && !(isSource && key.equals("subscription")))
            {
                throw new IllegalArgumentException("unknown option '" + prefix + key + "': the options of a " +
                    (isSource ? "source are jndi.*, connection.factory, destination, subscription, user, password" :
                    "target are jndi.*, connection.factory, destination, user, password"));
            }
        }
        final String destination = options.get("destination");
        final BridgeEndpoint.DestinationType type = destinationType(prefix, destination);
        final String destinationName = destination.substring(destination.indexOf(':') + 1);
        if (destinationName.isEmpty())
        {
            throw new IllegalArgumentException(prefix + "destination: '" + destination + "' names no destination");
        }
        final String subscription = blankToNull(options.get("subscription"));
        if (isSource && type == BridgeEndpoint.DestinationType.TOPIC && null == subscription)
        {
            throw new IllegalArgumentException(prefix + "subscription is missing: a topic source is consumed " +
                "through a shared durable subscription, so that nothing published while the bridge is down is lost");
        }
        if (type == BridgeEndpoint.DestinationType.QUEUE && null != subscription)
        {
            throw new IllegalArgumentException(prefix + "subscription: only a topic source has a subscription");
        }
        final String factory = options.getOrDefault("connection.factory", "ConnectionFactory");
        if (factory.isEmpty())
        {
            throw new IllegalArgumentException(prefix + "connection.factory is empty: give the JNDI name");
        }
        final String user = blankToNull(options.get("user"));
        final String password = options.get("password");
        if (null != password && null == user)
        {
            throw new IllegalArgumentException(prefix + "password is set without " + prefix + "user");
        }
        return new BridgeEndpoint(jndi, factory, type, destinationName, user, password, subscription);
    }

    private static BridgeEndpoint.DestinationType destinationType(final String prefix, final String destination)
    {
        if (null == destination || destination.isEmpty())
        {
            throw new IllegalArgumentException(prefix + "destination is missing: queue:<name> or topic:<name>");
        }
        if (destination.startsWith("queue:"))
        {
            return BridgeEndpoint.DestinationType.QUEUE;
        }
        if (destination.startsWith("topic:"))
        {
            return BridgeEndpoint.DestinationType.TOPIC;
        }
        throw new IllegalArgumentException(prefix + "destination: '" + destination + "' must be " +
            "queue:<name> or topic:<name>");
    }

    private static long positive(final String key, final String value, final long max)
    {
        try
        {
            final long n = Long.parseLong(value.trim());
            if (n < 1 || n > max)
            {
                throw new IllegalArgumentException(key + ": " + value + " is out of range 1.." + max);
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a number", ex);
        }
    }

    static long durationMs(final String key, final String value)
    {
        final Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches())
        {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a duration (e.g. 250ms, 5s, 1m, 1h)");
        }
        final long n = Long.parseLong(matcher.group(1));
        final long ms = switch (matcher.group(2))
        {
            case "ms" -> n;
            case "s" -> n * 1000L;
            case "m" -> n * 60_000L;
            default -> n * 3_600_000L;
        };
        if (ms < 1)
        {
            throw new IllegalArgumentException(key + ": '" + value + "' must be at least 1ms");
        }
        return ms;
    }

    private static String blankToNull(final String value)
    {
        return null == value || value.isBlank() ? null : value.trim();
    }
}
