package io.aeolus.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Looks at the messages on a queue without consuming them. Each enumeration is a fresh look at the queue as it is
 * when {@link #getEnumeration()} is called, messages sent after the browser was created included. The destination and
 * selector are checked by the broker when the browser is created: its first cursor is opened then, but walks the
 * queue only once the first enumeration asks for it.
 */
public final class AeolusQueueBrowser implements QueueBrowser
{
    private final AeolusSession session;
    private final AeolusDestination queue;
    private final String selector;
    private final List<AeolusMessageConsumer> cursors = new ArrayList<>();
    private AeolusMessageConsumer firstCursor;
    private boolean closed;

    AeolusQueueBrowser(final AeolusSession session, final AeolusDestination queue, final String selector)
        throws JMSException
    {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
        this.firstCursor = openCursor(true);
    }

    @Override
    public Queue getQueue() throws JMSException
    {
        checkOpen();
        return (Queue)queue;
    }

    @Override
    public String getMessageSelector() throws JMSException
    {
        checkOpen();
        return null == selector || selector.isBlank() ? null : selector;
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException
    {
        checkOpen();
        final AeolusMessageConsumer first;
        synchronized (this)
        {
            first = firstCursor;
            firstCursor = null;
        }
        if (null != first)
        {
            first.startBrowse();
            return new BrowseEnumeration(first);
        }
        return new BrowseEnumeration(openCursor(false));
    }

    @Override
    public void close() throws JMSException
    {
        final List<AeolusMessageConsumer> toClose;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(cursors);
            cursors.clear();
        }
        for (final AeolusMessageConsumer cursor : toClose)
        {
            cursor.close();
        }
    }

    private AeolusMessageConsumer openCursor(final boolean deferred) throws JMSException
    {
        final AeolusMessageConsumer cursor = session.newConsumer(queue,
            new ConsumerKind(selector, false, false, false, true, null), deferred);
        synchronized (this)
        {
            cursors.add(cursor);
        }
        return cursor;
    }

    private void checkOpen() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("browser is closed");
        }
        session.checkOpen();
    }

    /**
     * Walks one browse cursor; closes it at the end.
     */
    private final class BrowseEnumeration implements Enumeration<Message>
    {
        private final AeolusMessageConsumer cursor;
        private Message next;
        private boolean done;

        BrowseEnumeration(final AeolusMessageConsumer cursor)
        {
            this.cursor = cursor;
        }

        @Override
        public boolean hasMoreElements()
        {
            if (null != next)
            {
                return true;
            }
            if (done)
            {
                return false;
            }
            try
            {
                next = cursor.nextBrowsed(true);
            }
            catch (final JMSException ex)
            {
                next = null;
            }
            if (null == next)
            {
                done = true;
                finish();
            }
            return null != next;
        }

        @Override
        public Message nextElement()
        {
            if (!hasMoreElements())
            {
                throw new NoSuchElementException("no more messages in the browse of " + queue);
            }
            final Message message = next;
            next = null;
            return message;
        }

        private void finish()
        {
            synchronized (AeolusQueueBrowser.this)
            {
                cursors.remove(cursor);
            }
            try
            {
                cursor.close();
            }
            catch (final JMSException ignore)
            {
                // The browse is over either way.
            }
        }
    }
}
