package io.aeolus.samples;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IoT monitoring, mixing protocols and both messaging models, with the pipeline in the broker. Sensors are MQTT
 * devices: each publishes its readings as JSON (MQTT 5, QoS 1, retained) to its own MQTT topic
 * {@code sensors/<sensor>/celsius}, which is the JMS topic {@code sensors.<sensor>.celsius}. A routing rule on the
 * broker takes every reading published under the pattern {@code sensors.*.celsius}, checks it against a JSON Schema
 * (a faulty probe reports -999 °C: invalid, dead-lettered with the validator's error as the reason), copies the
 * {@code celsius} field into a message property (so that consumers can read and select on it without parsing) and
 * puts the valid readings on a topic of validated readings and into a queue. A live JMS dashboard subscribes
 * non-durably to the topic: it wants what happens now and nothing it missed. The readings wait in the queue for an
 * analytics job that consumes them in transacted batches: one commit acknowledges a whole batch, and a failure in
 * mid-batch rolls the batch back to be read again. At the end an MQTT dashboard that connects late still gets each
 * sensor's latest reading: it was retained.
 */
@Command(name = "iot", mixinStandardHelpOptions = true,
    description = "IoT monitoring: MQTT sensors publish JSON readings, a broker rule validates them against a JSON " +
        "Schema and maps them to a live JMS dashboard and a queue, batch analytics committing every N readings, " +
        "and a late MQTT dashboard getting the retained readings.")
public final class Iot implements Runnable
{
    private static final String READINGS_PATTERN = "sensors.*.celsius";
    private static final String VALID_TOPIC = "readings.valid";
    private static final String ANALYTICS_QUEUE = "analytics.readings";
    private static final String RULE = "iot-readings";
    private static final String SCHEMA = "{\"type\": \"object\", \"required\": [\"sensor\", \"celsius\"], " +
        "\"properties\": {\"sensor\": {\"type\": \"string\"}, " +
        "\"celsius\": {\"type\": \"number\", \"minimum\": -90, \"maximum\": 90}}}";
    private static final String FAULTY_SENSOR = "sensor-2";
    private static final int FAULT_EVERY = 20;
    private static final Pattern CELSIUS = Pattern.compile("\"celsius\":(-?[0-9.]+)");
    private static final Duration MANAGEMENT_TIMEOUT = Duration.ofSeconds(10);
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

    /**
     * Publishes every reading, then waits for the analytics job to have committed them all.
     */
    public void run()
    {
        final int total = sensors * readings;
        final int faulty = sensors >= 2 ? (readings + FAULT_EVERY / 2 - 1) / FAULT_EVERY : 0;
        try (SampleBroker broker = options.openBroker(Map.of(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0")))
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection dashboard = factory.createConnection();
                Connection analytics = factory.createConnection())
            {
                analytics.start();
                final AdminRoutes routes = new AdminRoutes(new AdminClient(analytics, MANAGEMENT_TIMEOUT));
                // The pipeline is broker state, journaled, made once (an administrator would use "aeolus route
                // create" or the console): validate, map, route. Copy mode: MQTT subscribers of the sensors' topics
                // still get every reading as it was sent.
                routes.create(RULE, "topic:" + READINGS_PATTERN, null, "topic:" + VALID_TOPIC + ",queue:" +
                    ANALYTICS_QUEUE, "copy", "properties", Map.of("copy-json.celsius", "/celsius"), SCHEMA,
                    "dead-letter");
                out().println("Broker rule " + RULE + ": " + READINGS_PATTERN + " -> " + VALID_TOPIC + ", " +
                    ANALYTICS_QUEUE + " (JSON Schema checked, celsius copied into a property, invalid ones " +
                    "dead-lettered)");
                try
                {
                    // Subscribe before the sensors publish: a non-durable subscription sees only what comes after.
                    startDashboard(dashboard);
                    final String mqtt = broker.mqttUrl(mqttUrl);
                    publishReadings(mqtt);
                    final int analysed = analyse(analytics, total - faulty);
                    final int deadLettered = deadLetters(analytics, faulty);
                    lateDashboard(mqtt);
                    out().println("Summary: " + total + " readings published, " + seenLive + " valid ones seen " +
                        "live, " + analysed + " analysed in batches of " + batch + ", " + deadLettered +
                        " invalid dead-lettered");
                }
                finally
                {
                    routes.delete(RULE);
                }
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
                final boolean fault = name.equals(FAULTY_SENSOR) && i % FAULT_EVERY == FAULT_EVERY / 2;
                final double celsius = fault ? -999 : 21 + 3 * Math.sin(i / 10.0 + sensor) + (spike ? 12 : 0);
                final MqttMessage reading = new MqttMessage(("{\"sensor\":\"" + name + "\",\"celsius\":" +
                    Math.round(celsius * 10) / 10.0 + "}").getBytes(StandardCharsets.UTF_8));
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
        // Non-durable: the dashboard receives readings published while it is connected, and nothing else; only
        // valid ones, each with the celsius property the broker's rule copied from the JSON body.
        session.createConsumer(session.createTopic(VALID_TOPIC)).setMessageListener((reading) ->
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

    private int deadLetters(final Connection connection, final int expected) throws JMSException
    {
        // The rule dead-letters an invalid reading to the dead-letter queue of the topic it was published to.
        final String dlq = "DLQ.sensors." + FAULTY_SENSOR + ".celsius";
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue(dlq));
        int count = 0;
        String reason = "";
        for (Message dead = consumer.receive(expected > 0 ? 5_000 : 300); null != dead; dead = consumer.receive(300))
        {
            count++;
            reason = dead.getStringProperty("AEOLUS_DLQ_REASON");
        }
        out().println("Broker dead-lettered " + count + " invalid readings to " + dlq + (count == 0 ? "" :
            ", reason: " + reason));
        session.close();
        return count;
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
     * The reading, from the property the broker's rule copied from the JSON body (the MQTT user property
     * {@code sensor} is a JMS property too).
     */
    private static double celsius(final Message reading) throws JMSException
    {
        return reading.getDoubleProperty("celsius");
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
                    final Matcher celsius = CELSIUS.matcher(new String(message.getPayload(), StandardCharsets.UTF_8));
                    latest.put(topic.split("/")[1], celsius.find() ? celsius.group(1) : "?");
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
