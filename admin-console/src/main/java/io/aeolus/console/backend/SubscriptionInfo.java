package io.aeolus.console.backend;

/**
 * A durable or shared topic subscription; immutable.
 *
 * @param topic     the topic subscribed to.
 * @param name      the subscription name.
 * @param clientId  the subscriber's client id, empty when none (shared subscriptions need none).
 * @param durable   true when it outlives its consumers and broker restarts.
 * @param shared    true when several consumers share it.
 * @param selector  its message selector, empty when none.
 * @param backlog   messages waiting for it.
 * @param inFlight  messages delivered and not yet acknowledged.
 * @param consumers consumers attached.
 */
public record SubscriptionInfo(
    String topic,
    String name,
    String clientId,
    boolean durable,
    boolean shared,
    String selector,
    long backlog,
    int inFlight,
    int consumers)
{
}
