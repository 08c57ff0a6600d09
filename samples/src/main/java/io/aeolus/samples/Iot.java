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
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IoT monitoring, mixing protocols and both messaging models. Sensors are MQTT devices: each publishes its readings
 * (MQTT 5, QoS 1, retained) to its own MQTT topic {@code sensors/<sensor>/celsius}, which is the JMS topic
 * {@code sensors.<sensor>.celsius}. A live JMS dashboard subscribes non-durably to the pattern
 * {@code sensors.*.celsius}: it wants what happens now and nothing it missed. A JMS bridge subscribes too and
 * forwards every reading into a queue, where the readings wait for an analytics job that consumes them in transacted
 * batches: one commit acknowledges a whole batch, and a failure in mid-batch rolls the batch back to be read again.
 * At the end an MQTT dashboard that connects late still gets each sensor's latest reading: it was retained.
 */
@Command(name = "iot", mixinStandardHelpOptions = true,
    description = "IoT monitoring: MQTT sensors publish readings, a live JMS dashboard, a bridge into a queue, " +
        "batch analytics committing every N readings, and a late MQTT dashboard getting the retained readings.")
public final class Iot implements Runnable
{
    private static final String READINGS_PATTERN = "sensors.*.celsius";
    private static final String ANALYTICS_QUEUE = "analytics.readings";
    private static final double ALERT_CELSIUS = 30.0;
    private static final long WAIT_S = 30;

    @Mixin
    private SampleOptions options;

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883",
        description = "MQTT URL of the broker at --url (default ${DEFAULT-VALUE}); an embedded broker opens its own")
    private String mqttUrl;

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
        try (SampleBroker broker = options.openBroker(Map.of(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0")))
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection dashboard = factory.createConnection();
                Connection bridge = factory.createConnection();
                Connection analytics = factory.createConnection())
            {
                // Both subscribe before the sensors publish: a non-durable subscription sees only what comes after.
                startDashboard(dashboard);
                final Thread bridgeThread = startBridge(bridge, total);
                final String mqtt = broker.mqttUrl(mqttUrl);
                publishReadings(mqtt);
                final int analysed = analyse(analytics, total);
                bridgeThread.join();
                lateDashboard(mqtt);
                out().println("Summary: " + total + " readings published, " + seenLive + " seen live, " + forwarded +
                    " forwarded by the bridge, " + analysed + " analysed in batches of " + batch);
            }
        }
        catch (final JMSException | MqttException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Every sensor is an MQTT client of its own, publishing on its own thread.
     */
    private void publishReadings(final String mqtt) throws InterruptedException
    {
        final List<Thread> threads = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
        for (int sensor = 1; sensor <= sensors; sensor++)
        {
            final int id = sensor;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    sensor(mqtt, id);
                }
                catch (final MqttException ex)
                {
                    synchronized (failures)
                    {
                        failures.add(new IllegalStateException("sensor-" + id + ": " + ex, ex));
                    }
                }
            }, "sensor-" + sensor);
            thread.start();
            threads.add(thread);
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        if (!failures.isEmpty())
        {
            throw failures.get(0);
        }
        out().println("Sensors published " + sensors * readings + " readings over MQTT to sensors/+/celsius");
    }

    private void sensor(final String mqtt, final int sensor) throws MqttException
    {
        final String name = "sensor-" + sensor;
        final MqttClient client = new MqttClient(mqtt, name, new MemoryPersistence());
        try
        {
            client.connect(new MqttConnectionOptions());
            for (int i = 0; i < readings; i++)
            {
                final boolean spike = (i * 7 + sensor) % 97 == 0;
                final double celsius = 21 + 3 * Math.sin(i / 10.0 + sensor) + (spike ? 12 : 0);
                final MqttMessage reading = new MqttMessage(String.valueOf(Math.round(celsius * 10) / 10.0)
                    .getBytes(StandardCharsets.UTF_8));
                // QoS 1: publish() returns once the broker has the reading. Retained: a dashboard that connects
                // later gets this sensor's latest reading at once.
                reading.setQos(1);
                reading.setRetained(true);
                final MqttProperties properties = new MqttProperties();
                properties.setPayloadFormat(true);
                properties.setUserProperties(List.of(new UserProperty("sensor", name)));
                reading.setProperties(properties);
                client.publish("sensors/" + name + "/celsius", reading);
            }
            client.disconnect();
        }
        finally
        {
            client.close();
        }
    }

    private void lateDashboard(final String mqtt) throws MqttException, InterruptedException
    {
        final Map<String, String> latest = new TreeMap<>();
        final MqttClient client = new MqttClient(mqtt, "late-dashboard", new MemoryPersistence());
        client.setCallback(new Retained(latest));
        try
        {
            client.connect(new MqttConnectionOptions());
            client.subscribe("sensors/+/celsius", 1);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            synchronized (latest)
            {
                while (latest.size() < sensors && System.nanoTime() - deadlineNs < 0)
                {
                    latest.wait(100);
                }
                out().println("Late MQTT dashboard got the retained latest reading of " + latest.size() +
                    " sensors: " + latest);
            }
            client.disconnect();
        }
        finally
        {
            client.close();
        }
    }

    private void startDashboard(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        // Non-durable: the dashboard receives readings published while it is connected, and nothing else.
        session.createConsumer(session.createTopic(READINGS_PATTERN)).setMessageListener((reading) ->
        {
            try
            {
                seenLive.incrementAndGet();
                final double celsius = celsius(reading);
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
        final MessageConsumer fromTopic = session.createConsumer(session.createTopic(READINGS_PATTERN));
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
                final double celsius = celsius(reading);
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

    /**
     * An MQTT 5 payload marked UTF-8 arrives as a {@code TextMessage}; the MQTT user property is a JMS property.
     */
    private static double celsius(final Message reading) throws JMSException
    {
        return Double.parseDouble(((TextMessage)reading).getText());
    }

    private PrintWriter out()
    {
        return options.out();
    }

    /**
     * Collects the retained readings, the latest per sensor.
     */
    private static final class Retained implements MqttCallback
    {
        private final Map<String, String> latest;

        Retained(final Map<String, String> latest)
        {
            this.latest = latest;
        }

        public void messageArrived(final String topic, final MqttMessage message)
        {
            if (message.isRetained())
            {
                synchronized (latest)
                {
                    latest.put(topic.split("/")[1], new String(message.getPayload(), StandardCharsets.UTF_8));
                    latest.notifyAll();
                }
            }
        }

        public void disconnected(final MqttDisconnectResponse response)
        {
        }

        public void mqttErrorOccurred(final MqttException exception)
        {
        }

        public void deliveryComplete(final IMqttToken token)
        {
        }

        public void connectComplete(final boolean reconnect, final String serverUri)
        {
        }

        public void authPacketArrived(final int reasonCode, final MqttProperties properties)
        {
        }
    }
}
