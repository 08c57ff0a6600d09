package io.aeolus.jms;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.CreateProducerEncoder;
import io.aeolus.transport.codecs.CreateSessionEncoder;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.SendEncoder;
import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.broker.Broker;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transport encryption end to end over UDP on loopback (option {@code aeolus.broker.transport.encryption}): round
 * trips of small, chunked and management traffic; the negotiation; and an attacker who injects raw Aeron packets
 * into a live client's stream: spoofed frames with its connection id, a replayed frame and a tampered frame.
 */
@Timeout(120)
class EncryptedTransportIT
{
    private static final int ITERATIONS = 4096;
    private static final String PASSWORD = "alice has a long password";
    private static final String QUIET = "heartbeatInterval=30s&livenessTimeout=60s";

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker()
    {
        if (null != broker)
        {
            broker.close();
        }
    }

    @Test
    void shouldRoundTripSmallChunkedAndManagementTrafficEncrypted() throws Exception
    {
        start("on");
        final byte[] large = new byte[1024 * 1024 + 17];
        new Random(22).nextBytes(large);
        try (Connection connection = connect("", "alice", PASSWORD);
            Connection admin = connect("", "root", "root has a long password"))
        {
            assertTrue(((AeolusConnection)connection).isTransportEncrypted());
            assertTrue(((AeolusConnection)admin).isTransportEncrypted());
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("sealed");
            final MessageConsumer consumer = session.createConsumer(queue);
            session.createProducer(queue).send(session.createTextMessage("hello, sealed world"));
            final BytesMessage big = session.createBytesMessage();
            big.writeBytes(large);
            session.createProducer(queue).send(big);

            assertEquals("hello, sealed world", ((TextMessage)consumer.receive(10_000)).getText());
            final BytesMessage received = (BytesMessage)consumer.receive(30_000);
            assertNotNull(received);
            final byte[] body = new byte[(int)received.getBodyLength()];
            received.readBytes(body);
            assertArrayEquals(large, body);

            admin.start();
            try (AdminClient client = new AdminClient(admin, Duration.ofSeconds(10)))
            {
                assertTrue(client.destinations().stream().anyMatch((d) -> d.name().equals("sealed")));
            }
        }
        assertEquals(0, broker.broker().conductor().unauthenticatedFrames());
    }

    @Test
    void shouldEncryptWithoutAnyClientOptionWhenTheBrokerRequiresIt() throws Exception
    {
        start("required");
        try (Connection connection = connect("", "alice", PASSWORD))
        {
            assertTrue(((AeolusConnection)connection).isTransportEncrypted());
        }
        final JMSSecurityException refused = assertThrows(JMSSecurityException.class,
            () -> connect("encryption=off", "alice", PASSWORD));
        assertTrue(refused.getMessage().contains("aeolus.broker.transport.encryption=required"),
            refused.getMessage());
    }

    @Test
    void shouldRefuseABrokerThatWillNotEncryptWhenTheClientRequiresIt() throws Exception
    {
        start("off");
        try (Connection connection = connect("", "alice", PASSWORD))
        {
            assertFalse(((AeolusConnection)connection).isTransportEncrypted());
        }
        final JMSSecurityException refused = assertThrows(JMSSecurityException.class,
            () -> connect("encryption=required", "alice", PASSWORD));
        assertTrue(refused.getMessage().contains("encryption=required"), refused.getMessage());
        final JMSSecurityException anonymous = assertThrows(JMSSecurityException.class,
            () -> new AeolusConnectionFactory(broker.udpUrl() + "?encryption=required").createConnection());
        assertTrue(anonymous.getMessage().contains("needs a user"), anonymous.getMessage());
    }

