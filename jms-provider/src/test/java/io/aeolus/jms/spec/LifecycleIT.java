package io.aeolus.jms.spec;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.SharedAeronClient;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, starting, stopping and closing connections, sessions and consumers: a stopped connection
 * delivers nothing, stop and close wait for running listeners, a listener may not stop or close its own connection or
 * session, closed objects refuse use but may be closed again, a close ends blocked receives, and a closed connection
 * leaves no thread or Aeron client behind.
 */
@Timeout(60)
class LifecycleIT extends SpecFixture
{
    @Test
    void aStoppedConnectionDeliversNothingUntilStartedAgain() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);

        connection.stop();
        sendTexts(connection, queue, "held");

        assertNull(consumer.receive(ABSENT_MS), "a stopped connection delivered to receive");
        assertNull(consumer.receiveNoWait(), "a stopped connection delivered to receiveNoWait");
        connection.start();
        receiveText(consumer, "held");
    }

    @Test
    void aReceiveBlockedWhenTheConnectionStopsGetsNoMessageUntilItStartsAgain() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        final CompletableFuture<Message> receive = blockedReceive(consumer);

        connection.stop();
        sendTexts(connection, queue, "held");

        assertThrows(TimeoutException.class, () -> receive.get(ABSENT_MS, TimeUnit.MILLISECONDS),
            "a receive returned while the connection was stopped");
        connection.start();
        assertEquals("held", receive.get(RECEIVE_MS, TimeUnit.MILLISECONDS).getBody(String.class));
    }

    @Test
    void aConnectionDeliversNothingBeforeItIsStarted() throws JMSException
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(connection, queue, "waiting");

        assertNull(consumer.receive(ABSENT_MS));
        connection.start();

        receiveText(consumer, "waiting");
    }

    @Test
    void stopWaitsForARunningListenerToReturnAndThenHoldsDeliveries() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final BlockingListener listener = new BlockingListener();
        session.createConsumer(queue).setMessageListener(listener);
        sendTexts(connection, queue, "first");
        listener.awaitEntered();

        final CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() ->
        {
            run(connection::stop);
            return listener.returned.get();
        });

        assertThrows(TimeoutException.class, () -> stop.get(ABSENT_MS, TimeUnit.MILLISECONDS),
            "stop returned while the listener was still running");
        listener.release.countDown();
        assertTrue(stop.get(RECEIVE_MS, TimeUnit.MILLISECONDS), "stop returned before the listener did");
        sendTexts(connection, queue, "second");
        assertNull(listener.next.poll(ABSENT_MS, TimeUnit.MILLISECONDS), "a stopped connection called a listener");
        connection.start();
        assertEquals("second", listener.next.poll(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void closeWaitsForARunningListenerToReturn() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final BlockingListener listener = new BlockingListener();
        session.createConsumer(queue).setMessageListener(listener);
        sendTexts(connection, queue, "first");
        listener.awaitEntered();

        final CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() ->
        {
            run(connection::close);
            return listener.returned.get();
        });

        assertThrows(TimeoutException.class, () -> close.get(ABSENT_MS, TimeUnit.MILLISECONDS),
            "close returned while the listener was still running");
        listener.release.countDown();
        assertTrue(close.get(RECEIVE_MS, TimeUnit.MILLISECONDS), "close returned before the listener did");
    }

    @Test
    void closingASessionWaitsForItsRunningListenerToReturn() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final BlockingListener listener = new BlockingListener();
        session.createConsumer(queue).setMessageListener(listener);
        sendTexts(connection, queue, "first");
        listener.awaitEntered();

        final CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() ->
        {
            run(session::close);
            return listener.returned.get();
        });

        assertThrows(TimeoutException.class, () -> close.get(ABSENT_MS, TimeUnit.MILLISECONDS),
            "close returned while the listener was still running");
        listener.release.countDown();
        assertTrue(close.get(RECEIVE_MS, TimeUnit.MILLISECONDS), "close returned before the listener did");
    }

    @Test
    void closingAConsumerWaitsForItsRunningListenerToReturn() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final BlockingListener listener = new BlockingListener();
        final MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(listener);
        sendTexts(connection, queue, "first");
        listener.awaitEntered();

        final CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() ->
        {
            run(consumer::close);
            return listener.returned.get();
        });

        assertThrows(TimeoutException.class, () -> close.get(ABSENT_MS, TimeUnit.MILLISECONDS),
            "close returned while the listener was still running");
        listener.release.countDown();
        assertTrue(close.get(RECEIVE_MS, TimeUnit.MILLISECONDS), "close returned before the listener did");
    }

    @Test
    void startingAStartedConnectionOrStoppingAStoppedOneChangesNothing() throws JMSException
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(connection, queue, "a", "b");

        connection.stop();
        assertNull(consumer.receive(ABSENT_MS));
        connection.start();
        connection.start();

        receiveText(consumer, "a");
        receiveText(consumer, "b");
    }

    @Test
    void aListenerCannotCloseOrStopItsOwnConnectionOrCloseItsOwnSession() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final AtomicReference<Exception> closeConnection = new AtomicReference<>();
        final AtomicReference<Exception> stopConnection = new AtomicReference<>();
        final AtomicReference<Exception> closeSession = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener((message) ->
        {
            closeConnection.set(thrownBy(connection::close));
            stopConnection.set(thrownBy(connection::stop));
            closeSession.set(thrownBy(session::close));
            done.countDown();
        });

        sendTexts(connection, queue, "m");

        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertInstanceOf(IllegalStateException.class, closeConnection.get(), "Connection.close from its listener");
        assertInstanceOf(IllegalStateException.class, stopConnection.get(), "Connection.stop from its listener");
        assertInstanceOf(IllegalStateException.class, closeSession.get(), "Session.close from its listener");
    }

    @Test
    void aListenerMayCloseItsOwnConsumer() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        final AtomicReference<Exception> closeConsumer = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        consumer.setMessageListener((message) ->
        {
            closeConsumer.set(thrownBy(consumer::close));
            done.countDown();
        });

        sendTexts(connection, queue, "m");

        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertNull(closeConsumer.get(), "MessageConsumer.close from its own listener is allowed");
        assertThrows(IllegalStateException.class, consumer::getMessageListener);
        assertEquals(List.of(), drain(session.createConsumer(queue)), "the message the listener completed came back");
    }

    @Test
    void aClosedConnectionAndEverythingItMadeRefuseUseButMayBeClosedAgain() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final MessageConsumer consumer = session.createConsumer(queue);
        final QueueBrowser browser = session.createBrowser(queue);
        final Message message = session.createTextMessage("still usable");

        connection.close();

        assertIllegalState(connection::start, connection::stop, () -> connection.createSession(),
            connection::getClientID, () -> connection.setClientID(name), connection::getMetaData,
            connection::getExceptionListener);
        assertIllegalState(() -> session.createQueue(name), () -> session.createTextMessage(), session::recover,
            () -> session.createConsumer(queue), () -> session.createProducer(queue), session::getAcknowledgeMode);
        assertIllegalState(() -> producer.send(message), producer::getDeliveryMode);
        assertIllegalState(consumer::receive, consumer::receiveNoWait, consumer::getMessageSelector);
        assertIllegalState(browser::getEnumeration);
        assertEquals("still usable", message.getBody(String.class));
        connection.close();
        session.close();
        producer.close();
        consumer.close();
        browser.close();
    }

    @Test
    void aClosedSessionAndItsProducersAndConsumersRefuseUse() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final MessageConsumer consumer = session.createConsumer(queue);

        session.close();

        assertIllegalState(() -> session.createTextMessage(), () -> session.createConsumer(queue),
            session::getTransacted, () -> session.createBrowser(queue), session::createTemporaryQueue);
        assertIllegalState(() -> producer.send(connection.createSession().createMessage()), producer::getPriority);
        assertIllegalState(() -> consumer.receive(ABSENT_MS), () -> consumer.setMessageListener(null));
        session.close();
        connection.createSession().createProducer(queue).send(connection.createSession().createTextMessage("ok"));
    }

    @Test
    void aClosedProducerOrConsumerRefusesUseButMayBeClosedAgain() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final MessageConsumer consumer = session.createConsumer(queue);

        producer.close();
        consumer.close();

        assertIllegalState(() -> producer.send(session.createMessage()), producer::getDestination,
            () -> producer.setPriority(1));
        assertIllegalState(consumer::receiveNoWait, consumer::getMessageListener);
        producer.close();
        consumer.close();
        session.createProducer(queue).send(session.createTextMessage("the session is still open"));
    }

    @Test
    void aReceiveBlockedInAnotherThreadReturnsNullWhenTheConsumerCloses() throws Exception
    {
        final Session session = started().createSession();
        final MessageConsumer consumer = session.createConsumer(session.createQueue(name));
        final CompletableFuture<Message> receive = blockedReceive(consumer);

        consumer.close();

        assertNull(receive.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void aReceiveBlockedInAnotherThreadReturnsWhenTheConnectionCloses() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final MessageConsumer consumer = session.createConsumer(session.createQueue(name));
        final CompletableFuture<Message> receive = blockedReceive(consumer);

        connection.close();

        assertNull(receive.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void aClosedIpcConnectionLeavesNoThreadOrAeronClientBehind() throws Exception
    {
        assertClosedConnectionReleasesEverything(broker.ipcUrl());
    }

    @Test
    void aClosedUdpConnectionLeavesNoThreadOrAeronClientBehind() throws Exception
    {
        assertClosedConnectionReleasesEverything(broker.udpUrl());
    }

    private void assertClosedConnectionReleasesEverything(final String url) throws Exception
    {
        final int threadsBefore = aeolusThreads().size();
        final int clientsBefore = SharedAeronClient.openCount();
        final Connection connection = new AeolusConnectionFactory(url).createConnection();
        connection.start();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final CountDownLatch delivered = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener((message) -> delivered.countDown());
        final CountDownLatch completed = new CountDownLatch(1);
        session.createProducer(queue).send(session.createTextMessage("m"), new CountingCompletionListener(completed));
        assertTrue(delivered.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertTrue(completed.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        connection.createSession().createConsumer(queue).setMessageListener((message) -> { });

        connection.close();

        awaitCondition("aeolus- threads back to " + threadsBefore + ", now " + aeolusThreads(),
            () -> aeolusThreads().size() == threadsBefore, Duration.ofSeconds(10));
        awaitCondition("shared Aeron clients back to " + clientsBefore,
            () -> SharedAeronClient.openCount() == clientsBefore, Duration.ofSeconds(10));
    }

    /**
     * Starts a receive() in another thread and returns once that thread waits in it.
     */
    private static CompletableFuture<Message> blockedReceive(final MessageConsumer consumer)
    {
        final AtomicReference<Thread> receiver = new AtomicReference<>();
        final CompletableFuture<Message> receive = CompletableFuture.supplyAsync(() ->
        {
            receiver.set(Thread.currentThread());
            return call(consumer::receive);
        });
        awaitCondition("the receive blocks", () ->
        {
            final Thread thread = receiver.get();
            return null != thread && isWaitingIn(thread, "receive");
        }, Duration.ofSeconds(5));
        return receive;
    }

    private static boolean isWaitingIn(final Thread thread, final String method)
    {
        final Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING)
        {
            return false;
        }
        for (final StackTraceElement frame : thread.getStackTrace())
        {
            if (frame.getMethodName().equals(method) && frame.getClassName().startsWith("io.aeolus.jms."))
            {
                return true;
            }
        }
        return false;
    }

    private static List<String> aeolusThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter((threadName) -> threadName.startsWith("aeolus-"))
            .sorted()
            .toList();
    }

    private static void assertIllegalState(final Executable... calls)
    {
        for (int i = 0; i < calls.length; i++)
        {
            assertThrows(IllegalStateException.class, calls[i], "call " + i + " on a closed object");
        }
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

    private static void run(final Executable call)
    {
        final Exception thrown = thrownBy(call);
        if (null != thrown)
        {
            throw new AssertionError(thrown);
        }
    }

    private static Message call(final JmsCall call)
    {
        try
        {
            return call.call();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * A receive-like call.
     */
    @FunctionalInterface
    private interface JmsCall
    {
        Message call() throws JMSException;
    }

    /**
     * Blocks in its first message until released; hands on later messages' texts.
     */
    private static final class BlockingListener implements MessageListener
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean returned = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        final BlockingQueue<String> next = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(final Message message)
        {
            if (calls.incrementAndGet() > 1)
            {
                next.add(bodyOf(message));
                return;
            }
            entered.countDown();
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            returned.set(true);
        }

        void awaitEntered() throws InterruptedException
        {
            assertTrue(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "the listener was not called");
        }

        private static String bodyOf(final Message message)
        {
            try
            {
                return message.getBody(String.class);
            }
            catch (final JMSException ex)
            {
                throw new AssertionError(ex);
            }
        }
    }

    /**
     * Counts completions down.
     */
    private static final class CountingCompletionListener implements CompletionListener
    {
        private final CountDownLatch latch;

        CountingCompletionListener(final CountDownLatch latch)
        {
            this.latch = latch;
        }

        @Override
        public void onCompletion(final Message message)
        {
            latch.countDown();
        }

        @Override
        public void onException(final Message message, final Exception exception)
        {
        }
    }
}
