package io.aeolus.jms.foundation;

import org.agrona.IoUtil;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code kill -9} of the broker process while an MQTT client publishes at QoS 1 to a persistent session's
 * subscription: every publish the broker acknowledged (PUBACK) reaches the subscriber after the restart.
 */
@Timeout(180)
class MqttCrashIT
{
    private static final int MESSAGES = 400;

    @TempDir
    Path dataDir;

    @Test
    void shouldLoseNoAcknowledgedQos1PublishAcrossKillNine() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int udpPort = LivenessIT.freeUdpPort();
        final int mqttPort = freeTcpPort();
        final Path config = dataDir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.mqtt.endpoint=127.0.0.1:" + mqttPort + "\n");
        final String uri = "tcp://127.0.0.1:" + mqttPort;
        final Path data = dataDir.resolve("data");
        ChildJvm broker = start(aeronDir, data, udpPort, config);
        try
        {
            final Set<String> received = new ConcurrentSkipListSet<>();
            final MqttClient subscriber = client(uri, "crash-sub", received);
            subscriber.subscribe("crash/#", 1);
            subscriber.disconnect();
            subscriber.close();

            final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            final MqttClient publisher = client(uri, "crash-pub", new TreeSet<>());
            final Thread publishing = new Thread(() -> publish(publisher, acknowledged));
            publishing.start();
            LivenessIT.awaitCondition(() -> acknowledged.size() >= 50 || !publishing.isAlive(),
                Duration.ofSeconds(60));
            assertTrue(acknowledged.size() >= 50, "acknowledged before the kill: " + acknowledged.size());

            broker.kill();
            publishing.join(30_000);
            publisher.close(true);
            broker = start(aeronDir, data, udpPort, config);

            final MqttClient again = client(uri, "crash-sub", received);
            LivenessIT.awaitCondition(() -> received.containsAll(acknowledged), Duration.ofSeconds(60));
            final List<String> lost = new ArrayList<>(acknowledged);
            lost.removeAll(received);
            assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost + " of " + acknowledged.size());
            again.disconnect();
            again.close();
        }
        finally
        {
            broker.close();
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    private static void publish(final MqttClient publisher, final List<String> acknowledged)
    {
        try
        {
            for (int i = 0; i < MESSAGES; i++)
            {
                final String text = "m" + i;
                // Returns once the broker's PUBACK arrived.
                publisher.publish("crash/sensor", text.getBytes(StandardCharsets.UTF_8), 1, false);
                acknowledged.add(text);
            }
        }
        catch (final MqttException ex)
        {
            // The broker died mid-stream: what was acknowledged before is the record.
            System.out.println("publishing ended after " + acknowledged.size() + ": " + ex);
        }
    }

    private static MqttClient client(final String uri, final String clientId, final Set<String> received)
        throws MqttException
    {
        final MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback()
        {
            public void connectionLost(final Throwable cause)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            public void deliveryComplete(final IMqttDeliveryToken token)
            {
            }
        });
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return client;
    }

    private static ChildJvm start(final String aeronDir, final Path data, final int port, final Path config)
        throws Exception
    {
        return ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString());
    }

    private static int freeTcpPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
