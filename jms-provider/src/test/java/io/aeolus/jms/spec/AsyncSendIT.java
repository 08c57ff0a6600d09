package io.aeolus.jms.spec;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, asynchronous send: each send's CompletionListener is called once, in the order of the sends
 * of the session, never on the sending thread; a failed send reaches onException; close and commit wait for
 * outstanding sends; a completion listener may not close its own producer, session or connection, stop its
 * connection, nor commit or roll back its own session.
 */
@Timeout(60)
class AsyncSendIT extends SpecFixture
{
    private static final int COUNT = 50;

    @Test
    void eachCompletionListenerIsCalledOnceInSendOrderOffTheSendingThread() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final RecordingListener listener = new RecordingListener(COUNT);
        final List<Message> sent = new ArrayList<>();

        for (int i = 0; i < COUNT; i++)
        {
            final TextMessage message = session.createTextMessage("m" + i);
            sent.add(message);
            producer.send(message, listener);
        }

        assertTrue(listener.all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "completions: " + listener.completed.size());
        producer.close();
        assertEquals(COUNT, listener.completed.size(), "one completion per send");
        for (int i = 0; i < COUNT; i++)
        {
            assertSame(sent.get(i), listener.completed.get(i), "completion " + i + " out of send order");
        }
        assertFalse(listener.threads.contains(Thread.currentThread()), "a completion ran on the sending thread");
        assertTrue(listener.failures.isEmpty(), "failures: " + listener.failures);
        assertEquals(COUNT, drain(session.createConsumer(queue)).size());
    }

    @Test
    void completionsOfDifferentProducersOfASessionFollowTheOrderOfTheSends() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final MessageProducer first = session.createProducer(session.createQueue(name + ".first"));
        final MessageProducer second = session.createProducer(session.createQueue(name + ".second"));
        final RecordingListener listener = new RecordingListener(COUNT);
        final List<Message> sent = new ArrayList<>();

        for (int i = 0; i < COUNT; i++)
        {
            final TextMessage message = session.createTextMessage("m" + i);
            sent.add(message);
            (i % 2 == 0 ? first : second).send(message, listener);
        }

        assertTrue(listener.all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "completions: " + listener.completed.size());
        assertEquals(sent, listener.completed);
    }

    @Test
    void anAsynchronousSendToAnInvalidDestinationCallsOnException() throws Exception
    {
        final Session session = connect().createSession();
        final TemporaryQueue deleted = session.createTemporaryQueue();
        deleted.delete();
        final MessageProducer producer = session.createProducer(null);
        final RecordingListener listener = new RecordingListener(1);
        final Message message = session.createTextMessage("nowhere");

        producer.send(deleted, message, listener);

        assertTrue(listener.all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "neither onCompletion nor onException");
        assertEquals(List.of(), listener.completed);
        assertEquals(1, listener.failures.size());
        assertSame(message, listener.failedMessages.get(0));
        assertInstanceOf(JMSException.class, listener.failures.get(0));
    }

    @Test
    void closingTheProducerWaitsForOutstandingCompletions() throws Exception
    {
        final Session session = connect().createSession();
        final MessageProducer producer = session.createProducer(session.createQueue(name));
        final RecordingListener listener = sendSlowly(session, producer);

        producer.close();

        assertEquals(COUNT, listener.completed.size(), "close returned before every completion ran");
    }

    @Test
    void closingTheSessionWaitsForOutstandingCompletions() throws Exception
    {
        final Session session = connect().createSession();
        final MessageProducer producer = session.createProducer(session.createQueue(name));
        final RecordingListener listener = sendSlowly(session, producer);

        session.close();

        assertEquals(COUNT, listener.completed.size(), "close returned before every completion ran");
    }

    @Test
    void closingTheConnectionWaitsForOutstandingCompletions() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final MessageProducer producer = session.createProducer(session.createQueue(name));
        final RecordingListener listener = sendSlowly(session, producer);

        connection.close();

        assertEquals(COUNT, listener.completed.size(), "close returned before every completion ran");
    }

    @Test
    void commitWaitsForOutstandingCompletionsAndDeliversTheSends() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.SESSION_TRANSACTED);
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final RecordingListener listener = sendSlowly(session, producer);

        session.commit();

        assertEquals(COUNT, listener.completed.size(), "commit returned before every completion ran");
        assertEquals(COUNT, drain(connection.createSession().createConsumer(queue)).size());
    }

    @Test
    void aCompletionListenerCannotCloseItsOwnProducerSessionOrConnectionButMayStopItsConnection() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final MessageProducer producer = session.createProducer(session.createQueue(name));
        final List<Exception> thrown = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Exception> stop = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        producer.send(session.createTextMessage("m"), onCompletion(() ->
        {
            thrown.add(thrownBy(producer::close));
            thrown.add(thrownBy(session::close));
            thrown.add(thrownBy(connection::close));
            stop.set(thrownBy(connection::stop));
            done.countDown();
        }));

        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertEquals(3, thrown.size());
        for (final Exception exception : thrown)
        {
            assertInstanceOf(IllegalStateException.class, exception);
        }
        // JMS 7.3.8 forbids only close, commit and rollback in a CompletionListener.
        assertNull(stop.get(), "stop from a CompletionListener");
    }

    @Test
    void aCompletionListenerCannotCommitOrRollBackItsOwnSession() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession(Session.SESSION_TRANSACTED);
        final MessageProducer producer = session.createProducer(session.createQueue(name));
        final AtomicReference<Exception> commit = new AtomicReference<>();
        final AtomicReference<Exception> rollback = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        producer.send(session.createTextMessage("m"), onCompletion(() ->
        {
            commit.set(thrownBy(session::commit));
            rollback.set(thrownBy(session::rollback));
            done.countDown();
        }));

        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertInstanceOf(IllegalStateException.class, commit.get(), "commit from its own completion listener");
        assertInstanceOf(IllegalStateException.class, rollback.get(), "rollback from its own completion listener");
    }

    @Test
    void aCompletionListenerMayCloseAnotherSessionOfItsConnection() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final Session other = connection.createSession();
        final MessageProducer producer = session.createProducer(session.createQueue(name));
        final AtomicReference<Exception> closeOther = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        producer.send(session.createTextMessage("m"), onCompletion(() ->
        {
            closeOther.set(thrownBy(other::close));
            done.countDown();
        }));

        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertNull(closeOther.get(), "closing another session is allowed");
    }

    private static RecordingListener sendSlowly(final Session session, final MessageProducer producer)
        throws JMSException
    {
        final RecordingListener listener = new RecordingListener(COUNT, TimeUnit.MILLISECONDS.toNanos(2));
        for (int i = 0; i < COUNT; i++)
        {
            producer.send(session.createTextMessage("m" + i), listener);
        }
        return listener;
    }

    private static CompletionListener onCompletion(final Runnable action)
    {
        return new CompletionListener()
        {
            @Override
            public void onCompletion(final Message message)
            {
                action.run();
            }

            @Override
            public void onException(final Message message, final Exception exception)
            {
                throw new AssertionError("send failed", exception);
            }
        };
    }

    private static Exception thrownBy(final Executable call)
    {
        try
        {
            call.execute();
            return null;
        }
        catch (final Exception ex)
        {
            return ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Records every callback, its message and its thread; optionally takes some time over each.
     */
    private static final class RecordingListener implements CompletionListener
    {
        final List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        final List<Message> failedMessages = Collections.synchronizedList(new ArrayList<>());
        final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch all;
        private final long workNs;

        RecordingListener(final int expected)
        {
            this(expected, 0);
        }

        RecordingListener(final int expected, final long workNs)
        {
            this.all = new CountDownLatch(expected);
            this.workNs = workNs;
        }

        @Override
        public void onCompletion(final Message message)
        {
            assertNotNull(message);
            if (workNs > 0)
            {
                LockSupport.parkNanos(workNs);
            }
            threads.add(Thread.currentThread());
            completed.add(message);
            all.countDown();
        }

        @Override
        public void onException(final Message message, final Exception exception)
        {
            threads.add(Thread.currentThread());
            failedMessages.add(message);
            failures.add(exception);
            all.countDown();
        }
    }
}
