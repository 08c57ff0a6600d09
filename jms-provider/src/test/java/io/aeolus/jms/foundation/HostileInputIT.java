package io.aeolus.jms.foundation;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.EndpointUri;
import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.codecs.ChunkEncoder;
import io.aeolus.transport.codecs.ConnectEncoder;
import io.aeolus.transport.codecs.CreateConsumerEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.SendEncoder;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class HostileInputIT
{
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
    void shouldRejectGarbageFramesAndKeepServingOtherClients() throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("steady");
            final MessageProducer producer = session.createProducer(queue);
            final MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            producer.send(session.createTextMessage("before"));

            final int garbageFrames = publishGarbage();
            LivenessIT.awaitCondition(() -> broker.broker().conductor().rejectedFrames() >= garbageFrames,
                Duration.ofSeconds(10));

            producer.send(session.createTextMessage("after"));
            assertEquals("before", ((TextMessage)consumer.receive(5_000)).getText());
            assertEquals("after", ((TextMessage)consumer.receive(5_000)).getText());
            assertEquals(1, broker.broker().conductor().connectionCount());
        }
    }

    @Test
    void shouldCloseAKnownConnectionThatSendsAMalformedFrame() throws Exception
    {
        final CompletableFuture<TransportException> failure = new CompletableFuture<>();
        final ClientEndpoint endpoint = ClientEndpoint.connect(new ClientEndpointContext(
            EndpointUri.parse(broker.ipcUrl())).listener(new ClientEndpoint.Listener()
            {
                public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int template)
                {
                }

                public void onFailure(final TransportException cause)
                {
                    failure.complete(cause);
                }
            }));
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            // A CreateConsumer whose destination claims to be far longer than the frame.
            final CreateConsumerEncoder encoder = new CreateConsumerEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .connectionId(endpoint.connectionId()).correlationId(1).sessionId(1).consumerId(1);
            buffer.putInt(MessageHeaderEncoder.ENCODED_LENGTH + CreateConsumerEncoder.BLOCK_LENGTH, 1 << 29);
            endpoint.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength() + 4);

            final TransportException cause = failure.get(10, TimeUnit.SECONDS);
            assertEquals(ErrorCode.MALFORMED_FRAME, cause.code());
            LivenessIT.awaitCondition(() -> broker.broker().conductor().connectionCount() == 0, Duration.ofSeconds(5));
        }
        finally
        {
            endpoint.close();
        }
    }

    @Test
    void shouldRefuseAClientSpeakingAnotherProtocolVersionWithAClearError()
    {
        final ClientEndpointContext ctx = new ClientEndpointContext(EndpointUri.parse(broker.ipcUrl()))
            .protocolVersion(ConnectEncoder.SCHEMA_VERSION + 41);

        final TransportException ex = assertThrows(TransportException.class, () -> ClientEndpoint.connect(ctx));

        assertEquals(ErrorCode.PROTOCOL_VERSION, ex.code());
        assertTrue(ex.getMessage().contains("client speaks version " + (ConnectEncoder.SCHEMA_VERSION + 41)),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("broker speaks version " + ConnectEncoder.SCHEMA_VERSION), ex.getMessage());
    }

    private int publishGarbage() throws InterruptedException
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(broker.broker().context().aeronDirectoryName()));
            ExclusivePublication publication = aeron.addExclusivePublication(
                "aeron:ipc?term-length=64k", TransportConfiguration.INGRESS_STREAM_ID))
        {
            LivenessIT.awaitCondition(publication::isConnected, Duration.ofSeconds(5));
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
            final Random random = new Random(42);
            int frames = 0;

            frames += offer(publication, buffer, 3);
            for (int i = 0; i < 20; i++)
            {
                for (int b = 0; b < 200; b++)
                {
                    buffer.putByte(b, (byte)random.nextInt());
                }
                frames += offer(publication, buffer, 8 + random.nextInt(190));
            }
            new MessageHeaderEncoder().wrap(buffer, 0).blockLength(8).templateId(999)
                .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(MessageHeaderEncoder.SCHEMA_VERSION);
            frames += offer(publication, buffer, 16);
            final SendEncoder send = new SendEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
            send.connectionId(1).correlationId(1).sessionId(1).producerId(1);
            frames += offer(publication, buffer, MessageHeaderEncoder.ENCODED_LENGTH + 10);
            final ChunkEncoder chunk = new ChunkEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .connectionId(0).frameId(1).frameLength(Integer.MAX_VALUE).chunkOffset(0);
            chunk.putData(new byte[16], 0, 16);
            frames += offer(publication, buffer, MessageHeaderEncoder.ENCODED_LENGTH + chunk.encodedLength());
            final ConnectEncoder connect = new ConnectEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).correlationId(7)
                .protocolVersion(ConnectEncoder.SCHEMA_VERSION).replyStreamId(5)
                .heartbeatIntervalMs(1000).livenessTimeoutMs(5000).clientId("").user("");
            connect.putCredentials(new byte[0], 0, 0).replyChannel("not-a-channel").clientVersion("x");
            frames += offer(publication, buffer, MessageHeaderEncoder.ENCODED_LENGTH + connect.encodedLength());
            return frames;
        }
    }

    private static int offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int length)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("could not publish garbage");
            }
            Thread.yield();
        }
        return 1;
    }
}
