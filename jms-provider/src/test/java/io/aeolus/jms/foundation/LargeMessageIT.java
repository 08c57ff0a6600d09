package io.aeolus.jms.foundation;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies far beyond Aeron's maximum message length travel as chunks and come back byte for byte.
 */
@Timeout(180)
class LargeMessageIT
{
    private static final int HUNDRED_MIB = 100 * 1024 * 1024;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
    }

    @AfterEach
    void stopBroker()
    {
        broker.close();
    }

    @Test
    void shouldRoundTripA100MiBBodyByteExactOverIpc() throws JMSException
    {
        roundTrip(broker.ipcUrl(), HUNDRED_MIB);
    }

    @Test
    void shouldRoundTripA100MiBBodyByteExactOverUdp() throws JMSException
    {
        roundTrip(broker.udpUrl(), HUNDRED_MIB);
    }

    @Test
    void shouldKeepA100MiBPersistentMessageAcrossARestart() throws JMSException
    {
        final byte[] body = new byte[HUNDRED_MIB];
        new Random(100).nextBytes(body);
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            session.createProducer(session.createQueue("journaled")).send(message);
        }
        broker.close();
        broker = EmbeddedBroker.startIsolated(dataDir);

        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final BytesMessage received = (BytesMessage)session.createConsumer(session.createQueue("journaled"))
                .receive(60_000);
            assertNotNull(received, "the large persistent message did not survive the restart");
            final byte[] copy = new byte[HUNDRED_MIB];
            assertEquals(HUNDRED_MIB, received.readBytes(copy));
            assertArrayEquals(body, copy);
        }
    }

    @Test
    void shouldRefuseAPersistentMessageTooLargeForTheBrokersHeapAndKeepTakingOthers() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + java.util.UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        try (ChildJvm small = ChildJvm.startJarWithHeap(LivenessIT.brokerJar(), "256m", "--endpoint",
            "127.0.0.1:" + port, "--aeron-dir", aeronDir, "--data-dir", dataDir.resolve("small").toString(), "--dev");
            Connection connection = connectWhenUp(small, "aeolus:udp://127.0.0.1:" + port))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("journaled"));
            final BytesMessage huge = session.createBytesMessage();
            huge.writeBytes(new byte[40 * 1024 * 1024]);

            final ResourceAllocationException ex = assertThrows(ResourceAllocationException.class,
                () -> producer.send(huge));

            assertTrue(ex.getMessage().contains("an eighth of the broker's heap"), ex.getMessage());
            final BytesMessage normal = session.createBytesMessage();
            normal.writeBytes(new byte[8 * 1024 * 1024]);
            producer.send(normal);
            assertTrue(small.isAlive());
        }
        finally
        {
            org.agrona.IoUtil.delete(new java.io.File(aeronDir), true);
            org.agrona.IoUtil.delete(new java.io.File(aeronDir + ".lock"), true);
        }
    }

    private static Connection connectWhenUp(final ChildJvm broker, final String url) throws Exception
    {
        broker.awaitLine("listening on", java.time.Duration.ofSeconds(60));
        return new AeolusConnectionFactory(url).createConnection();
    }

    @Test
    void shouldRoundTripBodiesAroundTheChunkingThreshold() throws JMSException
    {
        for (final int size : new int[]{ 128 * 1024 - 200, 128 * 1024, 128 * 1024 + 1, 3 * 128 * 1024 + 17 })
        {
            roundTrip(broker.ipcUrl(), size);
        }
    }

    private static void roundTrip(final String url, final int size) throws JMSException
    {
        final byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("large");
            final MessageConsumer consumer = session.createConsumer(queue);
            final MessageProducer producer = session.createProducer(queue);
            // The subject here is the transport's chunking, not the journal.
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            connection.start();
            final BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);

            producer.send(message);

            final BytesMessage received = (BytesMessage)consumer.receive(60_000);
            assertNotNull(received, "no message of " + size + " bytes");
            assertEquals(size, received.getBodyLength());
            final byte[] copy = new byte[size];
            assertEquals(size, received.readBytes(copy));
            assertArrayEquals(body, copy);
        }
    }
}
