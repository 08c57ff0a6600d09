/**
 * The Java client of the broker's management protocol: {@link io.aeolus.jms.admin.AdminClient} sends requests to
 * the queue {@code aeolus.management} over an ordinary JMS connection and returns the typed records of
 * {@code io.aeolus.management}, the contract it shares with the broker; it also delivers the metrics snapshots the
 * broker publishes on {@code aeolus.metrics}, and exports and imports a queue's messages through a
 * {@link io.aeolus.jms.admin.MessageFile}, on the client side, with the same requests. The admin console and the
 * tests use it.
 */
package io.aeolus.jms.admin;
