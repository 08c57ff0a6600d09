package io.aeolus.broker.engine;

import io.aeolus.transport.codecs.DestinationType;

/**
 * A producer as the broker knows it: the session it belongs to (so that closing the session forgets it) and the
 * destination it was created for. Created and dropped with the producer, never on the send path. Conductor thread
 * only.
 *
 * @param sessionId       the client's session.
 * @param destinationType the destination's type, {@link DestinationType#NONE} for an anonymous producer.
 * @param destination     the destination's name, empty for an anonymous producer.
 */
record ProducerState(long sessionId, DestinationType destinationType, String destination)
{
}
