package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Competing consumers: a burst of payment requests on one queue, worked off by a pool of workers of different
 * speeds. The broker gives each message to exactly one worker. How evenly the work spreads depends on the
 * prefetch: with a large one a worker takes a batch ahead and a slow worker sits on payments the fast ones could
 * have done; with prefetch 1 or 0 each worker takes the next payment only when it is free, so the share follows
 * the speed.
 */
@Command(name = "payments", mixinStandardHelpOptions = true,
    description = "Competing consumers: a burst of payments over workers of different speeds, with prefetch " +
        "1000 (the default), 10, 1 and 0.")
public final class Payments implements Runnable
{
    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "200", description = "payments per burst (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--work-ms", split = ",", defaultValue = "2,5,25",
        description = "milliseconds each worker takes per payment, one per worker (default ${DEFAULT-VALUE})")
    private List<Integer> workMs;

    @Option(names = "--prefetch", split = ",", defaultValue = "1000,10,1,0",
        description = "prefetch values to compare (default ${DEFAULT-VALUE})")
    private List<Integer> prefetches;

    /**
     * Runs one burst per prefetch value and prints each worker's share.
     */
    public void run()
    {
        try (SampleBroker broker = options.openBroker())
        {
            for (final int prefetch : prefetches)
            {
                burst(broker, prefetch);
            }
        }
        catch (final JMSException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void burst(final SampleBroker broker, final int prefetch) throws JMSException, InterruptedException
    {
        // prefetch is a client option: how many payments a worker may hold before it has finished the one in hand.
        final ConnectionFactory factory = new AeolusConnectionFactory(broker.url("prefetch=" + prefetch));
        final CountDownLatch done = new CountDownLatch(count);
        final List<Connection> workers = new ArrayList<>();
        final AtomicInteger[] taken = new AtomicInteger[workMs.size()];
        for (int i = 0; i < taken.length; i++)
        {
            taken[i] = new AtomicInteger();
            workers.add(startWorker(factory, workMs.get(i), taken[i], done));
        }

        final long startNs = System.nanoTime();
        sendBurst(factory);
        if (!done.await(40, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("payments left unprocessed: " + done.getCount());
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        for (final Connection worker : workers)
        {
            worker.close();
        }

        final StringBuilder line = new StringBuilder(String.format("prefetch %4d:", prefetch));
        for (int i = 0; i < taken.length; i++)
        {
            line.append(String.format("  worker-%d (%d ms) took %3d (%2d%%)", i + 1, workMs.get(i), taken[i].get(),
                100 * taken[i].get() / count));
        }
        options.out().println(line + "   all " + count + " done in " + elapsedMs + " ms");
    }

    private void sendBurst(final ConnectionFactory factory) throws JMSException
    {
        try (Connection connection = factory.createConnection())
        {
            // One transaction for the whole burst: the broker syncs its journal once, and the workers see either
            // every payment or none.
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(session.createQueue("payments"));
            for (int i = 1; i <= count; i++)
            {
                producer.send(session.createTextMessage("{\"payment_id\": " + i + ", \"amount\": " + i % 500 + "}"));
            }
            session.commit();
        }
    }

    private static Connection startWorker(final ConnectionFactory factory, final int workMs,
        final AtomicInteger taken, final CountDownLatch done) throws JMSException
    {
        final Connection connection = factory.createConnection();
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        // Every worker consumes from the same queue: the broker hands each payment to one of them.
        session.createConsumer(session.createQueue("payments")).setMessageListener((message) ->
        {
            try
            {
                Thread.sleep(workMs); // the work: calling the payment provider
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            taken.incrementAndGet();
            done.countDown();
        });
        connection.start();
        return connection;
    }
}
