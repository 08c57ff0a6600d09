package io.aeolus.jms.admin;

/**
 * A consumer or queue browser as the broker reports it.
 *
 * @param connectionId    the broker's id of its connection.
 * @param sessionId       the client's id of its session.
 * @param consumerId      the client's id of the consumer.
 * @param destination     the queue or topic it consumes from.
 * @param destinationType QUEUE, TOPIC, TEMPORARY_QUEUE or TEMPORARY_TOPIC.
 * @param subscription    for a durable or shared subscriber, the subscription's name; empty otherwise.
 * @param selector        its message selector (a subscriber's is its subscription's), empty if none.
 * @param browser         true for a queue browser.
 * @param prefetch        how many messages it may hold ahead of the application; 0 for pull.
 * @param credit          messages the broker may still send it now.
 * @param inFlight        deliveries it holds unacknowledged.
 * @param delivered       messages delivered to it (browsed, for a browser).
 * @param acknowledged    its deliveries acknowledged.
 */
public record ConsumerInfo(long connectionId, long sessionId, long consumerId, String destination,
    String destinationType, String subscription, String selector, boolean browser, int prefetch, int credit,
    int inFlight, long delivered, long acknowledged)
{
}
