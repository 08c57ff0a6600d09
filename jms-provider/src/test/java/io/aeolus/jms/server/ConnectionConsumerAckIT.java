package io.aeolus.jms.server;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.DestinationInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.XAConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How what a server session's run delivered is acknowledged: as its session's mode says. A listener that throws in
 * an auto-acknowledging session gets the message again; a transaction or XA branch rolled back because the listener
 * threw redelivers it, flagged, and after the destination's limit it is dead-lettered.
 */
@Timeout(60)
class ConnectionConsumerAckIT extends ConnectionConsumerFixture
{
    /**
     * A delivery as the listener saw it.
     */
    private record Seen(String text, boolean redelivered, int deliveryCount)
    {
        static Seen of(final Message message)
        {
            try
            {
                return new Seen(ConnectionConsumerFixture.text(message), message.getJMSRedelivered(),
                    message.getIntProperty("JMSXDeliveryCount"));
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    @Test
    void shouldRedeliverWhenTheListenerThrowsInAnAutoAcknowledgingSession() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.AUTO, 2, (message) ->
        {
            seen.add(Seen.of(message));
            if (seen.size() == 1)
            {
                throw new IllegalStateException("first delivery fails");
            }
        });
        connection.createConnectionConsumer(queue, null, pool, 1);
        connection.start();

        send(queue, "m", 1);

        awaitCondition("two deliveries", () -> seen.size() >= 2);
        assertEquals(new Seen("m-0", false, 1), seen.get(0));
        assertEquals(new Seen("m-0", true, 2), seen.get(1));
        assertEquals(List.of(), drain(queue));
        assertPoolHealthy(pool);
    }

    @Test
    void shouldAcknowledgeEachBatchOfADupsOkSession() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.DUPS_OK, 1,
            (message) -> seen.add(Seen.of(message)));
        connection.createConnectionConsumer(queue, null, pool, 5);
        connection.start();

        send(queue, "m", 3);

        awaitCondition("three deliveries", () -> seen.size() >= 3);
        final Connection management = connect();
        management.start();
        try (AdminClient admin = new AdminClient(management, WAIT))
        {
            awaitCondition("all three acknowledged while the connection consumer goes on", () ->
            {
                final DestinationInfo info = queueInfo(admin, name);
                return info.acknowledged() == 3 && info.inFlight() == 0;
            });
        }
        assertPoolHealthy(pool);
    }

    @Test
    void shouldAcknowledgeWhatAClientAcknowledgedSessionAcknowledges() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.CLIENT, 1, (message) ->
        {
            seen.add(Seen.of(message));
            if (text(message).equals("m-2"))
            {
                acknowledge(message);
            }
        });
        connection.createConnectionConsumer(queue, null, pool, 2);
        connection.start();

        send(queue, "m", 4);

        awaitCondition("four deliveries", () -> seen.size() >= 4);
        pool.sessions().get(0).close();
        assertEquals(List.of("m-3"), drain(queue), "what was delivered after the acknowledge comes back");
        assertPoolHealthy(pool);
    }

    @Test
    void shouldRedeliverThenDeadLetterWhatATransactedSessionRollsBack() throws Exception
    {
        final Connection connection = connect();
        final Queue queue = connection.createSession().createQueue(name);
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.TRANSACTED, 2, (message) ->
        {
            seen.add(Seen.of(message));
            if (text(message).startsWith("poison"))
            {
                throw new IllegalStateException("cannot process " + text(message));
            }
        });
        connection.createConnectionConsumer(queue, null, pool, 1);
        connection.start();

        send(queue, "poison", 1);
        send(queue, "good", 1);

        assertRedeliveredThenDeadLettered(queue, seen, pool);
    }

    @Test
    void shouldCommitWhatAnXaBranchConsumed() throws Exception
    {
        final XAConnection connection = track(factory.createXAConnection());
        final Queue queue = connection.createSession().createQueue(name);
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.XA, 3,
            (message) -> seen.add(Seen.of(message)));
        connection.createConnectionConsumer(queue, null, pool, 3);
        connection.start();

        send(queue, "m", 20);

        awaitCondition("20 deliveries", () -> seen.size() >= 20);
        awaitCondition("every branch committed", () -> pool.batches().size() == pool.commits());
        assertTrue(seen.stream().noneMatch(Seen::redelivered), "nothing redelivered: " + seen);
        assertEquals(List.of(), drain(queue));
        assertEquals(0, pool.rollbacks());
        assertPoolHealthy(pool);
    }

    @Test
    void shouldRedeliverThenDeadLetterWhatAnXaBranchRollsBack() throws Exception
    {
        final XAConnection connection = track(factory.createXAConnection());
        final Queue queue = connection.createSession().createQueue(name);
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final TestServerSessionPool pool = pool(connection, TestServerSessionPool.Mode.XA, 2, (message) ->
        {
            seen.add(Seen.of(message));
            if (text(message).startsWith("poison"))
            {
                throw new IllegalStateException("cannot process " + text(message));
            }
        });
        connection.createConnectionConsumer(queue, null, pool, 1);
        connection.start();

        send(queue, "poison", 1);
        send(queue, "good", 1);

        assertRedeliveredThenDeadLettered(queue, seen, pool);
    }

    private void assertRedeliveredThenDeadLettered(final Queue queue, final List<Seen> seen,
        final TestServerSessionPool pool) throws Exception
    {
        awaitCondition("the poison dead-lettered, the good one committed",
            () -> pool.rollbacks() == MAX_ATTEMPTS && pool.commits() >= 1);
        final List<Seen> poison = seen.stream().filter((s) -> s.text().equals("poison-0")).toList();
        assertEquals(List.of(new Seen("poison-0", false, 1), new Seen("poison-0", true, 2),
            new Seen("poison-0", true, 3)), poison);
        assertEquals(1, seen.stream().filter((s) -> s.text().equals("good-0")).count());
        final Queue deadLetters = connect().createSession().createQueue("DLQ." + queue.getQueueName());
        assertEquals(List.of("poison-0"), drain(deadLetters));
        assertEquals(List.of(), drain(queue));
        assertFalse(seen.size() > MAX_ATTEMPTS + 1, "deliveries " + seen);
        assertPoolHealthy(pool);
    }

    private static DestinationInfo queueInfo(final AdminClient admin, final String queue)
    {
        try
        {
            return admin.queue(queue);
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void acknowledge(final Message message)
    {
        try
        {
            message.acknowledge();
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
