package io.aeolus.jms.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.JMSContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MQTT retained messages with the Paho MQTT 5 client: delivered at subscribe with the retain flag (wildcards get
 * every match), replaced by a newer retained publish, cleared by an empty one, kept across a broker restart; MQTT 5
 * retain handling and retain-as-published; CONNACK says retain is available; JMS publishes are not retained.
 */
@Timeout(90)
class MqttRetainedIT
{
    private static final long WAIT_S = 10;
    private static final long QUIET_MS = 500;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private String uri;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeEach
    void startBroker()
    {
        start();
    }

    private void start()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0"));
        uri = "tcp://127.0.0.1:" + broker.broker().mqttAddress().getPort();
    }

    @AfterEach
    void stop() throws MqttException
    {
        closeClients();
        broker.close();
    }

    private void closeClients() throws MqttException
    {
        for (final MqttClient client : clients)
        {
            if (client.isConnected())
            {
                client.disconnectForcibly(100, 100, false);
            }
            client.close(true);
        }
        clients.clear();
    }

    private MqttClient connect(final String clientId, final BlockingQueue<Received> inbox) throws MqttException
    {
        final MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(new MqttCallback()
        {
            public void disconnected(final MqttDisconnectResponse response)
            {
            }

            public void mqttErrorOccurred(final MqttException exception)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                inbox.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.isRetained(), message.getQos()));
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
        });
        client.connect(new MqttConnectionOptions());
        return client;
    }

    private static void publish(final MqttClient client, final String topic, final String payload, final int qos)
        throws MqttException
    {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, true);
    }

    private static Map<String, Received> drain(final BlockingQueue<Received> inbox, final int count)
        throws InterruptedException
    {
        final Map<String, Received> byTopic = new TreeMap<>();
        for (int i = 0; i < count; i++)
        {
            final Received received = inbox.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(received, "message " + (i + 1) + " of " + count + "; got " + byTopic);
            byTopic.put(received.topic, received);
        }
        assertNull(inbox.poll(QUIET_MS, TimeUnit.MILLISECONDS), "no more");
        return byTopic;
    }

    @Test
    void shouldDeliverReplaceAndClearRetainedMessagesAndKeepThemAcrossRestart() throws Exception
    {
        final MqttClient publisher = connect("retain-pub", new LinkedBlockingQueue<>());
        publish(publisher, "sensors/kitchen/temp", "20.0", 1);
        publish(publisher, "sensors/kitchen/temp", "21.5", 1);
        publish(publisher, "sensors/hall/temp", "18.0", 2);
        publish(publisher, "sensors/hall/humidity", "40", 0);
        publish(publisher, "sensors/cellar/temp", "12.0", 1);
        publish(publisher, "sensors/cellar/temp", "", 1);

        final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = connect("retain-sub", inbox);
        subscriber.subscribe("sensors/+/temp", 2);

        final Map<String, Received> got = drain(inbox, 2);
        assertEquals(new Received("sensors/kitchen/temp", "21.5", true, 1), got.get("sensors/kitchen/temp"));
        assertEquals(new Received("sensors/hall/temp", "18.0", true, 2), got.get("sensors/hall/temp"));

        closeClients();
        broker.close();
        start();

        final BlockingQueue<Received> after = new LinkedBlockingQueue<>();
        connect("retain-after", after).subscribe("sensors/#", 1);
        final Map<String, Received> kept = drain(after, 3);
        assertEquals("21.5", kept.get("sensors/kitchen/temp").payload);
        assertEquals("18.0", kept.get("sensors/hall/temp").payload);
        assertEquals(new Received("sensors/hall/humidity", "40", true, 0), kept.get("sensors/hall/humidity"));
    }

    @Test
    void shouldFollowRetainHandlingAndRetainAsPublished() throws Exception
    {
        final MqttClient publisher = connect("rh-pub", new LinkedBlockingQueue<>());
        publish(publisher, "status/door", "open", 1);

        final BlockingQueue<Received> never = new LinkedBlockingQueue<>();
        final MqttClient neverClient = connect("rh-never", never);
        final MqttSubscription dontSend = new MqttSubscription("status/door", 1);
        dontSend.setRetainHandling(2);
        neverClient.subscribe(new MqttSubscription[]{ dontSend });

        final BlockingQueue<Received> onlyNew = new LinkedBlockingQueue<>();
        final MqttClient onlyNewClient = connect("rh-new", onlyNew);
        final MqttSubscription ifNew = new MqttSubscription("status/#", 1);
        ifNew.setRetainHandling(1);
        ifNew.setRetainAsPublished(true);
        onlyNewClient.subscribe(new MqttSubscription[]{ ifNew });
        assertEquals(new Received("status/door", "open", true, 1), onlyNew.poll(WAIT_S, TimeUnit.SECONDS));
        onlyNewClient.subscribe(new MqttSubscription[]{ ifNew });
        assertNull(onlyNew.poll(QUIET_MS, TimeUnit.MILLISECONDS), "retain handling 1: not again for an existing one");
        assertNull(never.poll(QUIET_MS, TimeUnit.MILLISECONDS), "retain handling 2: none at subscribe");

        publish(publisher, "status/door", "closed", 1);

        assertEquals(new Received("status/door", "closed", true, 1), onlyNew.poll(WAIT_S, TimeUnit.SECONDS),
            "retain as published keeps the flag");
        assertEquals(new Received("status/door", "closed", false, 1), never.poll(WAIT_S, TimeUnit.SECONDS),
            "a live delivery has retain 0");
    }

    @Test
    void shouldHoldRetainedMessagesBackToTheClientsReceiveMaximum() throws Exception
    {
        final MqttClient publisher = connect("rm-pub", new LinkedBlockingQueue<>());
        for (int i = 0; i < 6; i++)
        {
            publish(publisher, "lamps/l" + i, "on", 1);
        }
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = new MqttClient(uri, "rm-sub", new MemoryPersistence());
        clients.add(subscriber);
        subscriber.setManualAcks(true);
        subscriber.setCallback(new MqttCallback()
        {
            public void disconnected(final MqttDisconnectResponse response)
            {
            }

            public void mqttErrorOccurred(final MqttException exception)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                inbox.add(message);
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
        });
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(2);
        subscriber.connect(options);

        subscriber.subscribe("lamps/+", 1);

        final List<MqttMessage> first = new ArrayList<>();
        first.add(inbox.poll(WAIT_S, TimeUnit.SECONDS));
        first.add(inbox.poll(WAIT_S, TimeUnit.SECONDS));
        assertNull(inbox.poll(QUIET_MS, TimeUnit.MILLISECONDS), "no more than the receive maximum unacknowledged");
        int received = 2;
        while (received < 6)
        {
            final MqttMessage acknowledged = first.remove(0);
            assertNotNull(acknowledged, "after " + received);
            subscriber.messageArrivedComplete(acknowledged.getId(), acknowledged.getQos());
            first.add(inbox.poll(WAIT_S, TimeUnit.SECONDS));
            received++;
        }
        assertNotNull(first.get(first.size() - 1), "all six");
        assertTrue(first.stream().allMatch(MqttMessage::isRetained));
    }

    @Test
    void shouldSayRetainIsAvailableAndNotRetainJmsPublishes() throws Exception
    {
        final MqttClient client = new MqttClient(uri, "rh-connack", new MemoryPersistence());
        clients.add(client);
        final IMqttToken token = client.connectWithResult(new MqttConnectionOptions());
        assertTrue(token.getResponseProperties().isRetainAvailable(), "CONNACK retain available");

        try (JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.createProducer().send(context.createTopic("jms.news"), "from JMS");
        }
        final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        connect("rh-jms", inbox).subscribe("jms/#", 1);

        assertNull(inbox.poll(QUIET_MS, TimeUnit.MILLISECONDS), "a JMS message is not retained");
    }

    private record Received(String topic, String payload, boolean retained, int qos)
    {
    }
}
