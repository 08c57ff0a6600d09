package io.aeolus.broker.bridge;

import java.util.Map;
import java.util.Objects;

/**
 * One side of a bridge: how to reach the provider (a JNDI environment and the name of a connection factory in it),
 * the credentials to connect with, and the destination. Immutable.
 *
 * @param jndiEnvironment        the JNDI environment ({@code java.naming.factory.initial} and the provider's own
 *                               entries); empty means {@code jndi.properties} on the class path.
 * @param connectionFactoryName  the JNDI name of the connection factory.
 * @param destinationType        queue or topic.
 * @param destinationName        the destination's name, as the provider knows it.
 * @param user                   the user to connect as, or null for the factory's default.
 * @param password               the password, or null.
 * @param subscriptionName       for a topic source: the shared durable subscription the bridge consumes from.
 */
public record BridgeEndpoint(
    Map<String, String> jndiEnvironment,
    String connectionFactoryName,
    DestinationType destinationType,
    String destinationName,
    String user,
    String password,
    String subscriptionName)
{
    /**
     * Queue or topic.
     */
    public enum DestinationType
    {
        /** A queue. */
        QUEUE,
        /** A topic. */
        TOPIC
    }

    /**
     * Checks the required parts.
     */
    public BridgeEndpoint
    {
        jndiEnvironment = Map.copyOf(Objects.requireNonNull(jndiEnvironment, "jndiEnvironment"));
        Objects.requireNonNull(connectionFactoryName, "connectionFactoryName");
        Objects.requireNonNull(destinationType, "destinationType");
        Objects.requireNonNull(destinationName, "destinationName");
    }

    /**
     * @return the destination as the config writes it: {@code queue:name} or {@code topic:name}.
     */
    public String destination()
    {
        return (destinationType == DestinationType.QUEUE ? "queue:" : "topic:") + destinationName;
    }

    /**
     * @return the endpoint described without its password.
     */
    public String toString()
    {
        return destination() + " via " + connectionFactoryName +
            (jndiEnvironment.containsKey("java.naming.factory.initial") ?
            " (" + jndiEnvironment.get("java.naming.factory.initial") + ")" : "");
    }
}
