/**
 * The H2 journal: destinations, persistent messages, acknowledgements, durable subscriptions and transactions,
 * written in group commits by one journal thread. Knows nothing of JMS or of the wire codecs.
 */
package io.aeolus.store;
