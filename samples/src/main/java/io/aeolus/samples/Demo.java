package io.aeolus.samples;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts a broker on its embedded defaults (unless given a URL) and shows messages flowing: a producer over IPC
 * and a consumer over UDP on one queue, with a line of figures every second. Stops on Ctrl-C or after --duration.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a broker on its embedded defaults and show demo traffic " +
        "(producer over IPC, consumer over UDP).")
public final class Demo implements Callable<Integer>
{
    @Option(names = "--url",
        description = "connect to a running broker instead of starting one (e.g. aeolus:udp://127.0.0.1:5150)")
    private String url;

    @Option(names = "--rate", defaultValue = "1000", description = "messages per second to send (default 1000)")
    private int rate;

    @Option(names = "--duration", description = "stop after this many seconds (default: run until Ctrl-C)")
    private Integer durationSeconds;

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        EmbeddedBroker broker = null;
        final String producerUrl;
        final String consumerUrl;
        if (null == url)
        {
            broker = EmbeddedBroker.start();
            producerUrl = broker.ipcUrl();
            consumerUrl = null != broker.udpUrl() ? broker.udpUrl() : broker.ipcUrl();
            System.out.println("Aeolus broker started on its embedded defaults: " + consumerUrl + " and " +
                producerUrl + " (Aeron dir " + broker.broker().context().aeronDirectoryName() + ", data in " +
                broker.broker().context().dataDirectory().toAbsolutePath().normalize() + ")");
        }
        else
        {
            producerUrl = url;
            consumerUrl = url;
        }
        final CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "aeolus-demo-stop"));
        try
        {
            run(producerUrl, consumerUrl, stop);
        }
        finally
        {
            if (null != broker)
            {
                broker.close();
            }
        }
        return 0;
    }

    private void run(final String producerUrl, final String consumerUrl, final CountDownLatch stop)
        throws JMSException, InterruptedException
    {
        final AtomicLong received = new AtomicLong();
        try (Connection producerConnection = new AeolusConnectionFactory(producerUrl).createConnection();
            Connection consumerConnection = new AeolusConnectionFactory(consumerUrl).createConnection())
        {
            final Session consumerSession = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = consumerSession.createQueue("demo.orders");
            final MessageConsumer consumer = consumerSession.createConsumer(queue);
            consumer.setMessageListener((message) -> received.incrementAndGet());
            consumerConnection.start();

            final Session producerSession = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = producerSession.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            final TextMessage message = producerSession.createTextMessage();
            final long startNs = System.nanoTime();
            final long endNs = null == durationSeconds ? Long.MAX_VALUE :
                startNs + Duration.ofSeconds(durationSeconds).toNanos();
            long sent = 0;
            long nextReportNs = startNs + TimeUnit.SECONDS.toNanos(1);
            while (stop.getCount() > 0 && System.nanoTime() - endNs < 0)
            {
                final long dueNs = startNs + sent * 1_000_000_000L / Math.max(1, rate);
                if (System.nanoTime() - dueNs >= 0)
                {
                    message.setText("order " + sent);
                    producer.send(message);
                    sent++;
                }
                else
                {
                    stop.await(100, TimeUnit.MICROSECONDS);
                }
                if (System.nanoTime() - nextReportNs >= 0)
                {
                    nextReportNs += TimeUnit.SECONDS.toNanos(1);
                    System.out.println("demo.orders: sent " + sent + " over " + producerUrl + ", received " +
                        received.get() + " over " + consumerUrl);
                }
            }
            System.out.println("demo done: sent " + sent + ", received " + received.get());
        }
    }
}
