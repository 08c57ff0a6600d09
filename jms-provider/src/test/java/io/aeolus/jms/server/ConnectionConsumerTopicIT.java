package io.aeolus.jms.server;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection consumers on topics: the plain form is one subscription whatever the number of server sessions, the
 * shared forms share a subscription with other consumers of the same name, and the durable forms keep what is
 * published while they are closed.
 */
@Timeout(60)
class ConnectionConsumerTopicIT extends ConnectionConsumerFixture
{
    private static List<String> sorted(final List<String> texts)
    {
        final List<String> copy = new ArrayList<>(texts);
        Collections.sort(copy);
        return copy;
    }

    private static List<String> texts(final String prefix, final int count)
    {
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            texts.add(prefix + "-" + i);
        }
        return sorted(texts);
    }

    @Test
    void shouldDeliverEachPublishedMessageOnceToAPlainTopicConnectionConsumer() throws Exception
    {
        final Connection connection = connect();
        final Topic topic = connection.createSession().createTopic(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 3,
            (message) -> received.add(text(message)));
        connection.createConnectionConsumer(topic, "n < 15", pool, 2);

        final Session session = connection.createSession();
        final var producer = session.createProducer(topic);
        for (int i = 0; i < 20; i++)
        {
            final var message = session.createTextMessage("m-" + i);
            message.setIntProperty("n", i);
            producer.send(message);
        }
        connection.start();

        awaitCondition("15 messages", () -> received.size() >= 15);
        assertEquals(texts("m", 15), sorted(received), "the selector's messages, each once, kept from creation on");
        assertPoolHealthy(pool);
    }

    @Test
    void shouldShareASubscriptionBetweenConnectionConsumersOfTwoConnections() throws Exception
    {
        final Topic topic = connect().createSession().createTopic(name);
        final List<String> first = new CopyOnWriteArrayList<>();
        final List<String> second = new CopyOnWriteArrayList<>();
        final Connection a = connect();
        final Connection b = connect();
        final TestServerSessionPool poolA = pool(a, TestServerSessionPool.Mode.AUTO, 2,
            (message) -> first.add(text(message)));
        final TestServerSessionPool poolB = pool(b, TestServerSessionPool.Mode.AUTO, 2,
            (message) -> second.add(text(message)));
        a.createSharedConnectionConsumer(topic, "shared", null, poolA, 1);
        b.createSharedConnectionConsumer(topic, "shared", null, poolB, 1);
        a.start();
        b.start();
        awaitCondition("both waiting for messages", () -> poolA.idleCount() == 1 && poolB.idleCount() == 1);

        send(topic, "m", 40);

        awaitCondition("40 messages", () -> first.size() + second.size() >= 40);
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(texts("m", 40), sorted(all), "each once between the two");
        assertTrue(!first.isEmpty() && !second.isEmpty(), "both had some: " + first.size() + "/" + second.size());
    }

    @Test
    void shouldKeepWhatIsPublishedWhileADurableConnectionConsumerIsClosed() throws Exception
    {
        final Topic topic = connect().createSession().createTopic(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final Connection connection = connect();
        connection.setClientID(name);
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 3,
            (message) -> received.add(text(message)));
        final ConnectionConsumer durable = connection.createDurableConnectionConsumer(topic, "d", null, pool, 2);
        connection.start();
        send(topic, "a", 10);
        awaitCondition("10 messages", () -> received.size() >= 10);

        durable.close();
        send(topic, "b", 5);
        connection.createDurableConnectionConsumer(topic, "d", null, pool, 2);

        awaitCondition("15 messages", () -> received.size() >= 15);
        assertEquals(texts("a", 10), received.subList(0, 10), "one consumer at a time: in order");
        assertEquals(texts("b", 5), received.subList(10, 15));
        assertPoolHealthy(pool);
    }

    @Test
    void shouldPassAnUnsharedDurableSubscriptionFromOneXaServerSessionToTheNext() throws Exception
    {
        final Topic topic = connect().createSession().createTopic(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final XAConnection connection = track(factory.createXAConnection());
        connection.setClientID(name);
        final List<JMSException> errors = new CopyOnWriteArrayList<>();
        connection.setExceptionListener(errors::add);
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.XA, 3,
            (message) -> received.add(text(message)));
        connection.createDurableConnectionConsumer(topic, "d", null, pool, 2);
        connection.start();

        send(topic, "m", 12);

        awaitCondition("12 messages", () -> received.size() >= 12);
        awaitCondition("every branch committed", () -> pool.batches().size() == pool.commits());
        final List<String> inOrder = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            inOrder.add("m-" + i);
        }
        assertEquals(inOrder, received, "one consumer at a time: in order, each once");
        assertTrue(pool.batches().stream().allMatch((size) -> size > 0), "no batch lost to a hand-over: " +
            pool.batches());
        assertEquals(0, pool.rollbacks());
        assertEquals(List.of(), errors, "a hand-over is not an error: the next consumer waits for the broker to " +
            "have forgotten the last one");
        assertPoolHealthy(pool);
    }

    @Test
    void shouldKeepWhatIsPublishedWhileASharedDurableConnectionConsumerIsClosed() throws Exception
    {
        final Topic topic = connect().createSession().createTopic(name);
        final List<String> received = new CopyOnWriteArrayList<>();
        final Connection connection = connect();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.TRANSACTED, 2,
            (message) -> received.add(text(message)));
        final ConnectionConsumer durable = connection.createSharedDurableConnectionConsumer(topic, name, null, pool,
            3);
        connection.start();
        send(topic, "a", 6);
        awaitCondition("6 messages", () -> received.size() >= 6);

        durable.close();
        send(topic, "b", 6);
        final ConnectionConsumer again = connection.createSharedDurableConnectionConsumer(topic, name, null, pool, 3);

        awaitCondition("12 messages", () -> received.size() >= 12);
        assertEquals(sorted(texts("a", 6)), sorted(received.subList(0, 6)));
        assertEquals(sorted(texts("b", 6)), sorted(received.subList(6, 12)));
        again.close();
        connection.createSession().unsubscribe(name);
        assertPoolHealthy(pool);
    }
}
