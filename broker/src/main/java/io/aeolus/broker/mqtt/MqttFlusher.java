package io.aeolus.broker.mqtt;

import java.util.ArrayList;

/**
 * Writes the gateway's hot packets (PUBLISH deliveries, PUBACK and PUBREC) to the clients' channels without flushing
 * each one, and flushes every channel written to once per conductor duty cycle ({@link #flush()}, at the end of
 * the cycle). A flush is a socket write (a system call) on the channel's event loop: one per packet was what a
 * QoS 1 stream paid, where a duty cycle's PUBACKs for a journal batch and its deliveries up to the subscriber's window
 * can share one. Netty keeps the order of writes and flushes made from one thread, so the other packets (CONNACK,
 * SUBACK, DISCONNECT), still written and flushed at once, flush what was written before them too. Conductor thread
 * only.
 */
final class MqttFlusher
{
    private final ArrayList<MqttSession> written = new ArrayList<>();

    /**
     * Writes a packet to a session's channel; it goes out at the next {@link #flush()}.
     *
     * @param session the client's session.
     * @param packet  the packet.
     */
    void write(final MqttSession session, final Object packet)
    {
        session.channel.write(packet);
        if (!session.flushPending)
        {
            session.flushPending = true;
            written.add(session);
        }
    }

    /**
     * Flushes every channel written to since the last call.
     *
     * @return how many channels were flushed.
     */
    int flush()
    {
        final int count = written.size();
        for (int i = 0; i < count; i++)
        {
            final MqttSession session = written.get(i);
            session.flushPending = false;
            session.channel.flush();
        }
        written.clear();
        return count;
    }
}
