package io.aeolus.management;

import java.util.Map;

/**
 * A producer of a client connection as the broker reports it.
 *
 * @param connectionId    the broker's id of its connection.
 * @param sessionId       its session's id.
 * @param producerId      its id within the connection.
 * @param destination     the destination it is bound to, empty for an anonymous producer.
 * @param destinationType that destination's type.
 */
public record ProducerInfo(long connectionId, long sessionId, long producerId, String destination,
    String destinationType)
{
    private static final String CONNECTION_ID = "connectionId";
    private static final String SESSION_ID = "sessionId";
    private static final String PRODUCER_ID = "producerId";
    private static final String DESTINATION = "destination";
    private static final String DESTINATION_TYPE = "destinationType";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + CONNECTION_ID, connectionId);
        out.put(prefix + SESSION_ID, sessionId);
        out.put(prefix + PRODUCER_ID, producerId);
        out.put(prefix + DESTINATION, destination);
        out.put(prefix + DESTINATION_TYPE, destinationType);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the producer written there.
     */
    public static ProducerInfo read(final Map<String, Object> in, final String prefix)
    {
        return new ProducerInfo(Reply.longValue(in, prefix + CONNECTION_ID), Reply.longValue(in, prefix + SESSION_ID),
            Reply.longValue(in, prefix + PRODUCER_ID), Reply.string(in, prefix + DESTINATION),
            Reply.string(in, prefix + DESTINATION_TYPE));
    }
}
