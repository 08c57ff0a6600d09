package io.aeolus.samples;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Low latency on one host. A trading-style publisher and a consumer reach the broker over IPC (shared memory, no
 * network stack), send non-persistent messages (no disk on the path) and play ping-pong: the publisher sends an
 * order, the consumer answers on a second queue, and the publisher records the round trip in an HdrHistogram.
 * Percentiles are printed every second, then a summary. A round trip is two messages through the broker.
 */
@Command(name = "low-latency", mixinStandardHelpOptions = true,
    description = "Low-latency ping-pong over IPC, non-persistent, round-trip percentiles every second.")
public final class LowLatency implements Runnable
{
    private static final long NS_PER_US = 1000;

    @Mixin
    private SampleOptions options;

    @Option(names = "--duration", defaultValue = "5", description = "seconds to measure (default ${DEFAULT-VALUE})")
    private int durationSeconds;

    @Option(names = "--warmup", defaultValue = "1",
        description = "seconds of warm-up, not recorded (default ${DEFAULT-VALUE})")
    private int warmupSeconds;

    @Option(names = "--size", defaultValue = "64", description = "message body in bytes (default ${DEFAULT-VALUE})")
    private int size;

    @Option(names = "--idle", defaultValue = "backoff", description = "idle strategy of an embedded broker: " +
        "backoff, yield or spin (spin and yield take a core each; default ${DEFAULT-VALUE})")
    private String idleStrategy;

    private volatile boolean running = true;

    /**
     * Plays ping-pong for the warm-up and the measured duration.
     */
    public void run()
    {
        try (SampleBroker broker = options.openBroker(Map.of(BrokerConfiguration.IDLE_STRATEGY, idleStrategy)))
        {
            // broker.url() is IPC for the embedded broker: aeolus:ipc is the URL for a broker on the same host.
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection publisher = factory.createConnection();
                Connection responder = factory.createConnection())
            {
                final Thread pong = startResponder(responder);
                pingPong(publisher);
                running = false;
                pong.join();
            }
        }
        catch (final JMSException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Thread startResponder(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer pings = session.createConsumer(session.createQueue("latency.ping"));
        final MessageProducer pongs = session.createProducer(session.createQueue("latency.pong"));
        pongs.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        connection.start();
        final Thread thread = new Thread(() ->
        {
            try
            {
                while (running)
                {
                    final Message ping = pings.receive(100);
                    if (null != ping)
                    {
                        pongs.send(ping);
                    }
                }
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
        }, "responder");
        thread.start();
        return thread;
    }

    private void pingPong(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer pings = session.createProducer(session.createQueue("latency.ping"));
        // Non-persistent: the broker keeps the message in memory only, so no disk write is on the path.
        pings.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        final MessageConsumer pongs = session.createConsumer(session.createQueue("latency.pong"));
        connection.start();
        final BytesMessage order = session.createBytesMessage();
        order.writeBytes(new byte[size]);

        final Histogram interval = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final long startNs = System.nanoTime();
        final long measureFromNs = startNs + TimeUnit.SECONDS.toNanos(warmupSeconds);
        final long endNs = measureFromNs + TimeUnit.SECONDS.toNanos(durationSeconds);
        long nextReportNs = measureFromNs + TimeUnit.SECONDS.toNanos(1);
        out().println("Warming up for " + warmupSeconds + " s, then measuring for " + durationSeconds + " s (" +
            size + "-byte messages, round trip in microseconds)");
        long nowNs = startNs;
        while (nowNs - endNs < 0)
        {
            final long sentNs = System.nanoTime();
            pings.send(order);
            if (null == pongs.receive(TimeUnit.SECONDS.toMillis(5)))
            {
                throw new IllegalStateException("no pong within 5 s");
            }
            nowNs = System.nanoTime();
            if (nowNs - measureFromNs >= 0)
            {
                interval.recordValue(nowNs - sentNs);
            }
            if (nowNs - nextReportNs >= 0)
            {
                nextReportNs += TimeUnit.SECONDS.toNanos(1);
                print(String.format("%4d s", TimeUnit.NANOSECONDS.toSeconds(nowNs - measureFromNs)), interval);
                total.add(interval);
                interval.reset();
            }
        }
        total.add(interval);
        print("total ", total);
    }

    private void print(final String label, final Histogram histogram)
    {
        out().printf("%s %,9d round trips  p50 %6.1f  p90 %6.1f  p99 %6.1f  p99.9 %7.1f  max %8.1f us%n", label,
            histogram.getTotalCount(), us(histogram.getValueAtPercentile(50)),
            us(histogram.getValueAtPercentile(90)), us(histogram.getValueAtPercentile(99)),
            us(histogram.getValueAtPercentile(99.9)), us(histogram.getMaxValue()));
    }

    private static double us(final long ns)
    {
        return ns / (double)NS_PER_US;
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
