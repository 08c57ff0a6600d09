package io.aeolus.jms.admin;

/**
 * A producer as the broker reports it.
 *
 * @param connectionId    the broker's id of its connection.
 * @param sessionId       the client's id of its session.
 * @param producerId      the client's id of the producer.
 * @param destination     the destination it was created for, empty for an anonymous producer.
 * @param destinationType QUEUE, TOPIC, TEMPORARY_QUEUE or TEMPORARY_TOPIC; NONE for an anonymous producer.
 */
public record ProducerInfo(long connectionId, long sessionId, long producerId, String destination,
    String destinationType)
{
}
