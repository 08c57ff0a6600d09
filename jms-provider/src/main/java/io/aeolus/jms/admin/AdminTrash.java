package io.aeolus.jms.admin;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's trash through an {@link AdminClient}: messages an administrator purged or deleted stay in the queue
 * {@code aeolus.trash} for the broker's retention ({@code aeolus.broker.trash.retention}, 24 h by default) and can be
 * put back on the queues they came from. Needs {@code manage} on {@code aeolus.trash}, and {@code send} on the queues
 * a restore puts messages back on. Browse the trash's messages with {@link AdminClient#browse} on
 * {@link #TRASH_QUEUE} (selector {@code AEOLUS_TRASH_BATCH = '...'} for one batch); purging the trash empties it for
 * good.
 */
public final class AdminTrash
{
    /** The trash queue. */
    public static final String TRASH_QUEUE = "aeolus.trash";

    /**
     * What a purge or delete removed.
     *
     * @param count messages removed.
     * @param batch the trash batch to restore them from, empty if none (nothing removed, or no trash kept).
     */
    public record Removal(int count, String batch)
    {
    }

    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminTrash(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * Purges a queue's waiting messages into the trash, as {@link AdminClient#purge(String)} does, and says which
     * batch to restore them from.
     *
     * @param queue    the queue.
     * @param selector a selector, null or empty for all.
     * @return what was removed and its batch.
     * @throws JMSException if the call fails or the user may not.
     */
    public Removal purge(final String queue, final String selector) throws JMSException
    {
        final Map<String, Object> request = request("purge");
        request.put("name", queue);
        if (null != selector && !selector.isBlank())
        {
            request.put("selector", selector);
        }
        final MapMessage reply = client.call(request);
        return new Removal(reply.getInt("count"), reply.itemExists("batch") ? reply.getString("batch") : "");
    }

    /**
     * @return how long the broker keeps messages in the trash, in ms; 0 if it keeps no trash.
     * @throws JMSException if the call fails or the user may not manage the trash.
     */
    public long retentionMs() throws JMSException
    {
        return client.call(request("trash")).getLong("retentionMs");
    }

    /**
     * @return what the trash holds, by the request that removed it, newest first.
     * @throws JMSException if the call fails or the user may not manage the trash.
     */
    public List<TrashBatch> batches() throws JMSException
    {
        final MapMessage reply = client.call(request("trash"));
        final List<TrashBatch> batches = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            batches.add(new TrashBatch(reply.getString(p + "batch"), reply.getString(p + "operation"),
                reply.getString(p + "destination"), reply.getLong(p + "timeMs"), reply.getLong(p + "expiresMs"),
                reply.getInt(p + "count")));
        }
        return batches;
    }

    /**
     * Puts back every message of a batch still in the trash, in their order, on the queue they came from.
     *
     * @param batch the batch's id.
     * @return messages restored.
     * @throws JMSException if the call fails or the user may not.
     */
    public int restore(final String batch) throws JMSException
    {
        final Map<String, Object> request = request("restoreTrash");
        request.put("batch", batch);
        return client.call(request).getInt("count");
    }

    /**
     * Puts back chosen messages.
     *
     * @param messageIds their JMSMessageIDs.
     * @return messages restored.
     * @throws JMSException if the call fails or the user may not.
     */
    public int restore(final List<String> messageIds) throws JMSException
    {
        final Map<String, Object> request = request("restoreTrash");
        request.put("ids", String.join("\n", messageIds));
        return client.call(request).getInt("count");
    }

    private static Map<String, Object> request(final String op)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        return request;
    }
}
