/**
 * The Destinations tab: every queue and topic with depth, in-flight, consumers and counters, filtered and
 * sorted, updated live from the metrics stream in batches so it stays smooth with tens of thousands of rows; and the
 * detail of the selected destination: its history chart, purge with confirmation and undo, and bulk operations.
 */
package io.aeolus.console.destinations;
