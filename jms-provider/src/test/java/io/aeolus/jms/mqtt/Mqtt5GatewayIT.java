package io.aeolus.jms.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MQTT gateway with the Paho MQTT 5 client: user properties, payload format, content type and message expiry
 * to and from JMS; a will; bad input on a raw socket (a second CONNECT, a malformed and an oversized packet) ends
 * that connection only.
 */
@Timeout(60)
class Mqtt5GatewayIT
{
    private static final long WAIT_S = 10;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private String uri;
    private int port;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0")
            .set(BrokerConfiguration.MQTT_MAX_PACKET_SIZE, "64k"));
        port = broker.broker().mqttAddress().getPort();
        uri = "tcp://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() throws MqttException
    {
        for (final MqttClient client : clients)
        {
            if (client.isConnected())
            {
                client.disconnectForcibly(100, 100, false);
            }
            client.close(true);
        }
        broker.close();
    }

    private MqttClient connect(final String clientId, final BlockingQueue<MqttMessage> inbox,
        final MqttConnectionOptions options) throws MqttException
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
        client.connect(options);
        return client;
    }

    @Test
    void shouldMapPropertiesBothWays() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        final MqttClient mqtt = connect("v5", inbox, new MqttConnectionOptions());
        mqtt.subscribe("replies/+", 1);
        try (JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer consumer = context.createConsumer(context.createTopic("readings.#"));
            final MqttMessage reading = new MqttMessage("{\"t\":21}".getBytes(StandardCharsets.UTF_8), 1, false,
                new MqttProperties());
            reading.getProperties().setPayloadFormat(true);
            reading.getProperties().setContentType("application/json");
            reading.getProperties().setMessageExpiryInterval(60L);
            reading.getProperties().setUserProperties(List.of(new UserProperty("site", "north")));

            mqtt.publish("readings/r1", reading);

            final Message received = consumer.receive(WAIT_S * 1000);
            assertTrue(received instanceof TextMessage, String.valueOf(received));
            assertEquals("{\"t\":21}", ((TextMessage)received).getText());
            assertEquals("north", received.getStringProperty("site"));
            assertEquals("application/json", received.getStringProperty("MQTT_CONTENT_TYPE"));
            assertTrue(received.getJMSExpiration() > System.currentTimeMillis(), "expiration from the interval");

            context.createProducer().setProperty("region", "eu").send(context.createTopic("replies.r1"), "ok");
            final MqttMessage reply = inbox.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(reply);
            assertEquals("ok", new String(reply.getPayload(), StandardCharsets.UTF_8));
            assertTrue(reply.getProperties().getPayloadFormat(), "a TextMessage is UTF-8");
            assertEquals("eu", reply.getProperties().getUserProperties().stream()
                .filter((p) -> p.getKey().equals("region")).findFirst().orElseThrow().getValue());
        }
    }

    @Test
    void shouldPublishTheWillWhenAClientDiesAndNotWhenItDisconnects() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        final MqttClient watcher = connect("watcher", inbox, new MqttConnectionOptions());
        watcher.subscribe("status/#", 1);
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setWill("status/device1", new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, false,
            new MqttProperties()));
        final MqttClient polite = connect("polite", new LinkedBlockingQueue<>(), options);
        polite.disconnect();
        final MqttConnectionOptions dyingOptions = new MqttConnectionOptions();
        dyingOptions.setWill("status/device1", new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1,
            false, new MqttProperties()));
        final MqttClient dying = connect("dying", new LinkedBlockingQueue<>(), dyingOptions);

        // A connection lost without DISCONNECT: the socket closes under the client.
        dying.disconnectForcibly(0, 0, false);

        final MqttMessage will = inbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(will);
        assertEquals("offline", new String(will.getPayload(), StandardCharsets.UTF_8));
        assertEquals(null, inbox.poll(300, TimeUnit.MILLISECONDS), "one will only: the polite client sent none");
    }

    @Test
    void shouldEndOnlyTheConnectionThatSendsBadInput() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        final MqttClient good = connect("good", inbox, new MqttConnectionOptions());
        good.subscribe("ping", 0);

        assertEquals(0x82, secondConnect(), "second CONNECT: DISCONNECT protocol error");
        assertTrue(closedAfter(new byte[]{ 0x00, 0x00 }), "a packet of the reserved type 0 closes");
        assertEquals(0x95, oversized(), "oversized PUBLISH: DISCONNECT packet too large");

        good.publish("ping", "still here".getBytes(StandardCharsets.UTF_8), 0, false);
        assertNotNull(inbox.poll(WAIT_S, TimeUnit.SECONDS));
    }

    private static final byte[] CONNECT_V5 = {
        0x10, 0x0F, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x00, 0x00, 0x02, 'r', 'w' };

    private int secondConnect() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            out.write(CONNECT_V5);
            out.flush();
            final int connAckType = in.read();
            assertEquals(0x20, connAckType);
            in.readNBytes(in.read());
            out.write(CONNECT_V5);
            out.flush();
            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            return in.read();
        }
    }

    private int oversized() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            out.write(CONNECT_V5);
            out.flush();
            assertEquals(0x20, in.read());
            in.readNBytes(in.read());
            // PUBLISH QoS 0 with a remaining length of 100,000 bytes (over the 64k limit).
            out.write(new byte[]{ 0x30, (byte)0xA0, (byte)0x8D, 0x06 });
            out.write(new byte[100_000]);
            out.flush();
            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            return in.read();
        }
    }

    private boolean closedAfter(final byte[] packet) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            socket.getOutputStream().write(packet);
            socket.getOutputStream().flush();
            final InputStream in = socket.getInputStream();
            int read;
            do
            {
                read = in.read();
            }
            while (read >= 0);
            return true;
        }
    }
}
