/**
 * The Aeolus Jakarta Messaging 3.1 client: connection factories, connections, sessions, producers, consumers and
 * destinations.
 */
package io.aeolus.jms;
