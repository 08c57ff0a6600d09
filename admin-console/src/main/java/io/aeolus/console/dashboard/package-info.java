/**
 * The Dashboard tab: the broker's depth and inbound and outbound message rates over a chosen range (1 minute to
 * 24 hours, from the broker's metrics history, carried on live for the short ranges), headline figures (connections,
 * destinations, total depth) and the deepest and busiest destinations, leaving out system destinations unless asked
 * to show them.
 */
package io.aeolus.console.dashboard;
