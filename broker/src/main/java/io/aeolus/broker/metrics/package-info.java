/**
 * Prometheus / OpenMetrics over HTTP (Micrometer with its Prometheus registry): per-destination gauges and counters
 * from the management protocol's snapshot, connections per user, and the JVM's memory, GC and threads.
 */
package io.aeolus.broker.metrics;
