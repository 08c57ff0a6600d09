package io.aeolus.jms.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MQTT gateway with the Paho 3.1.1 client against an embedded broker: publish and subscribe at QoS 0, 1 and 2,
 * wildcards, MQTT to JMS and JMS to MQTT, persistent sessions across a reconnect, bad input.
 */
@Timeout(60)
class MqttGatewayIT
{
    private static final long WAIT_S = 10;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private String uri;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0"));
        uri = "tcp://127.0.0.1:" + broker.broker().mqttAddress().getPort();
    }

    @AfterEach
    void stop() throws MqttException
    {
        for (final MqttClient client : clients)
        {
            if (client.isConnected())
            {
                client.disconnectForcibly(100, 100);
            }
            client.close(true);
        }
        broker.close();
    }

    private MqttClient connect(final String clientId, final boolean cleanSession, final BlockingQueue<String[]> inbox)
        throws MqttException
    {
        final MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(new MqttCallback()
        {
            public void connectionLost(final Throwable cause)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                inbox.add(new String[]{ topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    String.valueOf(message.getQos()), String.valueOf(message.isDuplicate()) });
            }

            public void deliveryComplete(final IMqttDeliveryToken token)
            {
            }
        });
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return client;
    }

    @Test
    void shouldPublishAndSubscribeAtEachQosWithWildcards() throws Exception
    {
        final BlockingQueue<String[]> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = connect("sub", true, inbox);
        subscriber.subscribe(new String[]{ "sensors/+/temp", "alerts/#" }, new int[]{ 1, 2 });
        final MqttClient publisher = connect("pub", true, new LinkedBlockingQueue<>());

        publisher.publish("sensors/kitchen/temp", "21.5".getBytes(StandardCharsets.UTF_8), 0, false);
        publisher.publish("sensors/hall/temp", "19".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("sensors/hall/humidity", "40".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("alerts/fire/floor1", "!".getBytes(StandardCharsets.UTF_8), 2, false);

        final List<String> received = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final String[] message = inbox.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(message, "received " + received);
            received.add(message[0] + "=" + message[1] + "@" + message[2]);
        }
        assertTrue(received.contains("sensors/kitchen/temp=21.5@0"), received.toString());
        assertTrue(received.contains("sensors/hall/temp=19@1"), received.toString());
        assertTrue(received.contains("alerts/fire/floor1=!@2"), received.toString());
        assertNull(inbox.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldCarryMqttPublishesToJmsSubscribers() throws Exception
    {
        try (JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer consumer = context.createConsumer(context.createTopic("factory.*.pressure"));
            final MqttClient publisher = connect("pub", true, new LinkedBlockingQueue<>());

            publisher.publish("factory/line1/pressure", new byte[]{ 1, 2, 3 }, 1, false);

            final Message message = consumer.receive(WAIT_S * 1000);
            assertTrue(message instanceof BytesMessage, String.valueOf(message));
            final byte[] body = message.getBody(byte[].class);
            assertArrayEquals(new byte[]{ 1, 2, 3 }, body);
            assertEquals("factory.line1.pressure", ((jakarta.jms.Topic)message.getJMSDestination()).getTopicName());
            assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
        }
    }

    @Test
    void shouldCarryJmsMessagesToMqttSubscribers() throws Exception
    {
        final BlockingQueue<String[]> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = connect("sub", true, inbox);
        subscriber.subscribe("orders/#", 1);
        try (JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.createProducer().send(context.createTopic("orders.eu.created"), "order 7");

            final String[] message = inbox.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(message);
            assertEquals("orders/eu/created", message[0]);
            assertEquals("order 7", message[1]);
            assertEquals("1", message[2]);
        }
    }

    @Test
    void shouldShareASubscriptionBetweenMqttAndJms() throws Exception
    {
        final BlockingQueue<String[]> inbox = new LinkedBlockingQueue<>();
        final MqttClient mqttWorker = connect("worker", true, inbox);
        mqttWorker.subscribe("$share/workers/jobs/+", 1);
        try (JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer jmsWorker = context.createSharedConsumer(context.createTopic("jobs.*"), "workers");
            for (int i = 0; i < 10; i++)
            {
                context.createProducer().send(context.createTopic("jobs.j" + i), "job " + i);
            }

            int jms = 0;
            int mqtt = 0;
            while (jms + mqtt < 10)
            {
                final Message message = jmsWorker.receive(100);
                if (null != message)
                {
                    assertTrue(message instanceof TextMessage);
                    jms++;
                }
                if (null != inbox.poll(100, TimeUnit.MILLISECONDS))
                {
                    mqtt++;
                }
            }
            assertEquals(10, jms + mqtt);
            assertTrue(jms > 0 && mqtt > 0, "jms " + jms + " mqtt " + mqtt);
        }
    }

    @Test
    void shouldKeepAPersistentSessionsMessagesWhileItIsAway() throws Exception
    {
        final BlockingQueue<String[]> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = connect("durable-sub", false, inbox);
        subscriber.subscribe("news/#", 1);
        subscriber.disconnect();
        final MqttClient publisher = connect("pub", true, new LinkedBlockingQueue<>());
        publisher.publish("news/today", "hello".getBytes(StandardCharsets.UTF_8), 1, false);

        final MqttClient again = connect("durable-sub", false, inbox);

        final String[] message = inbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(message);
        assertEquals("news/today", message[0]);
        assertEquals("hello", message[1]);
        assertTrue(again.isConnected());
    }

    @Test
    void shouldRefuseAnInvalidFilterAndKeepServing() throws Exception
    {
        final MqttClient client = connect("bad", true, new LinkedBlockingQueue<>());

        // Paho checks filters itself; a '.' is valid MQTT but is the broker's level separator, so it is refused.
        final MqttException ex = assertThrows(MqttException.class, () -> client.subscribe("a/b.c", 1));

        assertNotNull(ex);
        assertTrue(client.isConnected(), "a refused filter does not end the connection");
        final BlockingQueue<String[]> inbox = new LinkedBlockingQueue<>();
        final MqttClient other = connect("good", true, inbox);
        other.subscribe("a/b", 0);
        other.publish("a/b", "x".getBytes(StandardCharsets.UTF_8), 0, false);
        assertNotNull(inbox.poll(WAIT_S, TimeUnit.SECONDS));
    }
}
