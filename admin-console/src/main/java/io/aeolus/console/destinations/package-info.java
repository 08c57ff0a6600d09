/**
 * The Destinations tab: every queue and topic with depth, in-flight, consumers and counters, filtered and
 * sorted, updated live from the metrics stream in batches so it stays smooth with tens of thousands of rows.
 */
package io.aeolus.console.destinations;
