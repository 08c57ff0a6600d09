package io.aeolus.broker.management;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.management.JobKind;
import io.aeolus.management.Reply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The second half of a job's dry run on a queue with messages paged out to the journal: counts, as a
 * {@link JournalPass} hands them over, the paged-out messages the job would take (by selector, every match; by ids,
 * the named messages not found in memory, reading no further once all are found), and answers with the whole count:
 * {@code matched} (those in memory too), {@code skipped} (a retry's dead letters that do not say where they came
 * from), {@code pagedOut} (how many of the matched are paged out) and, by ids, {@code notFound} (the ids found
 * nowhere, one a line). Changes nothing. Conductor thread only.
 */
final class JobDryRun implements JournalPass.Visitor, JournalPass.Outcome
{
    private final JobKind kind;
    private final Map<String, Object> inMemory;
    private final Set<String> wanted;
    private final MessageView view;
    private final MessageOperations.PendingReply onReply;
    private JournalPass pass;
    private long matched;
    private long skipped;

    /**
     * @param kind     the job's kind.
     * @param inMemory the dry run's reply for the messages in memory ({@code matched}, {@code skipped}).
     * @param wanted   by ids, those not found in memory, in the order named (taken off as found); null by selector.
     * @param view     reads a message's JMSMessageID.
     * @param onReply  given the reply once the pass is done, or why there is none.
     */
    JobDryRun(final JobKind kind, final Map<String, Object> inMemory, final Set<String> wanted,
        final MessageView view, final MessageOperations.PendingReply onReply)
    {
        this.kind = kind;
        this.inMemory = inMemory;
        this.wanted = wanted;
        this.view = view;
        this.onReply = onReply;
    }

    /**
     * @param walk the pass that hands this count its messages.
     * @return the pass.
     */
    JournalPass run(final JournalPass walk)
    {
        this.pass = walk;
        return walk;
    }

    /**
     * {@inheritDoc}
     */
    public boolean wants(final BrokerMessage message, final int deliveryCount)
    {
        return null == wanted || wanted.remove(view.messageId(message));
    }

    /**
     * {@inheritDoc}
     */
    public void onPagedOut(final BrokerMessage message, final int deliveryCount)
    {
        matched++;
        skipped += JobKind.RETRY == kind && null == MessageMover.deadLetterOrigin(message) ? 1 : 0;
        if (null != wanted && wanted.isEmpty())
        {
            pass.stopEarly();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onInMemory(final QueueEntry entry)
    {
        onPagedOut(entry.message(), 0);
    }

    /**
     * {@inheritDoc}
     */
    public void done()
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
        reply.put(Reply.DRY_RUN, true);
        reply.put(Reply.MATCHED, ((Number)inMemory.get(Reply.MATCHED)).longValue() + matched);
        reply.put(Reply.SKIPPED, ((Number)inMemory.get(Reply.SKIPPED)).longValue() + skipped);
        reply.put(Reply.PAGED_OUT, matched);
        if (null != wanted)
        {
            reply.put(Reply.NOT_FOUND, String.join("\n", wanted));
        }
        onReply.done(reply);
    }

    /**
     * {@inheritDoc}
     */
    public void failed(final ManagementException failure)
    {
        onReply.failed(failure);
    }
}
