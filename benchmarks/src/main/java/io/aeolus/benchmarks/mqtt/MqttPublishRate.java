package io.aeolus.benchmarks.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import org.agrona.IoUtil;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Synchronous MQTT publish rates through the gateway of an embedded broker (H2 journal, {@code sync} durability):
 * one Paho 3.1.1 publisher sends {@code count} 100-byte messages one after the other (each {@code publish} waits for
 * PUBACK, or PUBCOMP at QoS 2) to a topic a persistent-session subscriber takes at QoS 2, for QoS 1 and QoS 2, with
 * a clean and with a persistent publisher session (whose QoS 2 packet ids are journaled for exactly once across a
 * crash). Prints one line per case: publishes per second and the mean time per publish. Run:
 * {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp benchmarks/target/aeolus-perf.jar
 * io.aeolus.benchmarks.mqtt.MqttPublishRate [count]}.
 */
public final class MqttPublishRate
{
    private MqttPublishRate()
    {
    }

    /**
     * @param args the number of messages per case (default 2000).
     * @throws Exception if the broker or a client fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        final Path data = Files.createTempDirectory("aeolus-mqtt-rate-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(data)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0")))
        {
            final String uri = "tcp://127.0.0.1:" + broker.broker().mqttAddress().getPort();
            for (final int qos : new int[]{ 1, 2 })
            {
                for (final boolean persistent : new boolean[]{ false, true })
                {
                    run(uri, qos, persistent, count);
                }
            }
        }
        finally
        {
            IoUtil.delete(data.toFile(), true);
        }
    }

    private static void run(final String uri, final int qos, final boolean persistent, final int count)
        throws MqttException, InterruptedException
    {
        final String topic = "rate/q" + qos + (persistent ? "p" : "c");
        final CountDownLatch received = new CountDownLatch(count);
        final MqttClient subscriber = client(uri, "rate-sub-" + topic.replace('/', '-'), true);
        subscriber.setCallback(new MqttCallback()
        {
            public void connectionLost(final Throwable cause)
            {
            }

            public void messageArrived(final String ignored, final MqttMessage message)
            {
                received.countDown();
            }

            public void deliveryComplete(final IMqttDeliveryToken token)
            {
            }
        });
        subscriber.subscribe(topic, 2);
        final MqttClient publisher = client(uri, "rate-pub-" + topic.replace('/', '-'), persistent);
        final byte[] payload = new byte[100];
        for (int i = 0; i < Math.min(200, count); i++)
        {
            publisher.publish(topic + "/warmup", payload, qos, false);
        }
        final long startNs = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            publisher.publish(topic, payload, qos, false);
        }
        final long elapsedNs = System.nanoTime() - startNs;
        final boolean all = received.await(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "QoS %d, %s publisher session: %d publishes in %.2f s = %.0f/s, %.0f us " +
            "each; subscriber got %s%n", qos, persistent ? "persistent" : "clean", count, elapsedNs / 1e9,
            count / (elapsedNs / 1e9), elapsedNs / 1e3 / count, all ? "all" : "not all (" + received.getCount() +
            " missing)");
        publisher.disconnect();
        publisher.close();
        subscriber.disconnect();
        subscriber.close();
    }

    private static MqttClient client(final String uri, final String clientId, final boolean persistent)
        throws MqttException
    {
        final MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(!persistent);
        options.setMaxInflight(1000);
        client.connect(options);
        return client;
    }
}
