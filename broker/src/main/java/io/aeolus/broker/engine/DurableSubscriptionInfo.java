package io.aeolus.broker.engine;

/**
 * What the journal records of a durable subscription besides its queue.
 *
 * @param clientId         the subscriber's client id, empty if none.
 * @param subscriptionName the subscription's name.
 * @param noLocal          whether it skips its own connection's messages.
 * @param shared           whether consumers share it.
 */
record DurableSubscriptionInfo(String clientId, String subscriptionName, boolean noLocal, boolean shared)
{
}
