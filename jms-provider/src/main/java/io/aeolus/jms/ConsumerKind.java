package io.aeolus.jms;

/**
 * What kind of consumer a session asks the broker for.
 *
 * @param selector         message selector, or null.
 * @param noLocal          skip messages published by this connection.
 * @param durable          a durable subscription.
 * @param shared           a shared subscription.
 * @param browser          a queue browser.
 * @param subscriptionName the subscription's name, for durable or shared ones.
 */
record ConsumerKind(String selector, boolean noLocal, boolean durable, boolean shared, boolean browser,
    String subscriptionName)
{
    static ConsumerKind plain(final String selector, final boolean noLocal)
    {
        return new ConsumerKind(selector, noLocal, false, false, false, null);
    }
}
