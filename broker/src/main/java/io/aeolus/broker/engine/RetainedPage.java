package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.store.StoredReference;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.List;

/**
 * The paged reader of a {@link RetentionLog}: the log holds its persistent messages by reference (id, sequence,
 * length), their bodies stay in the journal, and a subscription starting in the past or a replay reads them back a
 * bounded page at a time. A page is the journal's answer to one read of the log's reference list: the messages whose
 * sequences follow {@link #afterSequence()}, in order, up to the page length. It covers the sequences from just after
 * that up to its last message, or, if the journal had fewer than asked, up to the last sequence the log had when it
 * asked: a message held by reference in that range and not in the page is not in the journal any more.
 * <p>
 * One page per log at a time: a read is wanted by the first reader that misses, asked for at the end of the timer
 * tick (never inside a journal group) and, once it arrives, replaces the page before. Part of {@link RetentionLog};
 * engine thread only.
 */
final class RetainedPage
{
    /** No read wanted or asked for. */
    static final long NONE = Long.MIN_VALUE;

    private BrokerMessage[] messages = new BrokerMessage[0];
    private long[] sequences = new long[0];
    private int count;
    private long afterSequence = NONE;
    private long coveredTo = NONE;
    private long wantedAfter = NONE;
    private long askedAfter = NONE;
    private long askedUpTo = NONE;
    private int askedLimit;
    private boolean full;
    private boolean used;

    /**
     * @param sequence a sequence of the log.
     * @return the message of that sequence if this page holds it, else null.
     */
    BrokerMessage find(final long sequence)
    {
        if (!covers(sequence))
        {
            return null;
        }
        final int index = Arrays.binarySearch(sequences, 0, count, sequence);
        if (index < 0)
        {
            return null;
        }
        used = true;
        if (index == count - 1 && full)
        {
            // Read ahead: the next page is on its way before a reader misses it.
            want(sequence);
        }
        return messages[index];
    }

    /**
     * @param sequence a sequence of the log.
     * @return true if the page read covers it: if the journal held its message, the page holds it.
     */
    boolean covers(final long sequence)
    {
        return afterSequence != NONE && sequence > afterSequence && sequence <= coveredTo;
    }

    /**
     * A reader missed the message after {@code afterSequence}: the first miss of a tick is the next read.
     */
    void want(final long afterSequence)
    {
        if (wantedAfter == NONE && askedAfter == NONE)
        {
            wantedAfter = afterSequence;
        }
    }

    /**
     * @return the sequence after which the next read is wanted, {@link #NONE} if none is (or one is on its way).
     */
    long wantedAfter()
    {
        return wantedAfter;
    }

    /**
     * The read wanted is asked of the journal.
     *
     * @param upToSequence the last sequence of the log now.
     * @param limit        the page length asked for.
     */
    void asked(final long upToSequence, final int limit)
    {
        askedAfter = wantedAfter;
        askedUpTo = upToSequence;
        askedLimit = limit;
        wantedAfter = NONE;
    }

    /**
     * @return true while a read is on its way.
     */
    boolean isAsked()
    {
        return askedAfter != NONE;
    }

    /**
     * The journal answered the read on its way: the page becomes its references (in sequence order), decoded. A
     * reference that cannot be decoded is left out, as if the journal had lost it.
     */
    void onPage(final List<StoredReference> references)
    {
        if (askedAfter == NONE)
        {
            return;
        }
        final int size = references.size();
        if (messages.length < size)
        {
            messages = new BrokerMessage[size];
            sequences = new long[size];
        }
        Arrays.fill(messages, null);
        count = 0;
        for (int i = 0; i < size; i++)
        {
            final StoredReference reference = references.get(i);
            try
            {
                final BrokerMessage message = BrokerMessage.decode(reference.messageId(),
                    new UnsafeBuffer(reference.payload()), 0, reference.payload().length);
                message.markStored();
                messages[count] = message;
                sequences[count] = reference.sequence();
                count++;
            }
            catch (final IllegalArgumentException ex)
            {
                // Never written by this broker in that form: left out, as lost.
            }
        }
        afterSequence = askedAfter;
        full = size >= askedLimit;
        coveredTo = full ? references.get(size - 1).sequence() : askedUpTo;
        askedAfter = NONE;
        used = true;
    }

    /**
     * End of a timer tick: a page no reader used since the tick before is let go, so an idle log holds no bodies.
     */
    void endTick()
    {
        if (!used && count > 0)
        {
            clear();
        }
        used = false;
    }

    /**
     * Lets the page go; a read wanted is still asked for, and one on its way still taken when it arrives.
     */
    void clear()
    {
        messages = new BrokerMessage[0];
        sequences = new long[0];
        count = 0;
        afterSequence = NONE;
        coveredTo = NONE;
        full = false;
    }

    /**
     * For a snapshot: the page with its messages (bytes) and the read wanted or on its way, which the durable store a
     * restore is given answers as it would have answered the original (as with a queue's page requested).
     */
    void write(final SnapshotWriter out)
    {
        out.writeLong(afterSequence);
        out.writeLong(coveredTo);
        out.writeLong(wantedAfter);
        out.writeLong(askedAfter);
        out.writeLong(askedUpTo);
        out.writeInt(askedLimit);
        out.writeBoolean(full);
        out.writeBoolean(used);
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeMessage(messages[i]);
            out.writeLong(sequences[i]);
        }
    }

    /**
     * For a snapshot's restore.
     */
    void read(final SnapshotReader in)
    {
        afterSequence = in.readLong();
        coveredTo = in.readLong();
        wantedAfter = in.readLong();
        askedAfter = in.readLong();
        askedUpTo = in.readLong();
        askedLimit = in.readInt();
        full = in.readBoolean();
        used = in.readBoolean();
        count = in.readCount("paged-in retained messages");
        messages = new BrokerMessage[count];
        sequences = new long[count];
        for (int i = 0; i < count; i++)
        {
            messages[i] = in.readMessage();
            sequences[i] = in.readLong();
        }
    }

    /**
     * @return messages in the page.
     */
    int count()
    {
        return count;
    }

    /**
     * @return the sequence the page's read started after, {@link #NONE} if no page is held.
     */
    long afterSequence()
    {
        return afterSequence;
    }

    /**
     * @return the last sequence the page covers, {@link #NONE} if no page is held.
     */
    long coveredTo()
    {
        return coveredTo;
    }
}
