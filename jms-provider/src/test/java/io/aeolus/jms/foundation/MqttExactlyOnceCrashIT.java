package io.aeolus.jms.foundation;

import org.agrona.IoUtil;
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

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code kill -9} of the broker process while a Paho client publishes at QoS 2 in a persistent session to a QoS 2
 * subscriber with a persistent session: after the restart (both clients resume their sessions, resending what they
 * had in flight) every completed publish reached the subscriber exactly once, and no message was delivered twice.
 * And a {@code kill -9} while retained messages are replaced: every topic keeps its last acknowledged value (or the
 * one in flight after it).
 */
@Timeout(240)
class MqttExactlyOnceCrashIT
{
    private static final int MESSAGES = 300;

    @TempDir
    Path dataDir;

    private String aeronDir;
    private int udpPort;
    private Path config;
    private String uri;
    private ChildJvm broker;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeEach
    void configure() throws Exception
    {
        aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        udpPort = LivenessIT.freeUdpPort();
        final int mqttPort = freeTcpPort();
        config = dataDir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.mqtt.endpoint=127.0.0.1:" + mqttPort + "\n");
        uri = "tcp://127.0.0.1:" + mqttPort;
        broker = start();
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final MqttClient client : clients)
        {
            try
            {
                if (client.isConnected())
                {
                    client.disconnectForcibly(100, 100);
                }
                client.close();
            }
            catch (final MqttException ex)
            {
                System.out.println("closing " + client.getClientId() + ": " + ex);
            }
        }
        broker.close();
        IoUtil.delete(new File(aeronDir), true);
        Files.deleteIfExists(Path.of(aeronDir + ".lock"));
    }

    @Test
    void shouldDeliverQos2ExactlyOnceAcrossKillNine() throws Exception
    {
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        final MqttClient subscriber = client("q2-sub", received);
        subscriber.connect(persistent());
        subscriber.subscribe("q2/#", 2);
        final MqttClient publisher = client("q2-pub", new ConcurrentHashMap<>());
        publisher.connect(persistent());
        final List<String> completed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger next = new AtomicInteger();
        final Thread publishing = new Thread(() -> publish(publisher, next, completed));
        publishing.start();
        LivenessIT.awaitCondition(() -> completed.size() >= 60 || !publishing.isAlive(), Duration.ofSeconds(90));
        assertTrue(completed.size() >= 60, "completed before the kill: " + completed.size());

        broker.kill();
        publishing.join(30_000);
        broker = start();
        // Resuming the sessions: the publisher resends its unfinished PUBLISH (DUP) or PUBREL, the broker its PUBREL.
        reconnect(subscriber);
        reconnect(publisher);
        final int inFlight = next.get();
        next.incrementAndGet();
        publish(publisher, next, completed);

        assertEquals(MESSAGES, completed.size() + 1, "all but the one in flight at the kill completed");
        LivenessIT.awaitCondition(() -> received.keySet().containsAll(completed), Duration.ofSeconds(60));
        final List<String> lost = new ArrayList<>(completed);
        lost.removeAll(received.keySet());
        assertTrue(lost.isEmpty(), "completed but lost: " + lost);
        final Map<String, Integer> twice = new TreeMap<>();
        received.forEach((text, count) ->
        {
            if (count.get() > 1)
            {
                twice.put(text, count.get());
            }
        });
        assertTrue(twice.isEmpty(), "delivered more than once: " + twice + " (in flight at the kill: m" +
            inFlight + ")");
    }

    @Test
    void shouldKeepAcknowledgedRetainedMessagesAcrossKillNine() throws Exception
    {
        final MqttClient publisher = client("r-pub", new ConcurrentHashMap<>());
        publisher.connect(persistent());
        final int[] lastAcknowledged = new int[10];
        java.util.Arrays.fill(lastAcknowledged, -1);
        final Thread publishing = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < 100_000; i++)
                {
                    publisher.publish("r/" + (i % 10), String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1, true);
                    synchronized (lastAcknowledged)
                    {
                        lastAcknowledged[i % 10] = i;
                    }
                }
            }
            catch (final MqttException ex)
            {
                System.out.println("retained publishing ended: " + ex);
            }
        });
        publishing.start();
        LivenessIT.awaitCondition(() ->
        {
            synchronized (lastAcknowledged)
            {
                return lastAcknowledged[9] >= 99;
            }
        }, Duration.ofSeconds(90));

        broker.kill();
        publishing.join(30_000);
        broker = start();
        final Map<String, AtomicInteger> retained = new ConcurrentHashMap<>();
        final Map<String, String> byTopic = new ConcurrentHashMap<>();
        final MqttClient subscriber = new MqttClient(uri, "r-sub", new MemoryPersistence());
        clients.add(subscriber);
        subscriber.setCallback(callback(retained, byTopic));
        subscriber.connect(persistent());
        subscriber.subscribe("r/+", 1);

        LivenessIT.awaitCondition(() -> byTopic.size() == 10, Duration.ofSeconds(30));
        synchronized (lastAcknowledged)
        {
            for (int topic = 0; topic < 10; topic++)
            {
                final int value = Integer.parseInt(byTopic.get("r/" + topic));
                assertTrue(value == lastAcknowledged[topic] || value == lastAcknowledged[topic] + 10,
                    "r/" + topic + " retains " + value + ", last acknowledged " + lastAcknowledged[topic]);
            }
        }
    }

    private static void publish(final MqttClient publisher, final AtomicInteger next, final List<String> completed)
    {
        try
        {
            for (int i = next.get(); i < MESSAGES; i = next.incrementAndGet())
            {
                final String text = "m" + i;
                // Returns once the broker's PUBCOMP arrived.
                publisher.publish("q2/sensor", text.getBytes(StandardCharsets.UTF_8), 2, false);
                completed.add(text);
            }
        }
        catch (final MqttException ex)
        {
            System.out.println("publishing ended after " + completed.size() + ": " + ex);
        }
    }

    private MqttClient client(final String clientId, final Map<String, AtomicInteger> received) throws MqttException
    {
        final MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(callback(received, new ConcurrentHashMap<>()));
        return client;
    }

    private static MqttCallback callback(final Map<String, AtomicInteger> received, final Map<String, String> byTopic)
    {
        return new MqttCallback()
        {
            public void connectionLost(final Throwable cause)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                final String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                received.computeIfAbsent(text, (key) -> new AtomicInteger()).incrementAndGet();
                byTopic.put(topic, text);
            }

            public void deliveryComplete(final IMqttDeliveryToken token)
            {
            }
        };
    }

    private static MqttConnectOptions persistent()
    {
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(10);
        return options;
    }

    private static void reconnect(final MqttClient client) throws Exception
    {
        LivenessIT.awaitCondition(() -> !client.isConnected(), Duration.ofSeconds(30));
        client.connect(persistent());
    }

    private ChildJvm start() throws Exception
    {
        return ChildJvm.startBroker(aeronDir, udpPort, dataDir.resolve("data"), "--config", config.toString());
    }

    private static int freeTcpPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
