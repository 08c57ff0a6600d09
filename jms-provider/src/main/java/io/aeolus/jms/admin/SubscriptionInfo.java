package io.aeolus.jms.admin;

/**
 * A durable or shared subscription as the broker reports it.
 *
 * @param topic     the topic.
 * @param name      the subscription name.
 * @param clientId  the subscriber's client id, empty if none.
 * @param durable   true if it survives its consumers and restarts.
 * @param shared    true if consumers share it.
 * @param selector  its message selector, empty if none.
 * @param backlog   messages waiting for it.
 * @param inFlight  messages delivered and not yet acknowledged.
 * @param consumers consumers attached.
 */
public record SubscriptionInfo(String topic, String name, String clientId, boolean durable, boolean shared,
    String selector, long backlog, int inFlight, int consumers)
{
}
