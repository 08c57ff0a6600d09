package io.aeolus.jms.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.SubscriptionInfo;
import jakarta.jms.Connection;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens to an MQTT session over time and between connections: keep-alive timeout, MQTT 5 will delay,
 * session expiry, and topic aliases set by the client (raw socket where Paho would hide the packets).
 */
@Timeout(60)
class MqttSessionLifecycleIT
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
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0"));
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

    @Test
    void shouldDisconnectASilentClientAfterOneAndAHalfKeepAlivesAndPublishItsWill() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        connect("watcher", inbox, new MqttConnectionOptions()).subscribe("status/#", 1);
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            final long startNs = System.nanoTime();
            // Keep-alive 1 s, a will on status/silent; then nothing, not even PINGREQ.
            socket.getOutputStream().write(connect("silent", 1, 0, "status/silent", "gone", 0));
            socket.getOutputStream().flush();
            final InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(in.read());

            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            assertEquals(0x8D, in.read(), "reason: keep alive timeout");
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(elapsedMs >= 1400, "not before 1.5 keep-alives: " + elapsedMs + " ms");
            final MqttMessage will = inbox.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(will, "the will of a client that timed out");
            assertEquals("gone", new String(will.getPayload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldPublishADelayedWillOnlyAfterItsDelay() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        connect("watcher", inbox, new MqttConnectionOptions()).subscribe("status/#", 1);
        final MqttClient dying = connect("delayed", new LinkedBlockingQueue<>(), willOptions(1, 30));
        final long droppedNs = System.nanoTime();

        dying.disconnectForcibly(0, 0, false);

        final MqttMessage will = inbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(will, "the delayed will");
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - droppedNs);
        assertTrue(elapsedMs >= 900, "not before its 1 s delay: " + elapsedMs + " ms");
        assertEquals("offline", new String(will.getPayload(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldPublishADelayedWillWhenTheSessionExpiresFirst() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        connect("watcher", inbox, new MqttConnectionOptions()).subscribe("status/#", 1);
        final MqttClient dying = connect("shortSession", new LinkedBlockingQueue<>(), willOptions(30, 1));

        // MQTT 3.1.2-5 (will delay): the will goes at its delay or when the session ends, whichever is first.
        dying.disconnectForcibly(0, 0, false);

        final MqttMessage will = inbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(will, "the will when the 1 s session expired, before its 30 s delay");
        assertEquals("offline", new String(will.getPayload(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldNotPublishADelayedWillWhenTheClientComesBackInTime() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        connect("watcher", inbox, new MqttConnectionOptions()).subscribe("status/#", 1);
        final MqttClient first = connect("returning", new LinkedBlockingQueue<>(), willOptions(2, 30));
        first.disconnectForcibly(0, 0, false);
        final MqttClient second = connect("returning", new LinkedBlockingQueue<>(), willOptions(2, 30));

        assertNull(inbox.poll(3500, TimeUnit.MILLISECONDS), "no will: the session resumed within the delay");

        // The resumed connection's own will still works: dropped again, its will comes once.
        second.disconnectForcibly(0, 0, false);
        assertNotNull(inbox.poll(WAIT_S, TimeUnit.SECONDS), "the second connection's will");
        assertNull(inbox.poll(300, TimeUnit.MILLISECONDS), "one will only");
    }

    @Test
    void shouldPublishADelayedWillAtOnceWhenACleanStartEndsTheSession() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        connect("watcher", inbox, new MqttConnectionOptions()).subscribe("status/#", 1);
        final MqttClient first = connect("restarting", new LinkedBlockingQueue<>(), willOptions(30, 60));
        first.disconnectForcibly(0, 0, false);
        final MqttConnectionOptions clean = new MqttConnectionOptions();
        clean.setCleanStart(true);

        // MQTT 3.1.2-8, 3.1.2.4: clean start discards the old session, which ends it: its will goes now.
        connect("restarting", new LinkedBlockingQueue<>(), clean);

        final MqttMessage will = inbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(will, "the will of the session the clean start ended (delay 30 s)");
        assertEquals("offline", new String(will.getPayload(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldDiscardAnExpiredSessionAndKeepOneThatReturnsInTime() throws Exception
    {
        final MqttClient keeper = connect("keeper", new LinkedBlockingQueue<>(), persistent(30));
        keeper.subscribe("expiry/kept", 1);
        final MqttClient expirer = connect("expirer", new LinkedBlockingQueue<>(), persistent(1));
        expirer.subscribe("expiry/lost", 1);
        keeper.disconnect();
        expirer.disconnect();
        final MqttClient publisher = connect("publisher", new LinkedBlockingQueue<>(), new MqttConnectionOptions());
        publisher.publish("expiry/kept", "for keeper".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("expiry/lost", "for expirer".getBytes(StandardCharsets.UTF_8), 1, false);

        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(WAIT_S));
            await("the expired session's subscription is deleted", () -> !hasSubscription(admin, "expirer"));
            assertTrue(hasSubscription(admin, "keeper"), "the session within its expiry keeps its subscription");
        }

        final BlockingQueue<MqttMessage> keeperInbox = new LinkedBlockingQueue<>();
        final IMqttToken kept = connectWithResult("keeper", keeperInbox, persistent(30));
        assertTrue(kept.getSessionPresent(), "keeper's session is present");
        final MqttMessage queued = keeperInbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(queued, "the message queued while keeper was away");
        assertEquals("for keeper", new String(queued.getPayload(), StandardCharsets.UTF_8));

        final BlockingQueue<MqttMessage> expirerInbox = new LinkedBlockingQueue<>();
        final IMqttToken lost = connectWithResult("expirer", expirerInbox, persistent(1));
        assertFalse(lost.getSessionPresent(), "expirer's session is gone");
        clients.get(clients.size() - 1).subscribe("expiry/lost", 1);
        assertNull(expirerInbox.poll(500, TimeUnit.MILLISECONDS), "the queued message went with the session");
    }

    @Test
    void shouldEndTheSessionAtOnceWhenDisconnectSetsItsExpiryToZero() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(WAIT_S));
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            socket.getOutputStream().write(connect("rawExpiry", 60, 3600, null, null, 0));
            final InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(in.read());
            socket.getOutputStream().write(subscribe(1, "expiry/raw", 1));
            assertEquals(0x90, in.read(), "SUBACK");
            in.readNBytes(in.read());
            await("the persistent session's subscription", () -> hasSubscription(admin, "rawExpiry"));

            // MQTT 3.14.2.2.2: the DISCONNECT's session expiry replaces the CONNECT's; 0 ends the session now.
            socket.getOutputStream().write(new byte[]{ (byte)0xE0, 7, 0x00, 5, 0x11, 0, 0, 0, 0 });
            socket.getOutputStream().flush();

            assertEquals(-1, in.read(), "the server closes the connection");
            await("the ended session's subscription is deleted", () -> !hasSubscription(admin, "rawExpiry"));
        }
    }

    @Test
    void shouldRefuseASessionExpiryOnDisconnectWhenConnectHadNone() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            socket.getOutputStream().write(connect("noExpiry", 60, 0, null, null, 0));
            final InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(in.read());

            // MQTT 3.14.2-2: CONNECT's session expiry was 0, so a non-zero one on DISCONNECT is a protocol error.
            socket.getOutputStream().write(new byte[]{ (byte)0xE0, 7, 0x00, 5, 0x11, 0, 0, 0, 60 });
            socket.getOutputStream().flush();

            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            assertEquals(0x82, in.read(), "reason: protocol error");
        }
    }

    @Test
    void shouldResolveTopicAliasesAndRejectOneOverTheMaximum() throws Exception
    {
        final BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        final List<String> topics = new ArrayList<>();
        connect("aliasWatcher", inbox, topics, new MqttConnectionOptions()).subscribe("alias/#", 0);
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            socket.getOutputStream().write(connect("aliaser", 60, 0, null, null, 0));
            final InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(in.read());

            socket.getOutputStream().write(publish("alias/a", 1, "one"));
            socket.getOutputStream().write(publish("", 1, "two"));
            socket.getOutputStream().write(publish("alias/b", 2, "three"));
            socket.getOutputStream().write(publish("", 1, "four"));
            socket.getOutputStream().flush();
            final List<String> received = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                final MqttMessage message = inbox.poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(message, "message " + (i + 1));
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }
            assertEquals(List.of("one", "two", "three", "four"), received);
            synchronized (topics)
            {
                assertEquals(List.of("alias/a", "alias/a", "alias/b", "alias/a"), topics);
            }

            // The CONNACK advertised a maximum of 16: alias 17 is invalid (MQTT 3.3.2-9, reason 0x94).
            socket.getOutputStream().write(publish("alias/c", 17, "five"));
            socket.getOutputStream().flush();
            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            assertEquals(0x94, in.read(), "reason: topic alias invalid");
        }
    }

    @Test
    void shouldRejectTopicAliasZero() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            socket.getOutputStream().write(connect("aliasZero", 60, 0, null, null, 0));
            final InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(in.read());

            // MQTT 3.3.2-8: a topic alias of 0 is not permitted.
            socket.getOutputStream().write(publish("alias/zero", 0, "zero"));
            socket.getOutputStream().flush();
            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            assertEquals(0x94, in.read(), "reason: topic alias invalid");
        }
    }

    @Test
    void shouldRejectAnAliasThatWasNeverSet() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(WAIT_S));
            socket.getOutputStream().write(connect("aliasUnknown", 60, 0, null, null, 0));
            final InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(in.read());

            // MQTT 3.3.4: an empty topic with an alias the client never mapped is a protocol error.
            socket.getOutputStream().write(publish("", 5, "nowhere"));
            socket.getOutputStream().flush();
            assertEquals(0xE0, in.read(), "DISCONNECT");
            in.read();
            assertEquals(0x82, in.read(), "reason: protocol error");
        }
    }

    private static boolean hasSubscription(final AdminClient admin, final String clientId)
    {
        try
        {
            for (final SubscriptionInfo info : admin.subscriptions())
            {
                if (info.name().contains("mqtt:" + clientId + ":"))
                {
                    return true;
                }
            }
            return false;
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within " + WAIT_S + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static MqttConnectionOptions persistent(final long expiryS)
    {
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(expiryS);
        return options;
    }

    private static MqttConnectionOptions willOptions(final long delayS, final long expiryS)
    {
        final MqttConnectionOptions options = persistent(expiryS);
        options.setWill("status/device", new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, false,
            new MqttProperties()));
        final MqttProperties willProperties = new MqttProperties();
        willProperties.setWillDelayInterval(delayS);
        options.setWillMessageProperties(willProperties);
        return options;
    }

    private MqttClient connect(final String clientId, final BlockingQueue<MqttMessage> inbox,
        final MqttConnectionOptions options) throws MqttException
    {
        return connect(clientId, inbox, new ArrayList<>(), options);
    }

    private IMqttToken connectWithResult(final String clientId, final BlockingQueue<MqttMessage> inbox,
        final MqttConnectionOptions options) throws MqttException
    {
        final MqttClient client = client(clientId, inbox, new ArrayList<>());
        return client.connectWithResult(options);
    }

    private MqttClient connect(final String clientId, final BlockingQueue<MqttMessage> inbox,
        final List<String> topics, final MqttConnectionOptions options) throws MqttException
    {
        final MqttClient client = client(clientId, inbox, topics);
        client.connect(options);
        return client;
    }

    private MqttClient client(final String clientId, final BlockingQueue<MqttMessage> inbox,
        final List<String> topics) throws MqttException
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
                synchronized (topics)
                {
                    topics.add(topic);
                }
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
        return client;
    }

    /**
     * @return an MQTT 5 CONNECT, clean start, with an optional QoS 0 will (topic null for none).
     */
    private static byte[] connect(final String clientId, final int keepAliveS, final long sessionExpiryS,
        final String willTopic, final String willPayload, final long willDelayS)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(5);
        body.write(0x02 | (null == willTopic ? 0 : 0x04));
        body.write(keepAliveS >> 8);
        body.write(keepAliveS & 0xFF);
        if (sessionExpiryS > 0)
        {
            body.write(5);
            body.write(0x11);
            int32(body, sessionExpiryS);
        }
        else
        {
            body.write(0);
        }
        string(body, clientId);
        if (null != willTopic)
        {
            if (willDelayS > 0)
            {
                body.write(5);
                body.write(0x18);
                int32(body, willDelayS);
            }
            else
            {
                body.write(0);
            }
            string(body, willTopic);
            string(body, willPayload);
        }
        return packet(0x10, body.toByteArray());
    }

    /**
     * @return an MQTT 5 QoS 0 PUBLISH with a topic alias property.
     */
    private static byte[] publish(final String topic, final int alias, final String payload)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(3);
        body.write(0x23);
        body.write(alias >> 8);
        body.write(alias & 0xFF);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x30, body.toByteArray());
    }

    private static byte[] subscribe(final int packetId, final String filter, final int qos)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.write(0);
        string(body, filter);
        body.write(qos);
        return packet(0x82, body.toByteArray());
    }

    private static byte[] packet(final int type, final byte[] body)
    {
        final ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(type);
        int length = body.length;
        do
        {
            int digit = length % 128;
            length /= 128;
            if (length > 0)
            {
                digit |= 0x80;
            }
            packet.write(digit);
        }
        while (length > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void string(final ByteArrayOutputStream out, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    private static void int32(final ByteArrayOutputStream out, final long value)
    {
        out.write((int)(value >> 24) & 0xFF);
        out.write((int)(value >> 16) & 0xFF);
        out.write((int)(value >> 8) & 0xFF);
        out.write((int)value & 0xFF);
    }
}
