/**
 * The Connections tab: every client connection with its client id, address, user and session, consumer and
 * producer counts; the selected one's sessions, consumers and producers in a details pane; and closing one after
 * confirmation (the console's own connection cannot be closed from here).
 */
package io.aeolus.console.connections;
