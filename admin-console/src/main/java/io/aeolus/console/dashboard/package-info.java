/**
 * The Dashboard tab: broker-wide inbound and outbound message rates over the last five minutes, fed by the
 * metrics stream, headline figures (connections, destinations, total depth) and the deepest and busiest
 * destinations, leaving out system destinations unless asked to show them.
 */
package io.aeolus.console.dashboard;
