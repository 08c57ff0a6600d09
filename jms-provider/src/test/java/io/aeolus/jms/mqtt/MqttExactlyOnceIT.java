package io.aeolus.jms.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * QoS 2 state of persistent sessions outlives a broker restart, step by step with a raw MQTT 3.1.1 client: a PUBLISH
 * whose PUBREC the client did not get an answer to before the restart is sent again (DUP) and is not routed twice;
 * a delivery the subscriber had received (PUBREC) is released again (PUBREL) when the session resumes, and is not
 * delivered again under a new packet id. (The {@code kill -9} version with Paho is {@code MqttExactlyOnceCrashIT}.)
 */
@Timeout(90)
class MqttExactlyOnceIT
{
    private static final int PUBLISH = 3;
    private static final int PUBREC = 5;
    private static final int PUBREL = 6;
    private static final int PUBCOMP = 7;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private int port;

    private void start()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0"));
        port = broker.broker().mqttAddress().getPort();
    }

    private void restart()
    {
        broker.close();
        start();
    }

    @AfterEach
    void stop()
    {
        if (null != broker)
        {
            broker.close();
        }
    }

    @Test
    void shouldNotRouteAQos2PublishSentAgainAfterARestartTwice() throws Exception
    {
        start();
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = pahoSubscriber("eo-sub", inbox);
        subscriber.subscribe("eo/in", 2);
        subscriber.disconnect();
        try (RawClient publisher = new RawClient(port, "eo-pub"))
        {
            publisher.publishQos2(7, "eo/in", "once", false);
            assertArrayEquals(new int[]{ PUBREC, 7 }, publisher.readAck());
        }

        restart();

        try (RawClient publisher = new RawClient(port, "eo-pub"))
        {
            publisher.publishQos2(7, "eo/in", "once", true);
            assertArrayEquals(new int[]{ PUBREC, 7 }, publisher.readAck(), "recognised as received");
            publisher.send(PUBREL << 4 | 2, 7);
            assertArrayEquals(new int[]{ PUBCOMP, 7 }, publisher.readAck());
        }
        subscriber.close();
        final MqttClient resumed = pahoSubscriber("eo-sub", inbox);

        assertEquals("once", inbox.poll(10, TimeUnit.SECONDS));
        assertNull(inbox.poll(1, TimeUnit.SECONDS), "routed once");
        resumed.disconnect();
        resumed.close();
    }

    @Test
    void shouldForgetTheReceivedPacketIdsWhenTheSessionEnds() throws Exception
    {
        start();
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        final MqttClient subscriber = pahoSubscriber("eo-forget-sub", inbox);
        subscriber.subscribe("eo/forget", 2);
        try (RawClient publisher = new RawClient(port, "eo-forget", false))
        {
            publisher.publishQos2(9, "eo/forget", "first", false);
            assertArrayEquals(new int[]{ PUBREC, 9 }, publisher.readAck());
        }
        new RawClient(port, "eo-forget", true).close();

        try (RawClient publisher = new RawClient(port, "eo-forget", false))
        {
            publisher.publishQos2(9, "eo/forget", "second", false);
            assertArrayEquals(new int[]{ PUBREC, 9 }, publisher.readAck());
        }

        assertEquals("first", inbox.poll(10, TimeUnit.SECONDS));
        assertEquals("second", inbox.poll(10, TimeUnit.SECONDS), "a new message with a reused packet id");
        subscriber.disconnect();
        subscriber.close();
    }

    @Test
    void shouldReleaseAReceivedDeliveryAgainAfterARestartInsteadOfDeliveringItTwice() throws Exception
    {
        start();
        final int packetId;
        try (RawClient subscriber = new RawClient(port, "eo-out"))
        {
            subscriber.subscribe(1, "eo/out", 2);
            final MqttClient publisher = new MqttClient("tcp://127.0.0.1:" + port, "eo-out-pub",
                new MemoryPersistence());
            publisher.connect();
            publisher.publish("eo/out", "exactly".getBytes(StandardCharsets.UTF_8), 2, false);
            publisher.disconnect();
            publisher.close();
            final int[] publish = subscriber.readPacket();
            assertEquals(PUBLISH, publish[0]);
            packetId = publish[1];
            subscriber.send(PUBREC << 4, packetId);
            assertArrayEquals(new int[]{ PUBREL, packetId }, subscriber.readAck());
        }

        restart();

        try (RawClient subscriber = new RawClient(port, "eo-out"))
        {
            assertArrayEquals(new int[]{ PUBREL, packetId }, subscriber.readAck(), "released again, not re-sent");
            subscriber.send(PUBCOMP << 4, packetId);
            assertThrows(SocketTimeoutException.class, subscriber::readPacket, "nothing delivered again");
        }

        restart();

        try (RawClient subscriber = new RawClient(port, "eo-out"))
        {
            assertThrows(SocketTimeoutException.class, subscriber::readPacket, "completed: nothing left");
        }
    }

    private MqttClient pahoSubscriber(final String clientId, final BlockingQueue<String> inbox) throws Exception
    {
        final MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback()
        {
            public void connectionLost(final Throwable cause)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                inbox.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            public void deliveryComplete(final IMqttDeliveryToken token)
            {
            }
        });
        client.connect(persistent());
        return client;
    }

    private static MqttConnectOptions persistent()
    {
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        return options;
    }

    /**
     * A minimal MQTT 3.1.1 client, packet by packet; a persistent session (clean session 0) unless asked.
     */
    private static final class RawClient implements AutoCloseable
    {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        RawClient(final int port, final String clientId) throws IOException
        {
            this(port, clientId, false);
        }

        RawClient(final int port, final String clientId, final boolean cleanSession) throws IOException
        {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(1000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            final ByteArrayOutputStream body = new ByteArrayOutputStream();
            string(body, "MQTT");
            body.write(4);
            body.write(cleanSession ? 0x02 : 0);
            body.write(0);
            body.write(60);
            string(body, clientId);
            write(0x10, body.toByteArray());
            socket.setSoTimeout(10_000);
            final int[] connAck = readPacket();
            assertEquals(2, connAck[0], "CONNACK");
            socket.setSoTimeout(1000);
        }

        void publishQos2(final int packetId, final String topic, final String payload, final boolean dup)
            throws IOException
        {
            final ByteArrayOutputStream body = new ByteArrayOutputStream();
            string(body, topic);
            body.write(packetId >> 8);
            body.write(packetId & 0xFF);
            body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
            write(0x34 | (dup ? 0x08 : 0), body.toByteArray());
        }

        void subscribe(final int packetId, final String filter, final int qos) throws IOException
        {
            final ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(packetId >> 8);
            body.write(packetId & 0xFF);
            string(body, filter);
            body.write(qos);
            write(0x82, body.toByteArray());
            assertEquals(9, readPacket()[0], "SUBACK");
        }

        void send(final int firstByte, final int packetId) throws IOException
        {
            write(firstByte, new byte[]{ (byte)(packetId >> 8), (byte)packetId });
        }

        int[] readAck() throws IOException
        {
            socket.setSoTimeout(10_000);
            try
            {
                return readPacket();
            }
            finally
            {
                socket.setSoTimeout(1000);
            }
        }

        /**
         * @return the packet type and its packet id (for PUBLISH at QoS 1 and 2 and the acknowledgements), else 0.
         */
        int[] readPacket() throws IOException
        {
            final int first = in.readUnsignedByte();
            int length = 0;
            int multiplier = 1;
            int digit;
            do
            {
                digit = in.readUnsignedByte();
                length += (digit & 0x7F) * multiplier;
                multiplier *= 128;
            }
            while ((digit & 0x80) != 0);
            final byte[] body = new byte[length];
            in.readFully(body);
            final int type = first >> 4;
            int packetId = 0;
            if (type == PUBLISH && (first & 0x06) != 0)
            {
                final int topicLength = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
                packetId = (body[2 + topicLength] & 0xFF) << 8 | body[3 + topicLength] & 0xFF;
            }
            else if (type >= 4 && type <= 7)
            {
                packetId = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
            }
            return new int[]{ type, packetId };
        }

        private void write(final int firstByte, final byte[] body) throws IOException
        {
            final ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(firstByte);
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
            out.write(packet.toByteArray());
            out.flush();
        }

        private static void string(final ByteArrayOutputStream target, final String text)
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            target.write(bytes.length >> 8);
            target.write(bytes.length & 0xFF);
            target.writeBytes(bytes);
        }

        public void close() throws IOException
        {
            socket.close();
        }
    }
}
