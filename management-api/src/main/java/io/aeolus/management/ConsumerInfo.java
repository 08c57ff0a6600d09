package io.aeolus.management;

import java.util.Map;

/**
 * A consumer or queue browser of a client connection as the broker reports it.
 *
 * @param connectionId    the broker's id of its connection.
 * @param sessionId       its session's id.
 * @param consumerId      its id within the connection.
 * @param destination     the destination it consumes from.
 * @param destinationType that destination's type.
 * @param subscription    its subscription's name, empty for a queue or a non-durable, non-shared one.
 * @param selector        its selector, empty for none.
 * @param browser         true for a queue browser.
 * @param prefetch        its prefetch (0 for pull).
 * @param credit          the credit it has left.
 * @param inFlight        messages delivered to it and not yet acknowledged.
 * @param delivered       messages delivered to it.
 * @param acknowledged    messages it acknowledged.
 */
public record ConsumerInfo(long connectionId, long sessionId, long consumerId, String destination,
    String destinationType, String subscription, String selector, boolean browser, int prefetch, int credit,
    int inFlight, long delivered, long acknowledged)
{
    private static final String CONNECTION_ID = "connectionId";
    private static final String SESSION_ID = "sessionId";
    private static final String CONSUMER_ID = "consumerId";
    private static final String DESTINATION = "destination";
    private static final String DESTINATION_TYPE = "destinationType";
    private static final String SUBSCRIPTION = "subscription";
    private static final String SELECTOR = "selector";
    private static final String BROWSER = "browser";
    private static final String PREFETCH = "prefetch";
    private static final String CREDIT = "credit";
    private static final String IN_FLIGHT = "inFlight";
    private static final String DELIVERED = "delivered";
    private static final String ACKNOWLEDGED = "acknowledged";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + CONNECTION_ID, connectionId);
        out.put(prefix + SESSION_ID, sessionId);
        out.put(prefix + CONSUMER_ID, consumerId);
        out.put(prefix + DESTINATION, destination);
        out.put(prefix + DESTINATION_TYPE, destinationType);
        out.put(prefix + SUBSCRIPTION, subscription);
        out.put(prefix + SELECTOR, selector);
        out.put(prefix + BROWSER, browser);
        out.put(prefix + PREFETCH, prefetch);
        out.put(prefix + CREDIT, credit);
        out.put(prefix + IN_FLIGHT, inFlight);
        out.put(prefix + DELIVERED, delivered);
        out.put(prefix + ACKNOWLEDGED, acknowledged);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the consumer written there.
     */
    public static ConsumerInfo read(final Map<String, Object> in, final String prefix)
    {
        return new ConsumerInfo(Reply.longValue(in, prefix + CONNECTION_ID), Reply.longValue(in, prefix + SESSION_ID),
            Reply.longValue(in, prefix + CONSUMER_ID), Reply.string(in, prefix + DESTINATION),
            Reply.string(in, prefix + DESTINATION_TYPE), Reply.string(in, prefix + SUBSCRIPTION),
            Reply.string(in, prefix + SELECTOR), Reply.booleanValue(in, prefix + BROWSER),
            Reply.intValue(in, prefix + PREFETCH), Reply.intValue(in, prefix + CREDIT),
            Reply.intValue(in, prefix + IN_FLIGHT), Reply.longValue(in, prefix + DELIVERED),
            Reply.longValue(in, prefix + ACKNOWLEDGED));
    }
}
