package io.aeolus.samples;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Order processing on a persistent queue. An order service sends JSON orders; a pool of workers takes them one at
 * a time with {@code CLIENT_ACKNOWLEDGE}, so an order counts as done only once the worker acknowledges it. Poison
 * orders (ones no worker can process) fail on every delivery and, after the broker's redelivery limit, land in the
 * dead-letter queue, from where an operator fixes and retries them. One worker dies mid-run, after shipping an order
 * but before acknowledging it: the order goes to another worker, flagged redelivered, and nothing is lost.
 */
@Command(name = "orders", mixinStandardHelpOptions = true,
    description = "Order processing: persistent queue, CLIENT_ACKNOWLEDGE workers, poison orders to the DLQ and " +
        "back, a worker that dies without losing orders.")
public final class Orders implements Runnable
{
    static final String QUEUE = "orders";

    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "20", description = "orders to send (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--poison-every", defaultValue = "7",
        description = "every n-th order is poison (default ${DEFAULT-VALUE})")
    private int poisonEvery;

    @Option(names = "--workers", defaultValue = "3", description = "workers (default ${DEFAULT-VALUE})")
    private int workers;

    @Option(names = "--crash-after", defaultValue = "3",
        description = "orders the last worker ships and acknowledges before it dies while shipping the next " +
            "(default ${DEFAULT-VALUE})")
    private int crashAfter;

    private final Set<Integer> shipped = ConcurrentHashMap.newKeySet();
    private final AtomicInteger shippedAfterCrash = new AtomicInteger();
    private final AtomicInteger shippedAfterFix = new AtomicInteger();
    private final CountDownLatch firstOrderTaken = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * Runs the sample on the calling thread and returns when every order has shipped.
     */
    public void run()
    {
        // A low redelivery limit keeps the sample short; a real broker's default is 10 attempts.
        try (SampleBroker broker = options.openBroker(Map.of(BrokerConfiguration.MAX_DELIVERY_ATTEMPTS, "3")))
        {
            // prefetch=1: a worker holds no more than the order in hand, so slow work does not hoard orders.
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url("prefetch=1"));
            sendOrders(factory);
            // The worker that will die starts first, so that it surely holds an order when it dies.
            final List<Thread> threads = new ArrayList<>();
            threads.add(startWorker(factory, "worker-" + workers, crashAfter));
            firstOrderTaken.await(10, TimeUnit.SECONDS);
            for (int i = 1; i < workers; i++)
            {
                threads.add(startWorker(factory, "worker-" + i, Integer.MAX_VALUE));
            }
            retryDeadLetters(factory, poisonCount());
            awaitShipped();
            running = false;
            for (final Thread thread : threads)
            {
                thread.join();
            }
            out().println("Summary: " + count + " orders, " + shipped.size() + " shipped (" + shippedAfterFix +
                " fixed and retried from DLQ." + QUEUE + ", " + shippedAfterCrash + " redelivered after a worker " +
                "died), " + (count - shipped.size()) + " lost");
        }
        catch (final JMSException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void sendOrders(final ConnectionFactory factory) throws JMSException
    {
        try (Connection connection = factory.createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // PERSISTENT is the JMS default: send() returns once the broker has the order on disk.
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            for (int i = 1; i <= count; i++)
            {
                final boolean poison = i % poisonEvery == 0;
                producer.send(session.createTextMessage(orderJson(1000 + i, poison)));
            }
            out().println("Order service sent " + count + " orders to queue " + QUEUE + " (" + poisonCount() +
                " of them poison: no items)");
        }
    }

    private static String orderJson(final int orderId, final boolean poison)
    {
        final String items = poison ? "[]" :
            "[{\"sku\": \"BOOK-" + (orderId % 13) + "\", \"qty\": " + (1 + orderId % 3) + "}]";
        return "{\"order_id\": " + orderId + ", \"customer_id\": \"C-" + (orderId % 17) + "\", \"items\": " + items +
            ", \"total\": " + (orderId % 90 + 9.5) + ", \"timestamp\": \"" + Instant.now() + "\"}";
    }

    private Thread startWorker(final ConnectionFactory factory, final String name, final int dieAfter)
        throws JMSException
    {
        final Connection connection = factory.createConnection();
        final Thread thread = new Thread(() -> work(connection, name, dieAfter), name);
        thread.start();
        return thread;
    }

    private void work(final Connection connection, final String name, final int dieAfter)
    {
        try
        {
            // CLIENT_ACKNOWLEDGE: the broker keeps each order until the worker says it is done with it.
            final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            connection.start();
            int shippedHere = 0;
            while (running)
            {
                final Message message = consumer.receive(100);
                if (null == message)
                {
                    continue;
                }
                firstOrderTaken.countDown();
                final Outcome outcome = process(session, message, name, shippedHere == dieAfter);
                if (Outcome.DIED == outcome)
                {
                    break;
                }
                shippedHere += Outcome.SHIPPED == outcome ? 1 : 0;
            }
            // For the worker that dies: closing its connection (or a crash, which the broker notices after the
            // liveness timeout) hands the order it did not acknowledge back to the broker.
            connection.close();
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Outcome process(final Session session, final Message message, final String name, final boolean dieNow)
        throws JMSException
    {
        final String json = ((TextMessage)message).getText();
        final int orderId = Integer.parseInt(field(json, "order_id"));
        try
        {
            ship(json);
        }
        catch (final IllegalArgumentException ex)
        {
            // JMS: recover() redelivers every unacknowledged message of the session, counting a failed delivery.
            out().println(name + " failed order " + orderId + " (delivery " +
                message.getIntProperty("JMSXDeliveryCount") + "): " + ex.getMessage());
            session.recover();
            return Outcome.FAILED;
        }
        if (dieNow)
        {
            out().println(name + " DIES after shipping order " + orderId + ", before acknowledging it");
            return Outcome.DIED;
        }
        message.acknowledge();
        shipped.add(orderId);
        String note = "";
        if (message.getJMSRedelivered())
        {
            // The order may have been handled before (here it was shipped by the worker that died): real
            // processing must be idempotent, e.g. by checking the order id against what was already shipped.
            note = " (redelivered)";
            shippedAfterCrash.incrementAndGet();
        }
        else if (null != message.getJMSCorrelationID())
        {
            note = " (retried after a fix)";
            shippedAfterFix.incrementAndGet();
        }
        out().println(name + " shipped order " + orderId + note);
        return Outcome.SHIPPED;
    }

    private static void ship(final String json)
    {
        if (json.contains("\"items\": []"))
        {
            throw new IllegalArgumentException("order has no items");
        }
        try
        {
            Thread.sleep(20); // the work of shipping
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void retryDeadLetters(final ConnectionFactory factory, final int expected) throws JMSException
    {
        try (Connection connection = factory.createConnection())
        {
            // Transacted: taking the dead letter and sending its fixed copy succeed or fail together.
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer deadLetters = session.createConsumer(session.createQueue("DLQ." + QUEUE));
            connection.start();
            for (int i = 0; i < expected; i++)
            {
                final TextMessage dead = (TextMessage)deadLetters.receive(TimeUnit.SECONDS.toMillis(30));
                if (null == dead)
                {
                    throw new IllegalStateException("dead letter " + (i + 1) + " of " + expected + " never came");
                }
                final String original = dead.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION");
                out().println("DLQ." + QUEUE + " holds order " + field(dead.getText(), "order_id") + ": reason " +
                    dead.getStringProperty("AEOLUS_DLQ_REASON") + " after " +
                    dead.getIntProperty("AEOLUS_DLQ_DELIVERY_COUNT") + " deliveries, from " + original);
                final TextMessage fixed = session.createTextMessage(
                    dead.getText().replace("\"items\": []", "\"items\": [{\"sku\": \"BOOK-1\", \"qty\": 1}]"));
                fixed.setJMSCorrelationID(dead.getJMSMessageID()); // ties the retry to the original order
                session.createProducer(session.createQueue(original)).send(fixed);
                session.commit();
                out().println("Operator fixed order " + field(dead.getText(), "order_id") + " and sent it back to " +
                    original);
            }
        }
    }

    private void awaitShipped() throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (shipped.size() < count && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(10);
        }
    }

    private int poisonCount()
    {
        return count / poisonEvery;
    }

    private PrintWriter out()
    {
        return options.out();
    }

    private enum Outcome
    {
        SHIPPED, FAILED, DIED
    }

    private static String field(final String json, final String name)
    {
        final int start = json.indexOf(':', json.indexOf("\"" + name + "\"")) + 1;
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0)
        {
            end++;
        }
        return json.substring(start, end).trim();
    }
}
