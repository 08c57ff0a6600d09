package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MessageQueue;

import java.util.Arrays;

/**
 * The messages one topic retains, oldest first, in a ring. Each has a sequence that also says when it was
 * published: the publication time in ms shifted left by {@link #TIME_SHIFT} bits, plus a counter for messages
 * published in the same ms (a time-ordered id), so that the time survives a restart in the journal's reference
 * sequence and a time is found by binary search. Part of {@link Retention}; engine thread only.
 */
final class RetentionLog
{
    /** Bits of a sequence below the publication time: up to about a million messages per ms. */
    static final int TIME_SHIFT = 20;
    private static final int INITIAL_CAPACITY = 64;

    final String topicName;
    final String journalName;
    final DestinationPolicy policy;
    final MessageQueue tap;
    private BrokerMessage[] messages = new BrokerMessage[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private int head;
    private int size;
    private long bytes;
    private long lastSequence = -1;
    private long retainedTotal;
    private long droppedTotal;

    RetentionLog(final String topicName, final DestinationPolicy policy, final MessageQueue tap)
    {
        this.topicName = topicName;
        this.journalName = Retention.JOURNAL_PREFIX + topicName;
        this.policy = policy;
        this.tap = tap;
    }

    /**
     * @param nowMs the publication time, epoch ms.
     * @return the sequence of a message published now: after every earlier one, even if the clock went back.
     */
    long nextSequence(final long nowMs)
    {
        return Math.max(lastSequence + 1, Math.max(0, nowMs) << TIME_SHIFT);
    }

    /**
     * @param sequence a sequence of this log.
     * @return when its message was published, epoch ms.
     */
    static long timeOf(final long sequence)
    {
        return sequence >>> TIME_SHIFT;
    }

    void add(final BrokerMessage message, final long sequence)
    {
        if (size == messages.length)
        {
            grow();
        }
        final int index = (head + size) & (messages.length - 1);
        messages[index] = message;
        sequences[index] = sequence;
        size++;
        bytes += message.encodedLength();
        lastSequence = Math.max(lastSequence, sequence);
        retainedTotal++;
    }

    BrokerMessage removeFirst()
    {
        final BrokerMessage message = messages[head];
        messages[head] = null;
        head = (head + 1) & (messages.length - 1);
        size--;
        bytes -= message.encodedLength();
        droppedTotal++;
        return message;
    }

    int size()
    {
        return size;
    }

    long bytes()
    {
        return bytes;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    long retainedTotal()
    {
        return retainedTotal;
    }

    long droppedTotal()
    {
        return droppedTotal;
    }

    BrokerMessage message(final int index)
    {
        return messages[(head + index) & (messages.length - 1)];
    }

    long sequence(final int index)
    {
        return sequences[(head + index) & (messages.length - 1)];
    }

    /**
     * @return the publication time of the oldest message, epoch ms; 0 if the log is empty.
     */
    long oldestMs()
    {
        return 0 == size ? 0 : timeOf(sequence(0));
    }

    /**
     * @param sequence a sequence.
     * @return the index of the first message whose sequence is at least that; {@link #size()} if none.
     */
    int indexOfSequence(final long sequence)
    {
        int low = 0;
        int high = size;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (sequence(middle) < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /**
     * @param timeMs a time, epoch ms; Long.MIN_VALUE for the oldest.
     * @return the index of the first message published at or after it; {@link #size()} if none.
     */
    int indexOfTime(final long timeMs)
    {
        if (timeMs <= 0)
        {
            return 0;
        }
        return timeMs >= Long.MAX_VALUE >>> TIME_SHIFT ? size : indexOfSequence(timeMs << TIME_SHIFT);
    }

    /**
     * @param nowMs the time now, epoch ms.
     * @return true if the oldest message falls out of the retention window: too old, over the size bound, or
     * expired.
     */
    boolean isHeadDue(final long nowMs)
    {
        if (0 == size)
        {
            return false;
        }
        return policy.retentionMs() > 0 && nowMs - timeOf(sequence(0)) >= policy.retentionMs() ||
            policy.retentionBytes() > 0 && bytes > policy.retentionBytes() || message(0).isExpired(nowMs);
    }

    /**
     * For a snapshot's restore.
     */
    void restoreCounters(final long lastSequence, final long retainedTotal, final long droppedTotal)
    {
        this.lastSequence = lastSequence;
        this.retainedTotal = retainedTotal;
        this.droppedTotal = droppedTotal;
    }

    private void grow()
    {
        final int length = messages.length;
        final BrokerMessage[] grownMessages = Arrays.copyOf(messages, length * 2);
        final long[] grownSequences = Arrays.copyOf(sequences, length * 2);
        // The part of the ring before head moves to the new half, after the part from head to the old end.
        System.arraycopy(messages, 0, grownMessages, length, head);
        System.arraycopy(sequences, 0, grownSequences, length, head);
        Arrays.fill(grownMessages, 0, head, null);
        messages = grownMessages;
        sequences = grownSequences;
    }
}
