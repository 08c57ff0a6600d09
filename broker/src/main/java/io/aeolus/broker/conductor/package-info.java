/**
 * The broker's single-threaded engine: the conductor agent that polls the ingress, owns every connection, session,
 * destination, consumer and delivery, runs the timers, and answers each client on its own egress publication.
 */
package io.aeolus.broker.conductor;
