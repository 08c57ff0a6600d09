/**
 * Destinations and what lives in them: queues, topics and their subscriptions (each a {@link
 * io.aeolus.broker.destination.MessageQueue}), the messages, and the consumers they are dispatched to. Owned by the
 * broker conductor's thread; nothing here is thread-safe.
 */
package io.aeolus.broker.destination;
