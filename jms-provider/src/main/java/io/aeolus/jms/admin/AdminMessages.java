package io.aeolus.jms.admin;

import io.aeolus.management.MessageDetail;
import jakarta.jms.JMSException;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * Per-message work through an {@link AdminClient} that the broker has no single operation for: resending chosen
 * messages of a queue to any queue or topic, as new messages with the same body, headers and properties (new
 * JMSMessageIDs; the originals stay). Needs {@code browse} on the queue and {@code send} on the destination.
 */
public final class AdminMessages
{
    private static final int SLICE_BYTES = 4 * 1024 * 1024;

    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminMessages(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * Sends chosen messages of a queue again to a destination, each read in full first. A message no longer waiting
     * is skipped.
     *
     * @param queue       the queue they wait in.
     * @param messageIds  their JMSMessageIDs; at least one.
     * @param destination the queue or topic to send them to.
     * @param topic       true if the destination is a topic.
     * @return messages sent.
     * @throws JMSException if a call fails, or the broker refuses a message.
     * @throws IllegalArgumentException if no id or no destination is given.
     */
    public int resend(final String queue, final List<String> messageIds, final String destination,
        final boolean topic) throws JMSException
    {
        if (null == messageIds || messageIds.isEmpty())
        {
            throw new IllegalArgumentException("name at least one message id to resend from '" + queue + "'");
        }
        if (null == destination || destination.isBlank())
        {
            throw new IllegalArgumentException("name the destination to resend to");
        }
        int sent = 0;
        for (final String id : messageIds)
        {
            final NewMessage message = read(queue, id);
            if (null != message)
            {
                client.sendMessage(destination, topic, message);
                sent++;
            }
        }
        return sent;
    }

    private NewMessage read(final String queue, final String id) throws JMSException
    {
        MessageDetail detail;
        try
        {
            detail = client.getMessage(queue, id, 0, SLICE_BYTES);
        }
        catch (final JMSException ex)
        {
            if ("UNKNOWN_MESSAGE".equals(ex.getErrorCode()))
            {
                return null; // consumed or removed meanwhile
            }
            throw ex;
        }
        final ByteArrayOutputStream body = new ByteArrayOutputStream(detail.bodySize());
        body.writeBytes(detail.body());
        while (!detail.isLastSlice() && detail.body().length > 0)
        {
            detail = client.getMessage(queue, id, detail.bodyOffset() + detail.body().length, SLICE_BYTES);
            body.writeBytes(detail.body());
        }
        final NewMessage message = NewMessage.encoded(detail.bodyType(), body.toByteArray())
            .persistent(detail.persistent())
            .priority(detail.priority());
        if (null != detail.type() && !detail.type().isEmpty())
        {
            message.jmsType(detail.type());
        }
        if (null != detail.correlationIdBytes())
        {
            message.correlationIdBytes(detail.correlationIdBytes());
        }
        else if (null != detail.correlationId() && !detail.correlationId().isEmpty())
        {
            message.correlationId(detail.correlationId());
        }
        if (null != detail.replyTo() && !detail.replyTo().isEmpty() && !"NONE".equals(detail.replyToType()))
        {
            message.replyTo(detail.replyTo(), detail.replyToType().endsWith("TOPIC"));
        }
        for (final Map.Entry<String, Object> property : detail.properties().entrySet())
        {
            message.property(property.getKey(), property.getValue());
        }
        return message;
    }
}
