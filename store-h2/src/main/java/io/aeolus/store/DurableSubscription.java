package io.aeolus.store;

/**
 * A durable subscription definition. Its messages are the references in the reference queue named {@code queue},
 * which shares one name space with the queues of point-to-point destinations (so the broker derives a name that
 * cannot clash, for example from the client id and subscription name).
 *
 * @param queue            the name of the subscription's reference queue; the key of the subscription.
 * @param clientId         the JMS client id, or null for a shared subscription without one.
 * @param subscriptionName the JMS subscription name.
 * @param topic            the topic subscribed to.
 * @param selector         the message selector, or null for none.
 * @param isNoLocal        true if messages published on the subscriber's own connection are not delivered.
 * @param isShared         true for a shared durable subscription (JMS 2).
 */
public record DurableSubscription(
    String queue,
    String clientId,
    String subscriptionName,
    String topic,
    String selector,
    boolean isNoLocal,
    boolean isShared)
{
    /**
     * Checks the fields.
     *
     * @param queue            not null.
     * @param clientId         may be null.
     * @param subscriptionName not null.
     * @param topic            not null.
     * @param selector         may be null.
     * @param isNoLocal        noLocal flag.
     * @param isShared         shared flag.
     */
    public DurableSubscription
    {
        Destination.requireName(queue, "queue");
        if (null != clientId)
        {
            Destination.requireName(clientId, "clientId");
        }
        Destination.requireName(subscriptionName, "subscriptionName");
        Destination.requireName(topic, "topic");
    }
}
