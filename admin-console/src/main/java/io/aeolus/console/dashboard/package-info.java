/**
 * The Dashboard tab: broker-wide inbound and outbound message rates over the last five minutes, fed by the
 * metrics stream, and headline figures (connections, destinations, total depth).
 */
package io.aeolus.console.dashboard;
