/**
 * Management of a running broker: the request/reply protocol on the queue {@code aeolus.management}, the metrics
 * snapshots published on the topic {@code aeolus.metrics}, and the JMX MBeans. Requests are executed on the
 * conductor thread against a {@link io.aeolus.broker.management.ManagedBroker}, the conductor's view of its own
 * state; the JMX thread reaches the conductor only through the {@link io.aeolus.broker.management.ManagementProxy}.
 * Requests and replies are map messages (the {@code PropertiesCodec} map body), so that the broker needs neither
 * {@code jakarta.jms} nor a JSON library to read and write them.
 */
package io.aeolus.broker.management;
