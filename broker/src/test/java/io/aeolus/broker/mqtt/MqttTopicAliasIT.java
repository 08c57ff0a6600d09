package io.aeolus.broker.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Outgoing topic aliases: the broker gives aliases to the PUBLISH packets of an MQTT 5 client that announced a Topic
 * Alias Maximum, and none to one that did not. Seen on the wire (a client made of Netty's MQTT codec over a socket)
 * and with the Paho MQTT 5 client on its defaults.
 */
@Timeout(60)
class MqttTopicAliasIT
{
    private static final long WAIT_S = 10;
    /** The name Netty's MQTT codec keeps the protocol version under; a client decoder never sees a CONNECT. */
    private static final AttributeKey<MqttVersion> MQTT_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private int port;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0"));
        port = broker.broker().mqttAddress().getPort();
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
    void shouldSendAliasesOnTheWireReusingTheLeastRecentlyUsed() throws Exception
    {
        try (RawClient aliased = new RawClient(port, "raw-aliased", 2);
            RawClient plain = new RawClient(port, "raw-plain", 0))
        {
            aliased.subscribe("wire/#");
            plain.subscribe("wire/#");
            final MqttClient publisher = paho("publisher", null, new MqttConnectionOptions());

            for (final String topic : List.of("wire/aaa", "wire/aaa", "wire/bbb", "wire/ccc", "wire/aaa"))
            {
                publisher.publish(topic, topic.getBytes(StandardCharsets.UTF_8), 1, false);
            }

            // (topic name on the wire, alias): aaa gets 1; bbb 2; ccc takes aaa's (least recently used); aaa then
            // takes bbb's.
            assertPublish(aliased.next(), "wire/aaa", 1, "wire/aaa");
            assertPublish(aliased.next(), "", 1, "wire/aaa");
            assertPublish(aliased.next(), "wire/bbb", 2, "wire/bbb");
            assertPublish(aliased.next(), "wire/ccc", 1, "wire/ccc");
            assertPublish(aliased.next(), "wire/aaa", 2, "wire/aaa");
            for (final String topic : List.of("wire/aaa", "wire/aaa", "wire/bbb", "wire/ccc", "wire/aaa"))
            {
                assertPublish(plain.next(), topic, null, topic);
            }
        }
    }

    /**
     * Paho's MQTT 5 client (1.2.5) announces no Topic Alias Maximum by default, and gets whole topic names. With one
     * set it resolves an alias-only PUBLISH to an empty topic (its bug eclipse-paho/paho.mqtt.java#866: it keeps the
     * empty name as the alias's topic), so it must keep that default against any broker that sends aliases.
     */
    @Test
    void shouldSendWholeTopicsToAPahoClientThatTakesNoAliases() throws Exception
    {
        final BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
        final MqttClient subscriber = paho("subscriber", arrived, new MqttConnectionOptions());
        subscriber.subscribe("plant/#", 1);
        final MqttClient publisher = paho("publisher", null, new MqttConnectionOptions());
        final List<String> topics = List.of("plant/a/temp", "plant/b/temp", "plant/a/temp", "plant/c/temp",
            "plant/b/temp", "plant/b/temp", "plant/a/temp");

        for (int i = 0; i < topics.size(); i++)
        {
            publisher.publish(topics.get(i), (topics.get(i) + " " + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }

        for (int i = 0; i < topics.size(); i++)
        {
            assertEquals(topics.get(i) + " -> " + topics.get(i) + " " + i, arrived.poll(WAIT_S, TimeUnit.SECONDS));
        }
    }

    private static void assertPublish(final MqttPublishMessage publish, final String wireTopic, final Integer alias,
        final String payload)
    {
        assertEquals(wireTopic, publish.variableHeader().topicName());
        final MqttProperties.MqttProperty<?> property =
            publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS);
        assertEquals(alias, null == property ? null : property.value(), "the alias of " + payload);
        assertEquals(payload, publish.payload().toString(StandardCharsets.UTF_8));
    }

    private MqttClient paho(final String clientId, final BlockingQueue<String> arrived,
        final MqttConnectionOptions options) throws MqttException
    {
        final MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        clients.add(client);
        client.setCallback(new MqttCallback()
        {
            public void disconnected(final MqttDisconnectResponse response)
            {
            }

            public void mqttErrorOccurred(final MqttException exception)
            {
            }

            public void messageArrived(final String topic, final org.eclipse.paho.mqttv5.common.MqttMessage message)
            {
                if (null != arrived)
                {
                    arrived.add(topic + " -> " + new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            }

            public void deliveryComplete(final IMqttToken token)
            {
            }

            public void connectComplete(final boolean reconnect, final String serverUri)
            {
            }

            public void authPacketArrived(final int reasonCode,
                final org.eclipse.paho.mqttv5.common.packet.MqttProperties properties)
            {
            }
        });
        client.connect(options);
        return client;
    }

    /**
     * An MQTT 5 client made of Netty's encoder and decoder over a plain socket, to see the packets as sent.
     */
    private static final class RawClient implements AutoCloseable
    {
        private final Socket socket;
        private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
        private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        private final Thread reader;

        RawClient(final int port, final String clientId, final int topicAliasMaximum) throws Exception
        {
            socket = new Socket("127.0.0.1", port);
            decoder.attr(MQTT_VERSION).set(MqttVersion.MQTT_5);
            reader = new Thread(this::read, "raw-mqtt-" + clientId);
            reader.setDaemon(true);
            reader.start();
            final MqttProperties properties = new MqttProperties();
            if (topicAliasMaximum > 0)
            {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM,
                    topicAliasMaximum));
            }
            send(MqttMessageBuilders.connect().clientId(clientId).protocolVersion(MqttVersion.MQTT_5)
                .cleanSession(true).keepAlive(60).properties(properties).build());
            assertInstanceOf(MqttConnAckMessage.class, received.poll(WAIT_S, TimeUnit.SECONDS), "CONNACK");
        }

        void subscribe(final String filter) throws Exception
        {
            send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, filter).build());
            assertInstanceOf(MqttSubAckMessage.class, received.poll(WAIT_S, TimeUnit.SECONDS), "SUBACK");
        }

        MqttPublishMessage next() throws InterruptedException
        {
            final MqttMessage message = received.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(message, "a PUBLISH within " + WAIT_S + " s");
            return assertInstanceOf(MqttPublishMessage.class, message);
        }

        private void send(final MqttMessage message) throws IOException
        {
            encoder.writeOutbound(message);
            final ByteBuf bytes = encoder.readOutbound();
            final byte[] array = new byte[bytes.readableBytes()];
            bytes.readBytes(array);
            bytes.release();
            socket.getOutputStream().write(array);
            socket.getOutputStream().flush();
        }

        private void read()
        {
            final byte[] buffer = new byte[8192];
            try
            {
                final InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buffer)) > 0)
                {
                    decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
                    MqttMessage message;
                    while (null != (message = decoder.readInbound()))
                    {
                        received.add(message);
                    }
                }
            }
            catch (final IOException ex)
            {
                // Closed.
            }
        }

        @Override
        public void close() throws Exception
        {
            socket.close();
            reader.join(5000);
            encoder.finishAndReleaseAll();
            decoder.finishAndReleaseAll();
        }
    }
}
