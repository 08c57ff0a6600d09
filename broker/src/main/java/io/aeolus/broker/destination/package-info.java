/**
 * Destinations and what lives in them: queues, topics and their subscriptions (each a {@link
 * io.aeolus.broker.destination.MessageQueue}), the messages, the consumers they are dispatched to, the per-destination
 * policies (redelivery, dead letters, expiry, memory limits, creation on first use) and the timer wheel that holds
 * delayed messages. Owned by the broker conductor's thread; nothing here is thread-safe except the policies, which are
 * immutable once the broker has started.
 */
package io.aeolus.broker.destination;
