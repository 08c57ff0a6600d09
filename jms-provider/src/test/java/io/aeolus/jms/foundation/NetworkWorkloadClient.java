package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@link LossyNetworkIT}, run in the client's network namespace. It prints its findings as lines
 * the test reads; the test draws the conclusions.
 * <ul>
 *   <li>{@code workload URL USER PASSWORD QUEUE PRODUCERS MESSAGES}: producers on their own connections send
 *   persistent messages numbered per producer while a consumer takes them; then prints
 *   {@code RESULT confirmed=.. failed=.. received=.. missing=.. duplicates=.. unflaggedDuplicates=.. outOfOrder=..}.
 *   </li>
 *   <li>{@code partition URL USER PASSWORD QUEUE}: sends persistent messages and holds a few unacknowledged, prints
 *   {@code READY}, then {@code EXCEPTION_LISTENER} when the connection is declared dead; reconnects once the
 *   network is back and prints the same {@code RESULT} line (held messages come back flagged as redelivered).</li>
 * </ul>
 */
public final class NetworkWorkloadClient
{
    private static final String PRODUCER = "producer";
    private static final String SEQUENCE = "sequence";

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Set<String> received = new HashSet<>();
    private final Map<Integer, Long> lastSequence = new HashMap<>();
    private int duplicates;
    private int unflaggedDuplicates;
    private int outOfOrder;
    private int redelivered;

    private NetworkWorkloadClient()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final NetworkWorkloadClient client = new NetworkWorkloadClient();
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(args[1]);
        if ("workload".equals(args[0]))
        {
            client.workload(factory, args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        }
        else
        {
            client.partition(factory, args[2], args[3], args[4]);
        }
        System.exit(0);
    }

    private void workload(
        final AeolusConnectionFactory factory,
        final String user,
        final String password,
        final String queue,
        final int producers,
        final int messages) throws Exception
    {
        try (Connection consumerConnection = factory.createConnection(user, password))
        {
            final Session session = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            consumerConnection.start();
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final int producer = p;
                final Thread thread = new Thread(() -> produce(factory, user, password, queue, producer, messages));
                thread.start();
                threads.add(thread);
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() - deadlineNs < 0 &&
                (anyAlive(threads) || !received.containsAll(confirmed)))
            {
                final Message message = consumer.receive(200);
                if (null != message)
                {
                    record(message);
                }
            }
            drainQuietly(consumer);
        }
        printResult();
    }

    private void partition(
        final AeolusConnectionFactory factory, final String user, final String password, final String queue)
        throws Exception
    {
        final long[] listenerFiredNs = { 0 };
        final Connection connection = factory.createConnection(user, password);
        connection.setExceptionListener((exception) ->
        {
            listenerFiredNs[0] = System.nanoTime();
            System.out.println("EXCEPTION_LISTENER " + exception.getErrorCode() + " " + exception.getMessage());
        });
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        final MessageConsumer holder = session.createConsumer(session.createQueue(queue));
        connection.start();
        long sequence = 0;
        for (; sequence < 20; sequence++)
        {
            send(session, producer, 0, sequence);
        }
        for (int i = 0; i < 5; i++)
        {
            // Taken and never acknowledged: the broker must give them back when it declares this client dead.
            if (null == holder.receive(10_000))
            {
                throw new IllegalStateException("no message to hold");
            }
        }
        System.out.println("READY");
        while (0 == listenerFiredNs[0])
        {
            try
            {
                send(session, producer, 0, sequence++);
            }
            catch (final JMSException ex)
            {
                // The partition: the send was not confirmed (it is in doubt). The listener reports the death.
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        closeQuietly(connection);
        try (Connection again = reconnect(factory, user, password))
        {
            System.out.println("RECONNECTED");
            final Session drainSession = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = drainSession.createConsumer(drainSession.createQueue(queue));
            again.start();
            drainQuietly(consumer);
        }
        printResult();
    }

    private void produce(
        final AeolusConnectionFactory factory,
        final String user,
        final String password,
        final String queue,
        final int producerIndex,
        final int messages)
    {
        try (Connection connection = factory.createConnection(user, password))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (long n = 0; n < messages; n++)
            {
                try
                {
                    send(session, producer, producerIndex, n);
                }
                catch (final JMSException ex)
                {
                    System.out.println("SEND_FAILED " + producerIndex + "-" + n + " " + ex.getMessage());
                }
            }
        }
        catch (final JMSException ex)
        {
            System.out.println("PRODUCER_FAILED " + producerIndex + " " + ex);
        }
    }

    private void send(final Session session, final MessageProducer producer, final int producerIndex, final long n)
        throws JMSException
    {
        final String id = producerIndex + "-" + n;
        final Message message = session.createTextMessage(id);
        message.setIntProperty(PRODUCER, producerIndex);
        message.setLongProperty(SEQUENCE, n);
        try
        {
            producer.send(message);
        }
        catch (final JMSException ex)
        {
            failed.add(id);
            throw ex;
        }
        confirmed.add(id);
    }

    private void record(final Message message) throws JMSException
    {
        final int producer = message.getIntProperty(PRODUCER);
        final long sequence = message.getLongProperty(SEQUENCE);
        final String id = producer + "-" + sequence;
        if (message.getJMSRedelivered())
        {
            redelivered++;
        }
        if (!received.add(id))
        {
            duplicates++;
            if (!message.getJMSRedelivered())
            {
                unflaggedDuplicates++;
            }
            return;
        }
        final Long last = lastSequence.get(producer);
        if (null != last && sequence < last && !message.getJMSRedelivered())
        {
            outOfOrder++;
        }
        lastSequence.merge(producer, sequence, Math::max);
    }

    private void drainQuietly(final MessageConsumer consumer) throws JMSException
    {
        Message message;
        while (null != (message = consumer.receive(received.containsAll(confirmed) ? 1_000 : 10_000)))
        {
            record(message);
        }
    }

    private static Connection reconnect(
        final AeolusConnectionFactory factory, final String user, final String password) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            try
            {
                return factory.createConnection(user, password);
            }
            catch (final JMSException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw ex;
                }
                // The network is still partitioned: try again shortly.
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private static boolean anyAlive(final List<Thread> threads)
    {
        for (final Thread thread : threads)
        {
            if (thread.isAlive())
            {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(final Connection connection)
    {
        try
        {
            connection.close();
        }
        catch (final JMSException ex)
        {
            System.out.println("CLOSE_FAILED " + ex.getMessage());
        }
    }

    private void printResult()
    {
        final Set<String> missing = new HashSet<>(confirmed);
        missing.removeAll(received);
        System.out.println("RESULT confirmed=" + confirmed.size() + " failed=" + failed.size() + " received=" +
            received.size() + " missing=" + missing.size() + " duplicates=" + duplicates + " unflaggedDuplicates=" +
            unflaggedDuplicates + " outOfOrder=" + outOfOrder + " redelivered=" + redelivered +
            (missing.isEmpty() ? "" : " firstMissing=" + missing.stream().limit(10).toList()));
    }
}
