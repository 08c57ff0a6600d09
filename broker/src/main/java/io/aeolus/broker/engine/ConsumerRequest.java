package io.aeolus.broker.engine;

import io.aeolus.transport.codecs.DestinationType;

/**
 * The fields of a request to create a consumer.
 *
 * @param correlationId    the request's correlation id.
 * @param sessionId        the client's session.
 * @param consumerId       the client's id for the consumer.
 * @param destinationType  queue, topic or a temporary one.
 * @param destination      the destination's name.
 * @param selector         the selector, null or empty for none.
 * @param subscriptionName a durable or shared subscription's name, else empty.
 * @param prefetch         messages it may hold; 0 to pull.
 * @param noLocal          skip its own connection's messages.
 * @param durable          a durable subscription.
 * @param shared           a shared subscription.
 * @param browser          a queue browser.
 */
public record ConsumerRequest(
    long correlationId,
    long sessionId,
    long consumerId,
    DestinationType destinationType,
    String destination,
    String selector,
    String subscriptionName,
    int prefetch,
    boolean noLocal,
    boolean durable,
    boolean shared,
    boolean browser)
{
}