    @Test
    void shouldStayClearOnLoopbackAndIpcByDefault() throws Exception
    {
        start(null);
        try (Connection udp = connect("", "alice", PASSWORD);
            Connection ipc = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", PASSWORD))
        {
            assertFalse(((AeolusConnection)udp).isTransportEncrypted());
            assertFalse(((AeolusConnection)ipc).isTransportEncrypted());
        }
    }

    @Test
    void shouldRefuseBadValuesNamingTheOption()
    {
        final Exception client = assertThrows(Exception.class,
            () -> new AeolusConnectionFactory("aeolus:udp://127.0.0.1:5150?encryption=sometimes").createConnection(
                "alice", PASSWORD));
        assertTrue(messages(client).contains("encryption: expected off, on or required, got 'sometimes'"),
            messages(client));

        final IllegalArgumentException broker = assertThrows(IllegalArgumentException.class,
            () -> EmbeddedBroker.start(context("maybe")));
        assertTrue(broker.getMessage().contains("aeolus.broker.transport.encryption: expected auto, off, on or " +
            "required, got 'maybe'"), broker.getMessage());

        final IllegalArgumentException dev = assertThrows(IllegalArgumentException.class,
            () -> EmbeddedBroker.start(context("required").securityMode(SecurityMode.DEV)));
        assertTrue(dev.getMessage().contains("aeolus.broker.transport.encryption=required"), dev.getMessage());
    }

    /**
     * The acceptance test of issue 22: a raw Aeron packet with a live client's session, carrying well-formed frames
     * with its connection id, acts as that client when the transport is clear, and is dropped and counted when it is
     * encrypted.
     */
    @ParameterizedTest
    @ValueSource(strings = { "on", "off" })
    void shouldApplySpoofedFramesOnlyWhenClear(final String encryption) throws Exception
    {
        start(encryption);
        final boolean encrypted = "on".equals(encryption);
        try (Connection victim = connect(QUIET, "alice", PASSWORD);
            AeronFrameInjector attacker = injector())
        {
            assertEquals(encrypted, ((AeolusConnection)victim).isTransportEncrypted());
            final long connectionId = ((AeolusConnection)victim).connectionId();
            attacker.victim();

            attacker.inject(spoofedFrames(connectionId));

            final Connection reader = connect("", "alice", PASSWORD);
            reader.start();
            final Session session = reader.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("spoofed"));
            if (encrypted)
            {
                AeronFrameInjector.await(() -> broker.broker().conductor().unauthenticatedFrames() == 3,
                    "the three spoofed frames were not counted as unauthenticated");
                assertNull(consumer.receive(1_000), "a spoofed frame was applied");
                assertEquals(3L, jmxAttribute("UnauthenticatedFrames"));
                assertEquals(0L, jmxAttribute("RejectedFrames"), "a dropped frame counted as malformed");
            }
            else
            {
                final Message message = consumer.receive(10_000);
                assertNotNull(message, "the spoofed send did not arrive: the attack did not work, so the test " +
                    "with encryption on would prove nothing");
                assertEquals("sent by the attacker", ((TextMessage)message).getText());
                assertEquals(0, broker.broker().conductor().unauthenticatedFrames());
                assertEquals(0L, jmxAttribute("UnauthenticatedFrames"));
            }
            reader.close();
        }
    }

    @Test
    void shouldShowAMalformedFrameAsRejectedThroughJmx() throws Exception
    {
        start("off");
        try (Connection victim = connect(QUIET, "alice", PASSWORD);
            AeronFrameInjector attacker = injector())
        {
            attacker.victim();
            assertEquals(0L, jmxAttribute("RejectedFrames"));

            attacker.inject(new byte[]{ 1, 2, 3 });

            AeronFrameInjector.await(() -> broker.broker().conductor().rejectedFrames() == 1,
                "the frame shorter than its header was not rejected");
            assertEquals(1L, jmxAttribute("RejectedFrames"));
            assertEquals(0L, jmxAttribute("UnauthenticatedFrames"), "a clear connection has nothing to authenticate");
        }
    }

