package io.aeolus.broker.destination;

/**
 * An intrusive doubly linked list of queue entries (the links live in {@link QueueEntry}): appending, removing
 * from the middle and moving an entry allocate nothing and cost O(1). Entries put back (take-back, release of a
 * delayed message) go to their place by arrival sequence.
 * <p>
 * The list keeps one scan cursor, for the periodic expiry scan that examines a bounded number of entries per timer
 * tick: removing the entry under the cursor moves the cursor on, so a scan survives whatever dispatch does between
 * two ticks. Conductor thread only.
 */
final class EntryList
{
    private QueueEntry head;
    private QueueEntry tail;
    private QueueEntry cursor;
    private int size;

    QueueEntry head()
    {
        return head;
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return 0 == size;
    }

    void addLast(final QueueEntry entry)
    {
        entry.list = this;
        entry.previous = tail;
        entry.next = null;
        if (null == tail)
        {
            head = entry;
        }
        else
        {
            tail.next = entry;
        }
        tail = entry;
        size++;
    }

    /**
     * Inserts an entry before the first one that arrived after it, searching from the nearer end.
     *
     * @param entry an entry in no list.
     */
    void insertInOrder(final QueueEntry entry)
    {
        if (null == tail || tail.sequence < entry.sequence)
        {
            addLast(entry);
            return;
        }
        QueueEntry before;
        if (entry.sequence - head.sequence <= tail.sequence - entry.sequence)
        {
            before = head;
            while (before.sequence < entry.sequence)
            {
                before = before.next;
            }
        }
        else
        {
            before = tail;
            while (null != before.previous && before.previous.sequence > entry.sequence)
            {
                before = before.previous;
            }
        }
        insertBefore(before, entry);
    }

    void remove(final QueueEntry entry)
    {
        if (cursor == entry)
        {
            cursor = entry.next;
        }
        final QueueEntry previous = entry.previous;
        final QueueEntry next = entry.next;
        if (null == previous)
        {
            head = next;
        }
        else
        {
            previous.next = next;
        }
        if (null == next)
        {
            tail = previous;
        }
        else
        {
            next.previous = previous;
        }
        entry.previous = null;
        entry.next = null;
        entry.list = null;
        size--;
    }

    /**
     * Starts a scan at the head.
     */
    void startScan()
    {
        cursor = head;
    }

    /**
     * @return the entry under the scan cursor, moving the cursor to the next one; null at the end.
     */
    QueueEntry nextScanned()
    {
        final QueueEntry entry = cursor;
        if (null != entry)
        {
            cursor = entry.next;
        }
        return entry;
    }

    private void insertBefore(final QueueEntry before, final QueueEntry entry)
    {
        entry.list = this;
        entry.next = before;
        entry.previous = before.previous;
        if (null == before.previous)
        {
            head = entry;
        }
        else
        {
            before.previous.next = entry;
        }
        before.previous = entry;
        size++;
    }

    QueueEntry cursorEntry()
    {
        return cursor;
    }

    void cursorEntry(final QueueEntry entry)
    {
        cursor = entry;
    }
}
