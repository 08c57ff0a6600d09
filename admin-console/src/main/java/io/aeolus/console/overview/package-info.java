/**
 * The Broker tab: the broker as a whole (version, start and uptime, heap, journal, clients and destinations) from the
 * management's status operation.
 */
package io.aeolus.console.overview;
