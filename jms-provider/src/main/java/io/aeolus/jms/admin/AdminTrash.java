package io.aeolus.jms.admin;

import io.aeolus.management.SystemDestinations;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.TrashBatch;
import jakarta.jms.JMSException;

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
    public static final String TRASH_QUEUE = SystemDestinations.TRASH_QUEUE;

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
        final Map<String, Object> reply = client.call(Request.of(Operation.PURGE, Argument.NAME, queue,
            Argument.SELECTOR, null == selector || selector.isBlank() ? null : selector));
        return new Removal(Reply.intValue(reply, Reply.COUNT), Reply.string(reply, Reply.BATCH));
    }

    /**
     * Deletes chosen messages waiting in a queue into the trash, as {@link AdminClient#deleteMessages} does, and says
     * which batch to restore them from.
     *
     * @param queue      the queue.
     * @param messageIds their JMSMessageIDs; at least one.
     * @return what was removed and its batch.
     * @throws JMSException if the call fails or the user may not.
     * @throws IllegalArgumentException if no id is given.
     */
    public Removal delete(final String queue, final List<String> messageIds) throws JMSException
    {
        if (null == messageIds || messageIds.isEmpty())
        {
            throw new IllegalArgumentException("name at least one message id to delete from '" + queue + "'");
        }
        final Map<String, Object> reply = client.call(Request.of(Operation.DELETE_MESSAGES, Argument.NAME, queue,
            Argument.IDS, String.join("\n", messageIds)));
        return new Removal(Reply.intValue(reply, Reply.COUNT), Reply.string(reply, Reply.BATCH));
    }

    /**
     * @return how long the broker keeps messages in the trash, in ms; 0 if it keeps no trash.
     * @throws JMSException if the call fails or the user may not manage the trash.
     */
    public long retentionMs() throws JMSException
    {
        return Reply.longValue(client.call(Request.of(Operation.TRASH)), Reply.RETENTION_MS);
    }

    /**
     * @return what the trash holds, by the request that removed it, newest first.
     * @throws JMSException if the call fails or the user may not manage the trash.
     */
    public List<TrashBatch> batches() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.TRASH)), TrashBatch::read);
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
        return Reply.intValue(client.call(Request.of(Operation.RESTORE_TRASH, Argument.BATCH, batch)), Reply.COUNT);
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
        return Reply.intValue(client.call(Request.of(Operation.RESTORE_TRASH, Argument.IDS,
            String.join("\n", messageIds))), Reply.COUNT);
    }
}
