package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IoT monitoring, mixing both messaging models. Sensors publish readings to a topic. A live dashboard subscribes
 * non-durably: it wants what happens now and nothing it missed. A bridge subscribes too and forwards every reading
 * into a queue, where the readings wait for an analytics job that consumes them in transacted batches: one commit
 * acknowledges a whole batch, and a failure in mid-batch rolls the batch back to be read again.
 */
@Command(name = "iot", mixinStandardHelpOptions = true,
    description = "IoT monitoring: sensors publish to a topic, a live dashboard, a bridge into a queue, and " +
        "batch analytics committing every N readings.")
public final class Iot implements Runnable
{
    private static final String READINGS_TOPIC = "sensors.readings";
    private static final String ANALYTICS_QUEUE = "analytics.readings";
    private static final double ALERT_CELSIUS = 30.0;

    @Mixin
    private SampleOptions options;

    @Option(names = "--sensors", defaultValue = "5", description = "sensors (default ${DEFAULT-VALUE})")
    private int sensors;

    @Option(names = "--readings", defaultValue = "60", description = "readings per sensor (default ${DEFAULT-VALUE})")
    private int readings;

    @Option(names = "--batch", defaultValue = "100",
        description = "readings per analytics commit (default ${DEFAULT-VALUE})")
    private int batch;

    private final AtomicInteger seenLive = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();

    /**
     * Publishes every reading, then waits for the analytics job to have committed them all.
     */
    public void run()
    {
        final int total = sensors * readings;
        try (SampleBroker broker = options.openBroker())
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection sensorNet = factory.createConnection();
                Connection dashboard = factory.createConnection();
                Connection bridge = factory.createConnection();
                Connection analytics = factory.createConnection())
            {
                // Both subscribe before the sensors publish: a non-durable subscription sees only what comes after.
                startDashboard(dashboard);
                final Thread bridgeThread = startBridge(bridge, total);
                publishReadings(sensorNet);
                final int analysed = analyse(analytics, total);
                bridgeThread.join();
                out().println("Summary: " + total + " readings published, " + seenLive + " seen live, " + forwarded +
                    " forwarded by the bridge, " + analysed + " analysed in batches of " + batch);
            }
        }
        catch (final JMSException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void publishReadings(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createTopic(READINGS_TOPIC));
        // Telemetry is non-persistent: a lost reading is superseded by the next one, and no disk is touched.
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < readings; i++)
        {
            for (int sensor = 1; sensor <= sensors; sensor++)
            {
                final boolean spike = (i * 7 + sensor) % 97 == 0;
                final double celsius = 21 + 3 * Math.sin(i / 10.0 + sensor) + (spike ? 12 : 0);
                final Message reading = session.createMessage();
                reading.setStringProperty("sensor", "sensor-" + sensor);
                reading.setDoubleProperty("celsius", Math.round(celsius * 10) / 10.0);
                producer.send(reading);
            }
        }
        out().println("Sensors published " + sensors * readings + " readings to topic " + READINGS_TOPIC);
    }

    private void startDashboard(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        // Non-durable: the dashboard receives readings published while it is connected, and nothing else.
        session.createConsumer(session.createTopic(READINGS_TOPIC)).setMessageListener((reading) ->
        {
            try
            {
                seenLive.incrementAndGet();
                final double celsius = reading.getDoubleProperty("celsius");
                if (celsius > ALERT_CELSIUS)
                {
                    out().println("Dashboard ALERT: " + reading.getStringProperty("sensor") + " at " + celsius +
                        " °C");
                }
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        connection.start();
    }

    private Thread startBridge(final Connection connection, final int total) throws JMSException
    {
        // Taking a reading from the topic and putting it on the queue happen in one transaction, so a crash
        // between the two neither loses nor doubles it. (In production the bridge's subscription would be durable,
        // so that readings published while the bridge is down wait for it.)
        final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageConsumer fromTopic = session.createConsumer(session.createTopic(READINGS_TOPIC));
        final MessageProducer toQueue = session.createProducer(session.createQueue(ANALYTICS_QUEUE));
        connection.start();
        // A session is single-threaded: from here on only the bridge thread uses it.
        final Thread thread = new Thread(() -> forward(session, fromTopic, toQueue, total), "bridge");
        thread.start();
        return thread;
    }

    private void forward(final Session session, final MessageConsumer fromTopic, final MessageProducer toQueue,
        final int total)
    {
        try
        {
            while (forwarded.get() < total)
            {
                final Message reading = fromTopic.receive(5_000);
                if (null == reading)
                {
                    break;
                }
                toQueue.send(reading);
                session.commit();
                forwarded.incrementAndGet();
            }
            out().println("Bridge forwarded " + forwarded + " readings to queue " + ANALYTICS_QUEUE);
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private int analyse(final Connection connection, final int total) throws JMSException
    {
        final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageConsumer consumer = session.createConsumer(session.createQueue(ANALYTICS_QUEUE));
        connection.start();
        int analysed = 0;
        int inBatch = 0;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        String hottest = "";
        while (analysed < total)
        {
            final Message reading = consumer.receive(5_000);
            if (null != reading)
            {
                analysed++;
                inBatch++;
                final double celsius = reading.getDoubleProperty("celsius");
                sum += celsius;
                if (celsius > max)
                {
                    max = celsius;
                    hottest = reading.getStringProperty("sensor");
                }
            }
            // Commit a full batch, the last partial one, or whatever is in hand when the queue runs dry.
            if (inBatch > 0 && (inBatch == batch || analysed == total || null == reading))
            {
                session.commit();
                out().printf("Analytics committed a batch of %d readings: mean %.1f °C, max %.1f °C (%s)%n",
                    inBatch, sum / inBatch, max, hottest);
                inBatch = 0;
                sum = 0;
                max = Double.NEGATIVE_INFINITY;
            }
            else if (null == reading)
            {
                break;
            }
        }
        return analysed;
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
