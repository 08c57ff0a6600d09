package io.aeolus.management;

import java.util.Map;

/**
 * A durable or shared subscription as the broker reports it.
 *
 * @param topic     its topic.
 * @param name      its name.
 * @param clientId  its subscriber's client id, empty for a shared one made without.
 * @param durable   true if it is durable.
 * @param shared    true if it is shared.
 * @param selector  its selector, empty for none.
 * @param backlog   messages waiting (scheduled and paged out included).
 * @param inFlight  messages delivered and not yet acknowledged.
 * @param consumers its active consumers.
 */
public record SubscriptionInfo(String topic, String name, String clientId, boolean durable, boolean shared,
    String selector, long backlog, int inFlight, int consumers)
{
    private static final String TOPIC = "topic";
    private static final String NAME = "name";
    private static final String CLIENT_ID = "clientId";
    private static final String DURABLE = "durable";
    private static final String SHARED = "shared";
    private static final String SELECTOR = "selector";
    private static final String BACKLOG = "backlog";
    private static final String IN_FLIGHT = "inFlight";
    private static final String CONSUMERS = "consumers";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + TOPIC, topic);
        out.put(prefix + NAME, name);
        out.put(prefix + CLIENT_ID, clientId);
        out.put(prefix + DURABLE, durable);
        out.put(prefix + SHARED, shared);
        out.put(prefix + SELECTOR, selector);
        out.put(prefix + BACKLOG, backlog);
        out.put(prefix + IN_FLIGHT, inFlight);
        out.put(prefix + CONSUMERS, consumers);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the subscription written there.
     */
    public static SubscriptionInfo read(final Map<String, Object> in, final String prefix)
    {
        return new SubscriptionInfo(Reply.string(in, prefix + TOPIC), Reply.string(in, prefix + NAME),
            Reply.string(in, prefix + CLIENT_ID), Reply.booleanValue(in, prefix + DURABLE),
            Reply.booleanValue(in, prefix + SHARED), Reply.string(in, prefix + SELECTOR),
            Reply.longValue(in, prefix + BACKLOG), Reply.intValue(in, prefix + IN_FLIGHT),
            Reply.intValue(in, prefix + CONSUMERS));
    }
}
