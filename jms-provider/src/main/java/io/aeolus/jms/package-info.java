/**
 * The Aeolus Jakarta Messaging 3.1 client: connection factories, connections, sessions, producers, consumers and
 * destinations, and the simplified API's contexts, producers and consumers over them.
 */
package io.aeolus.jms;
