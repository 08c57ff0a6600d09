package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, asynchronous delivery to message listeners: a session's listeners get messages in order, one
 * at a time, never concurrently, and only while the connection is started; a consumer with a listener cannot also
 * receive synchronously; a listener that throws in an auto-acknowledging session gets the message again, in a client
 * acknowledged one the next message; acknowledge, commit, rollback and recover called from a listener cover the
 * message it was given.
 */
@Timeout(60)
class ListenerIT extends SpecFixture
{
    private static final int COUNT = 50;

    @Test
    void aListenerReceivesMessagesAsynchronouslyInOrder() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Thread> listenerThread = new AtomicReference<>();
        final CountDownLatch all = new CountDownLatch(COUNT);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            listenerThread.set(Thread.currentThread());
            texts.add(text(message));
            all.countDown();
        });

        sendTexts(connection, queue, numbered(COUNT));

        assertTrue(all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "only " + texts.size() + " of " + COUNT);
        assertEquals(List.of(numbered(COUNT)), texts);
        assertNotSame(Thread.currentThread(), listenerThread.get());
    }

    @Test
    void aListenerSetAfterMessagesArrivedGetsThemAllInOrder() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(connection, queue, numbered(COUNT));
        final Message first = consumer.receive(RECEIVE_MS);
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch rest = new CountDownLatch(COUNT - 1);

        consumer.setMessageListener((message) ->
        {
            texts.add(text(message));
            rest.countDown();
        });

        assertEquals("m0", text(first));
        assertTrue(rest.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "only " + texts.size());
        assertEquals(List.of(numbered(COUNT)).subList(1, COUNT), texts);
    }

    @Test
    void aListenerOnAConnectionNotYetStartedIsCalledOnlyAfterStart() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final CountDownLatch called = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener((message) -> called.countDown());
        sendTexts(connection, queue, "waiting");

        assertFalse(called.await(ABSENT_MS, TimeUnit.MILLISECONDS), "called before the connection started");
        connection.start();

        assertTrue(called.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "not called after start");
    }

    @Test
    void theListenersOfOneSessionNeverRunConcurrently() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue first = session.createQueue(name + ".first");
        final Queue second = session.createQueue(name + ".second");
        final AtomicInteger running = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final CountDownLatch all = new CountDownLatch(2 * COUNT);
        final MessageListener listener = (message) ->
        {
            if (running.incrementAndGet() > 1)
            {
                overlapped.set(true);
            }
            // Some work, so that a second thread would have time to come in.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            running.decrementAndGet();
            all.countDown();
        };
        session.createConsumer(first).setMessageListener(listener);
        session.createConsumer(second).setMessageListener(listener);

        sendTexts(connection, first, numbered(COUNT));
        sendTexts(connection, second, numbered(COUNT));

        assertTrue(all.await(RECEIVE_MS * 2, TimeUnit.MILLISECONDS), "missing " + all.getCount() + " messages");
        assertFalse(overlapped.get(), "two listeners of one session ran at the same time");
    }

    @Test
    void synchronousReceiveOnAConsumerWithAListenerThrowsIllegalState() throws JMSException
    {
        final Session session = started().createSession();
        final MessageConsumer consumer = session.createConsumer(session.createQueue(name));

        consumer.setMessageListener((message) -> { });

        assertThrows(IllegalStateException.class, consumer::receive);
        assertThrows(IllegalStateException.class, () -> consumer.receive(ABSENT_MS));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
    }

    @Test
    void removingTheListenerAllowsSynchronousReceiveAgain() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener((message) -> { });

        consumer.setMessageListener(null);
        sendTexts(connection, queue, "sync");

        receiveText(consumer, "sync");
    }

    @Test
    void aListenerThatThrowsInAutoAcknowledgeGetsTheMessageAgainAsRedelivered() throws Exception
    {
        assertRedeliveredAfterListenerThrows(Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void aListenerThatThrowsInDupsOkAcknowledgeGetsTheMessageAgainAsRedelivered() throws Exception
    {
        assertRedeliveredAfterListenerThrows(Session.DUPS_OK_ACKNOWLEDGE);
    }

    @Test
    void aListenerThatThrowsInClientAcknowledgeGetsTheNextMessage() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch both = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            seen.add(text(message));
            both.countDown();
            if ("a".equals(text(message)))
            {
                throw new RuntimeException("thrown on purpose by the test");
            }
        });

        sendTexts(connection, queue, "a", "b");

        assertTrue(both.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "saw only " + seen);
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void aListenerThatKeepsThrowingInClientAcknowledgeStillGetsEveryMessage() throws Exception
    {
        final Connection connection = connect("prefetch=2");
        connection.start();
        final Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        final CountDownLatch all = new CountDownLatch(10);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            all.countDown();
            throw new RuntimeException("thrown on purpose by the test");
        });

        sendTexts(connection, queue, numbered(10));

        assertTrue(all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "missing " + all.getCount() + " messages");
    }

    @Test
    void aListenerInClientAcknowledgeAcknowledgesTheMessageItWasGiven() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        final CountDownLatch acknowledged = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            run(message::acknowledge);
            acknowledged.countDown();
        });

        sendTexts(connection, queue, "a");

        assertTrue(acknowledged.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        connection.close();
        assertEquals(List.of(), drain(started().createSession().createConsumer(queue)));
    }

    @Test
    void aListenerOfATransactedSessionCommitsTheMessageItWasGiven() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.SESSION_TRANSACTED);
        final Queue queue = session.createQueue(name);
        final CountDownLatch committed = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            run(session::commit);
            committed.countDown();
        });

        sendTexts(connection, queue, "a");

        assertTrue(committed.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        connection.close();
        assertEquals(List.of(), drain(started().createSession().createConsumer(queue)));
    }

    @Test
    void aListenerThatRollsBackGetsTheMessageAgainAsRedelivered() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.SESSION_TRANSACTED);
        final Queue queue = session.createQueue(name);
        final List<Message> deliveries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            deliveries.add(message);
            run(deliveries.size() == 1 ? session::rollback : session::commit);
            twice.countDown();
        });

        sendTexts(connection, queue, "a");

        assertTrue(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "the message was not delivered again");
        assertTrue(deliveries.get(1).getJMSRedelivered());
        assertEquals(2, deliveries.get(1).getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void aListenerThatRecoversGetsTheMessageAgainAsRedelivered() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        final List<Message> deliveries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            deliveries.add(message);
            run(deliveries.size() == 1 ? session::recover : message::acknowledge);
            twice.countDown();
        });

        sendTexts(connection, queue, "a", "b");

        assertTrue(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "the message was not delivered again");
        assertEquals("a", text(deliveries.get(1)));
        assertTrue(deliveries.get(1).getJMSRedelivered());
        assertEquals(2, deliveries.get(1).getIntProperty("JMSXDeliveryCount"));
    }

    private void assertRedeliveredAfterListenerThrows(final int mode) throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(mode);
        final Queue queue = session.createQueue(name);
        final List<Message> deliveries = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            deliveries.add(message);
            twice.countDown();
            if (deliveries.size() == 1)
            {
                throw new RuntimeException("thrown on purpose by the test");
            }
        });

        sendTexts(connection, queue, "fragile");

        assertTrue(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "the message was not delivered again");
        final Message again = deliveries.get(1);
        assertEquals("fragile", text(again));
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertFalse(deliveries.get(0).getJMSRedelivered());
    }

    private static void run(final JmsAction action)
    {
        try
        {
            action.run();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static String text(final Message message)
    {
        try
        {
            return ((TextMessage)message).getText();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * A call that may throw JMSException.
     */
    @FunctionalInterface
    private interface JmsAction
    {
        void run() throws JMSException;
    }

    private static String[] numbered(final int count)
    {
        final String[] texts = new String[count];
        for (int i = 0; i < count; i++)
        {
            texts[i] = "m" + i;
        }
        return texts;
    }
}
