package io.aeolus.transport;

import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.ConnectResponseEncoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.HeartbeatEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.OkEncoder;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The client's close handshake against a scripted broker over IPC: {@link ClientEndpoint#close()} sends a
 * {@code Disconnect} with a correlation id after everything sent before it, and returns only once the broker answers
 * it, or after the close timeout against a broker that never does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientDisconnectTest
{
    private static final long CONNECTION_ID = 4242;

    private String aeronDir;
    private EmbeddedMediaDriver driver;
    private ScriptedBroker broker;

    @BeforeEach
    void start()
    {
        aeronDir = "/dev/shm/aeolus-disconnect-test-" + UUID.randomUUID();
        driver = EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, true, Throwable::printStackTrace);
        broker = new ScriptedBroker(aeronDir);
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        if (null != broker)
        {
            broker.close();
        }
        if (null != driver)
        {
            driver.close();
        }
    }

    @Test
    void closeWaitsForTheBrokersAnswerToItsDisconnect() throws Exception
    {
        final ClientEndpoint endpoint = connect("30s");
        final UnsafeBuffer heartbeat = new UnsafeBuffer(new byte[64]);
        final int heartbeatLength = MessageHeaderEncoder.ENCODED_LENGTH + new HeartbeatEncoder()
            .wrapAndApplyHeader(heartbeat, 0, new MessageHeaderEncoder()).connectionId(CONNECTION_ID).encodedLength();
        endpoint.send(heartbeat, 0, heartbeatLength);

        final CompletableFuture<Void> closed = CompletableFuture.runAsync(endpoint::close);
        awaitCondition(() -> broker.disconnectCorrelationId != 0, "the broker got a Disconnect asking for an answer");
        assertThrows(TimeoutException.class, () -> closed.get(300, TimeUnit.MILLISECONDS),
            "close() returned before the broker answered");
        assertFalse(endpoint.isClosed(), "still closing");
        assertThrows(TransportException.class, () -> endpoint.send(heartbeat, 0, heartbeatLength),
            "nothing more is sent once close has begun");

        broker.answerCloses.countDown();
        closed.get(10, TimeUnit.SECONDS);
        assertTrue(endpoint.isClosed());
        final List<Integer> templates = broker.templates;
        assertEquals(DisconnectDecoder.TEMPLATE_ID, templates.get(templates.size() - 1),
            "the Disconnect came last: " + templates);
    }

    @Test
    void closeGivesUpAfterItsTimeoutAgainstABrokerThatNeverAnswers() throws Exception
    {
        final ClientEndpoint endpoint = connect("400ms");
        final long startNs = System.nanoTime();
        endpoint.close();
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertNotEquals(0, broker.disconnectCorrelationId, "the Disconnect asked for an answer");
        assertTrue(tookMs >= 400, "close waited for the answer up to closeTimeout, took " + tookMs + " ms");
        assertTrue(tookMs < 10_000, "close gave up after closeTimeout, took " + tookMs + " ms");
        assertTrue(endpoint.isClosed());
        endpoint.close();
    }

    @Test
    void closeTimeoutMustBeADuration()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ClientEndpointContext(EndpointUri.parse("aeolus:ipc?closeTimeout=-1s")));
        assertTrue(ex.getMessage().contains("closeTimeout"), ex.getMessage());
    }

    private ClientEndpoint connect(final String closeTimeout)
    {
        final ClientEndpointContext ctx = new ClientEndpointContext(EndpointUri.parse("aeolus:ipc?aeronDir=" +
            aeronDir + "&heartbeatInterval=1s&livenessTimeout=60s&connectTimeout=10s&closeTimeout=" + closeTimeout));
        return ClientEndpoint.connect(ctx);
    }

    private static void awaitCondition(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("not within 10 s: " + what);
            }
            Thread.yield();
        }
    }

    /**
     * Answers Connect, records the templates it receives, and answers a Disconnect with Ok only once
     * {@link #answerCloses} is counted down.
     */
    private static final class ScriptedBroker implements FrameHandler
    {
        final CountDownLatch answerCloses = new CountDownLatch(1);
        final List<Integer> templates = new CopyOnWriteArrayList<>();
        volatile long disconnectCorrelationId;
        private volatile boolean running = true;
        private boolean answered;
        private final Aeron aeron;
        private final Subscription ingress;
        private final FrameAssembler assembler = new FrameAssembler(this, 1 << 20);
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
        private final Thread thread;
        private ExclusivePublication egress;
        private FrameSender sender;

        ScriptedBroker(final String aeronDir)
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            ingress = aeron.addSubscription("aeron:ipc", TransportConfiguration.INGRESS_STREAM_ID);
            thread = new Thread(this::run, "scripted-broker");
            thread.setDaemon(true);
            thread.start();
        }

        private void run()
        {
            while (running)
            {
                int work = ingress.poll(assembler, 16);
                if (0 != disconnectCorrelationId && !answered && 0 == answerCloses.getCount())
                {
                    answered = true;
                    final int length = MessageHeaderEncoder.ENCODED_LENGTH + new OkEncoder()
                        .wrapAndApplyHeader(out, 0, new MessageHeaderEncoder()).connectionId(CONNECTION_ID)
                        .correlationId(disconnectCorrelationId).value(0).encodedLength();
                    send(length);
                    work++;
                }
                if (0 == work)
                {
                    Thread.onSpinWait();
                }
            }
        }

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int sessionId)
        {
            header.wrap(buffer, offset);
            final int templateId = header.templateId();
            templates.add(templateId);
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (templateId == ConnectDecoder.TEMPLATE_ID)
            {
                final ConnectDecoder connect = new ConnectDecoder()
                    .wrap(buffer, bodyOffset, header.blockLength(), header.version());
                final long correlationId = connect.correlationId();
                final int replyStreamId = connect.replyStreamId();
                connect.clientId();
                connect.user();
                connect.skipCredentials();
                final String replyChannel = connect.replyChannel();
                egress = aeron.addExclusivePublication(replyChannel, replyStreamId);
                sender = new FrameSender(egress).connectionId(CONNECTION_ID);
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!egress.isConnected() && System.nanoTime() - deadlineNs < 0)
                {
                    Thread.yield();
                }
                final ConnectResponseEncoder response = new ConnectResponseEncoder()
                    .wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
                    .correlationId(correlationId).connectionId(CONNECTION_ID)
                    .protocolVersion(ConnectResponseEncoder.SCHEMA_VERSION)
                    .heartbeatIntervalMs(1000).livenessTimeoutMs(60_000).maxMessageLength(1 << 20)
                    .brokerId("scripted").brokerVersion("test");
                send(MessageHeaderEncoder.ENCODED_LENGTH + response.encodedLength());
            }
            else if (templateId == DisconnectDecoder.TEMPLATE_ID)
            {
                disconnectCorrelationId = new DisconnectDecoder()
                    .wrap(buffer, bodyOffset, header.blockLength(), header.version()).correlationId();
            }
        }

        public void onMalformed(final int sessionId, final String reason)
        {
            templates.add(-1);
        }

        private void send(final int length)
        {
            sender.send(out, 0, length);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sender.hasPending() && System.nanoTime() - deadlineNs < 0)
            {
                sender.flush();
                Thread.yield();
            }
        }

        void close() throws InterruptedException
        {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(10));
            aeron.close();
        }
    }
}
