package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MessageQueue;


/**
 * The messages one topic retains, oldest first, in a ring. Each has a sequence that also says when it was
 * published: the publication time in ms shifted left by {@link #TIME_SHIFT} bits, plus a counter for messages
 * published in the same ms (a time-ordered id), so that the time survives a restart in the journal's reference
 * sequence and a time is found by binary search.
 * <p>
 * A message journaled under the log's reference list is held by reference: its id, sequence, encoded length and
 * expiration, about 32 bytes of heap, its body staying in the journal; {@link #read(int)} gives it from the log's
 * {@link RetainedPage}, which reads the journal a bounded page at a time. A message that is not journaled
 * (non-persistent, or a broker without a journal) is held in memory, and the bytes of those count against the
 * topic's memory limit ({@link #isHeadDue}). Part of {@link Retention}; engine thread only.
 */
final class RetentionLog
{
    /** Bits of a sequence below the publication time: up to about a million messages per ms. */
    static final int TIME_SHIFT = 20;
    private static final int INITIAL_CAPACITY = 64;

    /** The log's key: a topic's name, or {@link Retention#QUEUE_KEY_PREFIX} and a queue's name. */
    final String topicName;
    /** The name of the topic or queue whose messages it retains. */
    final String destinationName;
    /** True for a queue's log, false for a topic's. */
    final boolean queue;
    final String journalName;
    final DestinationPolicy policy;
    /** The topic's tap; null for a queue's log. */
    final MessageQueue tap;
    /** A queue's history readers (consumers of {@code <queue>?start=...}): they get each message as it is retained. */
    final java.util.ArrayList<MessageQueue> readers = new java.util.ArrayList<>(0);
    final RetainedPage page = new RetainedPage();
    /** The messages held in memory; null where one is held by reference. */
    private BrokerMessage[] messages = new BrokerMessage[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private long[] messageIds = new long[INITIAL_CAPACITY];
    private long[] expirations = new long[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    private int head;
    private int size;
    private long bytes;
    private long memoryBytes;
    private long lastSequence = -1;
    private long retainedTotal;
    private long droppedTotal;

    RetentionLog(final String topicName, final DestinationPolicy policy, final MessageQueue tap)
    {
        this.topicName = topicName;
        this.destinationName = topicName;
        this.queue = false;
        this.journalName = Retention.JOURNAL_PREFIX + topicName;
        this.policy = policy;
        this.tap = tap;
    }

    /**
     * A queue's log: it retains every message the queue is given, consumed or not.
     *
     * @param queueName the queue's name.
     * @param policy    the queue's settings.
     */
    RetentionLog(final String queueName, final DestinationPolicy policy)
    {
        this.topicName = Retention.queueKey(queueName);
        this.destinationName = queueName;
        this.queue = true;
        this.journalName = Retention.QUEUE_JOURNAL_PREFIX + queueName;
        this.policy = policy;
        this.tap = null;
    }

    /**
     * @return the publication time of the newest message, epoch ms; 0 if the log is empty.
     */
    long newestMs()
    {
        return 0 == size ? 0 : timeOf(sequence(size - 1));
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

    /**
     * Retains a message in memory.
     */
    void add(final BrokerMessage message, final long sequence)
    {
        final int index = addSlot(message.messageId(), sequence, message.encodedLength(), message.expirationMs());
        messages[index] = message;
        memoryBytes += message.encodedLength();
    }

    /**
     * Retains a journaled message by reference: its body stays in the journal under {@link #journalName}.
     */
    void addReference(final long messageId, final long sequence, final int length, final long expirationMs)
    {
        addSlot(messageId, sequence, length, expirationMs);
    }

    /**
     * Drops the oldest message.
     */
    void removeFirst()
    {
        final BrokerMessage message = messages[head];
        if (null != message)
        {
            messages[head] = null;
            memoryBytes -= lengths[head];
        }
        bytes -= lengths[head];
        head = (head + 1) & (messages.length - 1);
        size--;
        droppedTotal++;
    }

    private int addSlot(final long messageId, final long sequence, final int length, final long expirationMs)
    {
        if (size == messages.length)
        {
            grow();
        }
        final int index = (head + size) & (messages.length - 1);
        sequences[index] = sequence;
        messageIds[index] = messageId;
        lengths[index] = length;
        expirations[index] = expirationMs;
        size++;
        bytes += length;
        lastSequence = Math.max(lastSequence, sequence);
        retainedTotal++;
        return index;
    }

    int size()
    {
        return size;
    }

    long bytes()
    {
        return bytes;
    }

    /**
     * @return bytes of the messages held in memory (not by reference).
     */
    long memoryBytes()
    {
        return memoryBytes;
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

    /**
     * @return the message at that index if it is held in memory; null if it is held by reference.
     */
    BrokerMessage message(final int index)
    {
        return messages[(head + index) & (messages.length - 1)];
    }

    /**
     * @return true if the message at that index is held by reference, its body in the journal.
     */
    boolean isByReference(final int index)
    {
        return null == message(index);
    }

    long messageId(final int index)
    {
        return messageIds[(head + index) & (messages.length - 1)];
    }

    int length(final int index)
    {
        return lengths[(head + index) & (messages.length - 1)];
    }

    long expirationMs(final int index)
    {
        return expirations[(head + index) & (messages.length - 1)];
    }

    /**
     * @return true if the message at that index expired at or before nowMs (or was found lost from the journal).
     */
    boolean isExpired(final int index, final long nowMs)
    {
        final long expirationMs = expirationMs(index);
        return expirationMs != 0 && nowMs - expirationMs >= 0;
    }

    /**
     * Reads the message at an index: from memory, or from the page last read from the journal. If neither holds
     * it, the page read that would is wanted ({@link RetainedPage#want}); try again once it has come.
     *
     * @return the message, or null until its page comes.
     */
    BrokerMessage read(final int index)
    {
        final BrokerMessage message = message(index);
        if (null != message)
        {
            return message;
        }
        final long sequence = sequence(index);
        final BrokerMessage paged = page.find(sequence);
        if (null == paged)
        {
            page.want(sequence - 1);
        }
        return paged;
    }

    /**
     * The journal answered the log's page read: the page replaces the one before, and a message held by reference
     * that the page covers but does not hold (lost from the journal, or undecodable) is marked expired, so that
     * readers pass it by and the timer drops it.
     */
    void onPage(final java.util.List<io.aeolus.store.StoredReference> references)
    {
        page.onPage(references);
        if (page.afterSequence() == RetainedPage.NONE)
        {
            return;
        }
        for (int index = indexOfSequence(page.afterSequence() + 1); index < size; index++)
        {
            final long sequence = sequence(index);
            if (!page.covers(sequence))
            {
                break;
            }
            if (isByReference(index) && null == page.find(sequence))
            {
                expirations[(head + index) & (messages.length - 1)] = 1;
            }
        }
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
     * @return true if the oldest message falls out of the retention window: too old, over the size bound,
     * expired, or the messages held in memory over the topic's memory limit.
     */
    boolean isHeadDue(final long nowMs)
    {
        if (0 == size)
        {
            return false;
        }
        return policy.retentionMs() > 0 && nowMs - timeOf(sequence(0)) >= policy.retentionMs() ||
            policy.retentionBytes() > 0 && bytes > policy.retentionBytes() || isExpired(0, nowMs) ||
            isOverMemoryLimit();
    }

    /**
     * @return true if the messages held in memory take more than the topic's memory limit.
     */
    boolean isOverMemoryLimit()
    {
        return policy.memoryLimitBytes() > 0 && memoryBytes > policy.memoryLimitBytes();
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
        messages = grow(messages, new BrokerMessage[length * 2]);
        sequences = grow(sequences, new long[length * 2]);
        messageIds = grow(messageIds, new long[length * 2]);
        expirations = grow(expirations, new long[length * 2]);
        lengths = grow(lengths, new int[length * 2]);
    }

    /**
     * Copies the ring into an array twice its length: the part from head to the old end keeps its place, the part
     * before head moves to the new half, after it.
     */
    private <T> T grow(final T ring, final T grown)
    {
        final int length = java.lang.reflect.Array.getLength(ring);
        System.arraycopy(ring, head, grown, head, length - head);
        System.arraycopy(ring, 0, grown, length, head);
        return grown;
    }
}