    @Test
    void shouldDropAReplayedAndATamperedSealedFrameAndCountThemInTheMetrics() throws Exception
    {
        broker = EmbeddedBroker.start(context("on").set(BrokerConfiguration.METRICS_HTTP_ENDPOINT, "127.0.0.1:0"));
        try (Connection victim = connect(QUIET, "alice", PASSWORD);
            AeronFrameInjector attacker = injector())
        {
            attacker.victim();
            victim.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            final List<byte[]> seen = attacker.takeSeen();
            assertFalse(seen.isEmpty(), "the spy saw none of the client's frames");
            final byte[] captured = seen.get(0);
            assertTrue(FrameOpener.isSealed(new UnsafeBuffer(captured), 0, captured.length), "a clear frame: " +
                Arrays.toString(Arrays.copyOf(captured, 8)));

            attacker.inject(captured);
            AeronFrameInjector.await(() -> broker.broker().conductor().unauthenticatedFrames() == 1,
                "the replayed frame was not dropped and counted");

            final byte[] tampered = captured.clone();
            tampered[16] += 100;
            tampered[tampered.length - 20] ^= 1;
            attacker.inject(tampered);
            AeronFrameInjector.await(() -> broker.broker().conductor().unauthenticatedFrames() == 2,
                "the tampered frame was not dropped and counted");
        }
        final URI metrics = URI.create("http://127.0.0.1:" + broker.broker().metricsAddress().getPort() + "/metrics");
        final String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scraped.contains("aeolus_transport_unauthenticated_frames_total 2.0"), scraped.lines()
            .filter((line) -> line.contains("unauthenticated")).toList().toString());
        assertEquals(2L, jmxAttribute("UnauthenticatedFrames"), "the broker MBean shows another figure");
    }

    private Object jmxAttribute(final String attribute) throws Exception
    {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(broker.broker().managementName(), attribute);
    }

    private static byte[][] spoofedFrames(final long connectionId)
    {
        final long sessionId = 9001;
        final long producerId = 9002;
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final CreateSessionEncoder createSession = new CreateSessionEncoder().wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId).correlationId(0).sessionId(sessionId).ackMode(AckMode.AUTO);
        final byte[] first = copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + createSession.encodedLength());
        final CreateProducerEncoder createProducer = new CreateProducerEncoder().wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId).correlationId(0).sessionId(sessionId).producerId(producerId)
            .destinationType(DestinationType.QUEUE).destination("spoofed");
        final byte[] second = copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + createProducer.encodedLength());

        final ExpandableArrayBuffer message = new ExpandableArrayBuffer(256);
        final JmsMessageEncoder jms = new JmsMessageEncoder().wrapAndApplyHeader(message, 0, header)
            .bodyType(BodyType.TEXT).deliveryMode(DeliveryMode.NON_PERSISTENT).priority((short)4)
            .destinationType(DestinationType.QUEUE).replyToType(DestinationType.NONE)
            .timestamp(System.currentTimeMillis()).expiration(0).deliveryTime(0).producerConnectionId(connectionId);
        jms.flags().clear();
        final byte[] text = "sent by the attacker".getBytes(StandardCharsets.UTF_8);
        jms.messageId("ID:spoofed-1").destination("spoofed").replyTo("").putCorrelationId(new byte[0], 0, 0)
            .jmsType("").putProperties(new byte[0], 0, 0).putBody(text, 0, text.length);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + jms.encodedLength();
        final SendEncoder send = new SendEncoder().wrapAndApplyHeader(buffer, 0, header)
            .connectionId(connectionId).correlationId(0).sessionId(sessionId).producerId(producerId)
            .putMessage(message, 0, messageLength);
        final byte[] third = copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + send.encodedLength());
        return new byte[][] { first, second, third };
    }

    private static byte[] copy(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    private AeronFrameInjector injector()
    {
        return new AeronFrameInjector(broker.broker().context().aeronDirectoryName(),
            broker.broker().context().udpEndpoint());
    }

    private Connection connect(final String options, final String user, final String password) throws JMSException
    {
        final String url = broker.udpUrl() + (options.isEmpty() ? "" : "?" + options);
        return new AeolusConnectionFactory(url).createConnection(user, password);
    }

    private void start(final String encryption)
    {
        broker = EmbeddedBroker.start(context(encryption));
    }

    private Broker.Context context(final String encryption)
    {
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("alice", ScramCredential.derive(PASSWORD, ITERATIONS), Set.of("app")));
        users.put(new UserAccount("root", ScramCredential.derive("root has a long password", ITERATIONS),
            Set.of("admin")));
        users.save();
        final Broker.Context context = EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "#")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(ITERATIONS))
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms")
            .set(BrokerConfiguration.LIVENESS_TIMEOUT, "90s");
        return null == encryption ? context : context.set(BrokerConfiguration.TRANSPORT_ENCRYPTION, encryption);
    }

    private static String messages(final Throwable error)
    {
        final StringBuilder sb = new StringBuilder();
        for (Throwable t = error; null != t; t = t.getCause())
        {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
