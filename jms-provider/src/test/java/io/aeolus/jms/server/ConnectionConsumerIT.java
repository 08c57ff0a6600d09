package io.aeolus.jms.server;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection consumers on a queue (JMS 8.2): messages spread over the pool's server sessions, each delivered once,
 * in batches of at most maxMessages; a pool with no free session holds delivery back without losing anything;
 * closing, stopping and closing the connection; and the arguments refused.
 */
@Timeout(60)
class ConnectionConsumerIT extends ConnectionConsumerFixture
{
    private static List<String> expected(final String prefix, final int count)
    {
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            texts.add(prefix + "-" + i);
        }
        return texts;
    }

    @Test
    void shouldDeliverEveryMessageOnceAcrossTheServerSessions() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 3, (message) ->
        {
            threads.add(Thread.currentThread().getName());
            received.add(text(message));
        });
        final ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 2);
        connection.start();

        send(queue, "m", 60);

        awaitCondition("60 messages", () -> received.size() >= 60);
        final List<String> sorted = new ArrayList<>(received);
        Collections.sort(sorted);
        final List<String> all = expected("m", 60);
        Collections.sort(all);
        assertEquals(all, sorted, "each message once");
        assertSame(pool, consumer.getServerSessionPool());
        assertTrue(pool.batches().stream().allMatch((size) -> size <= 2), "batches " + pool.batches());
        consumer.close();
        assertEquals(List.of(), drain(queue));
        assertPoolHealthy(pool);
    }

    @Test
    void shouldLoadUpToMaxMessagesIntoEachServerSession() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        send(queue, "m", 10);
        final List<String> received = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 1,
            (message) -> received.add(text(message)));
        connection.createConnectionConsumer(queue, null, pool, 4);

        connection.start();

        awaitCondition("10 messages", () -> received.size() >= 10);
        assertEquals(expected("m", 10), received, "one session: in order");
        final List<Integer> batches = pool.batches();
        assertEquals(4, batches.get(0), "the first batch is full: " + batches);
        assertTrue(batches.stream().allMatch((size) -> size >= 1 && size <= 4), "batches " + batches);
        assertEquals(10, batches.stream().mapToInt(Integer::intValue).sum());
        assertPoolHealthy(pool);
    }

    @Test
    void shouldWaitForAFreeServerSessionWithoutLosingMessages() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> received = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 2, (message) ->
        {
            received.add(text(message));
            awaitQuietly(release);
        });
        connection.createConnectionConsumer(queue, null, pool, 1);
        connection.start();

        send(queue, "m", 8);

        awaitCondition("both sessions busy and the consumer waiting for one",
            () -> received.size() == 2 && pool.waitingThreads() == 1);
        release.countDown();
        awaitCondition("8 messages", () -> received.size() >= 8);
        final List<String> sorted = new ArrayList<>(received);
        Collections.sort(sorted);
        assertEquals(expected("m", 8), sorted);
        assertEquals(List.of(), drain(queue));
        assertPoolHealthy(pool);
    }

    @Test
    void shouldGiveBackLoadedMessagesWhenClosedBeforeTheServerSessionRuns() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 1,
            (message) -> received.add(text(message)));
        pool.closeGate();
        final ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 5);
        send(queue, "m", 5);
        connection.start();
        awaitCondition("a server session started with its batch", () -> pool.startedCount() == 1);

        consumer.close();
        pool.openGate();

        awaitCondition("the session back in the pool", () -> pool.idleCount() == 1);
        assertEquals(List.of(), received, "nothing delivered by the closed connection consumer");
        assertEquals(expected("m", 5), drain(queue), "all delivered elsewhere, in order");
        assertThrows(IllegalStateException.class, consumer::getServerSessionPool);
        assertPoolHealthy(pool);
    }

    @Test
    void shouldPauseWhileTheConnectionIsStopped() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 2,
            (message) -> received.add(text(message)));
        connection.createConnectionConsumer(queue, null, pool, 3);
        connection.start();
        send(queue, "a", 3);
        awaitCondition("3 messages", () -> received.size() >= 3);

        connection.stop();
        send(queue, "b", 3);
        TimeUnit.MILLISECONDS.sleep(ABSENT_MS);
        final int whileStopped = received.size();
        connection.start();

        assertEquals(3, whileStopped, "nothing delivered while stopped");
        awaitCondition("6 messages", () -> received.size() >= 6);
        assertPoolHealthy(pool);
    }

    @Test
    void shouldCloseWithItsConnection() throws Exception
    {
        final Connection connection = factory.createConnection();
        final Queue queue = connection.createSession().createQueue(name);
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 1, (message) -> { });
        final ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 1);
        connection.start();
        awaitCondition("the consumer waiting for messages with a session", () -> pool.idleCount() == 0);

        connection.close();

        assertThrows(IllegalStateException.class, consumer::getServerSessionPool);
        consumer.close();
        send(queue, "m", 2);
        assertEquals(expected("m", 2), drain(queue), "the closed connection's consumers hold nothing");
    }

    @Test
    void shouldRefuseBadArguments() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final Topic topic = session.createTopic(name);
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 1, (message) -> { });

        assertThrows(JMSException.class, () -> connection.createConnectionConsumer(queue, null, null, 1));
        assertThrows(JMSException.class, () -> connection.createConnectionConsumer(queue, null, pool, 0));
        assertThrows(InvalidDestinationException.class,
            () -> connection.createConnectionConsumer((Queue)null, null, pool, 1));
        assertThrows(InvalidSelectorException.class,
            () -> connection.createConnectionConsumer(queue, "color = ", pool, 1));
        assertThrows(InvalidSelectorException.class,
            () -> connection.createSharedConnectionConsumer(topic, "s", "x >", pool, 1));
        assertThrows(JMSException.class, () -> connection.createSharedConnectionConsumer(topic, "", null, pool, 1));
        assertThrows(JMSException.class,
            () -> connection.createSharedDurableConnectionConsumer(topic, null, null, pool, 1));
        assertThrows(IllegalStateException.class,
            () -> connection.createDurableConnectionConsumer(topic, "d", null, pool, 1), "no client id");
        connection.close();
        assertThrows(IllegalStateException.class, () -> connection.createConnectionConsumer(queue, null, pool, 1));
    }

    @Test
    void shouldCloseAndTellTheExceptionListenerWhenThePoolGivesASessionOfAnotherConnection() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<JMSException> reported = new CopyOnWriteArrayList<>();
        connection.setExceptionListener(reported::add);
        final TestServerSessionPool foreign = pool(connect(), TestServerSessionPool.Mode.AUTO, 1, (message) -> { });
        final ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, foreign, 1);

        connection.start();

        awaitCondition("the error reported", () -> !reported.isEmpty());
        assertTrue(reported.get(0) instanceof IllegalStateException, "reported " + reported);
        assertTrue(reported.get(0).getMessage().contains("another connection"), reported.get(0).getMessage());
        awaitCondition("closed", () -> isClosed(consumer));
    }

    @Test
    void shouldRefuseToRunASessionWithoutAListener() throws Exception
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final MessageListener listener = (message) -> { };

        assertThrows(IllegalStateRuntimeException.class, session::run);
        session.setMessageListener(listener);

        assertSame(listener, session.getMessageListener());
        session.run();
    }

    private static boolean isClosed(final ConnectionConsumer consumer)
    {
        try
        {
            consumer.getServerSessionPool();
            return false;
        }
        catch (final JMSException ex)
        {
            return true;
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
