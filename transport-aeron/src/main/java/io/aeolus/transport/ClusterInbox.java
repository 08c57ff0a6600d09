package io.aeolus.transport;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

/**
 * The frames a broker group sent in one poll of a client's {@link ClusterLink}, copied while the link is polled and
 * handed on once the poll is over. The link is not thread-safe, so the client polls it under the lock its senders
 * take; delivering a frame takes a consumer's lock, which a thread may hold while it sends (a pull, a batched
 * acknowledgement). Handing frames on under the send lock would order the two locks both ways and deadlock; copying
 * them out keeps the send lock innermost. Frames polled while the inbox is not open (the closing thread's last
 * poll) are dropped. The receive thread only, except {@link #offer} under the send lock.
 */
final class ClusterInbox
{
    private final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(8192);
    private final IntArrayList bounds = new IntArrayList();
    private int limit;
    private boolean open;

    /**
     * From here on, offered frames are kept. Under the send lock, before the link is polled.
     */
    void open()
    {
        open = true;
    }

    /**
     * From here on, offered frames are dropped. Under the send lock, after the link is polled.
     */
    void close()
    {
        open = false;
    }

    /**
     * Keeps a copy of a frame if the inbox is open.
     */
    void offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!open)
        {
            return;
        }
        frames.putBytes(limit, buffer, offset, length);
        bounds.addInt(limit);
        bounds.addInt(length);
        limit += length;
    }

    /**
     * Hands every kept frame on, in the order polled, and empties the inbox. Without the send lock.
     *
     * @return how many frames were handed on.
     */
    int drainTo(final FrameHandler handler)
    {
        final int count = bounds.size() / 2;
        for (int i = 0; i < bounds.size(); i += 2)
        {
            handler.onFrame(frames, bounds.getInt(i), bounds.getInt(i + 1), 0);
        }
        bounds.clear();
        limit = 0;
        return count;
    }
}
