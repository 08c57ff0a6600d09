package io.aeolus.jms.security;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.ScramClient;
import io.aeolus.transport.codecs.AuthChallengeDecoder;
import io.aeolus.transport.codecs.AuthResponseEncoder;
import io.aeolus.transport.codecs.AuthSuccessDecoder;
import io.aeolus.transport.codecs.ConnectResponseDecoder;
import io.aeolus.transport.codecs.CreateSessionEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker can send during the handshake, frame by frame: a recorded handshake replayed, over-long and
 * malformed credentials and answers, frames sent before logging in. Each is refused and the broker keeps serving.
 */
@Timeout(90)
class HostileHandshakeIT
{
    private static final String PASSWORD = "alice has a long password";
    private static final long CORRELATION_ID = 7;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker()
    {
        SecureBroker.addUser(dataDir, "alice", PASSWORD, "app");
        // No answer delays here: these tests are about what is refused, LoginThrottleTest about how fast.
        broker = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms"));
    }

    @AfterEach
    void stopBroker()
    {
        broker.close();
    }

    @Test
    void shouldRejectAReplayedHandshake() throws Exception
    {
        final ScramClient scram = new ScramClient("alice", PASSWORD, "aFixedClientNonceOfTheCapturedLogin");
        final byte[] credentials = scramCredentials(scram);
        final byte[] captured;
        try (RawProtocolClient victim = new RawProtocolClient(aeronDir()))
        {
            victim.connect(CORRELATION_ID, "alice", credentials);
            final RawProtocolClient.Frame challenge = victim.await(AuthChallengeDecoder.TEMPLATE_ID);
            captured = scram.clientFinalMessage(challenge.text()).getBytes(StandardCharsets.UTF_8);
            victim.authResponse(challenge.connectionId(), CORRELATION_ID, captured);
            assertTrue(scram.isServerFinalValid(victim.await(AuthSuccessDecoder.TEMPLATE_ID).text()));
            victim.await(ConnectResponseDecoder.TEMPLATE_ID);

            try (RawProtocolClient attacker = new RawProtocolClient(aeronDir()))
            {
                attacker.connect(CORRELATION_ID, "alice", credentials);
                final RawProtocolClient.Frame fresh = attacker.await(AuthChallengeDecoder.TEMPLATE_ID);
                assertNotEquals(challenge.text(), fresh.text(), "the broker must pick a fresh nonce");
                attacker.authResponse(fresh.connectionId(), CORRELATION_ID, captured);

                final RawProtocolClient.Frame error = attacker.await(ErrorDecoder.TEMPLATE_ID);
                assertEquals(ErrorCode.SECURITY, error.code());
                assertEquals("authentication failed", error.text());
            }
        }
        assertStillServing();
    }

    @Test
    void shouldRefuseOverLongCredentialsAndKeepServing() throws Exception
    {
        final byte[] longCredentials = AuthMechanism.SCRAM_SHA_256.encode(repeat('x', 60_000));
        final byte[] hugeCredentials = AuthMechanism.SCRAM_SHA_256.encode(repeat('x', 100_000));
        final long rejectedBefore = broker.broker().conductor().rejectedFrames();
        try (RawProtocolClient attacker = new RawProtocolClient(aeronDir());
            RawProtocolClient another = new RawProtocolClient(aeronDir()))
        {
            attacker.connect(CORRELATION_ID, "alice", longCredentials);
            final RawProtocolClient.Frame error = attacker.await(ErrorDecoder.TEMPLATE_ID);
            assertEquals(ErrorCode.SECURITY, error.code());
            assertEquals("authentication failed", error.text());

            // Beyond the largest string field a frame may carry: dropped as malformed, nobody to answer yet.
            another.connect(CORRELATION_ID, "alice", hugeCredentials);
            RawProtocolClient.awaitTrue(() -> broker.broker().conductor().rejectedFrames() > rejectedBefore,
                "the huge Connect was not rejected");
        }
        assertStillServing();
    }

    @Test
    void shouldRefuseMalformedScramMessagesAndKeepServing() throws Exception
    {
        try (RawProtocolClient first = new RawProtocolClient(aeronDir());
            RawProtocolClient second = new RawProtocolClient(aeronDir()))
        {
            first.connect(CORRELATION_ID, "alice",
                AuthMechanism.SCRAM_SHA_256.encode("n,,garbage".getBytes(StandardCharsets.UTF_8)));
            assertEquals(ErrorCode.SECURITY, first.await(ErrorDecoder.TEMPLATE_ID).code());

            second.connect(CORRELATION_ID, "alice", scramCredentials(new ScramClient("alice", PASSWORD)));
            final RawProtocolClient.Frame challenge = second.await(AuthChallengeDecoder.TEMPLATE_ID);
            second.authResponse(challenge.connectionId(), CORRELATION_ID,
                "c=biws,r=not-the-nonce,p=????".getBytes(StandardCharsets.UTF_8));
            final RawProtocolClient.Frame error = second.await(ErrorDecoder.TEMPLATE_ID);
            assertEquals(ErrorCode.SECURITY, error.code());
            assertEquals("authentication failed", error.text());
        }
        assertStillServing();
    }

    @Test
    void shouldCloseAConnectionWhoseAnswerRunsPastItsFrame() throws Exception
    {
        try (RawProtocolClient attacker = new RawProtocolClient(aeronDir()))
        {
            attacker.connect(CORRELATION_ID, "alice", scramCredentials(new ScramClient("alice", PASSWORD)));
            final RawProtocolClient.Frame challenge = attacker.await(AuthChallengeDecoder.TEMPLATE_ID);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final AuthResponseEncoder response = new AuthResponseEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .connectionId(challenge.connectionId()).correlationId(CORRELATION_ID);
            // The data's length field claims far more than the frame holds.
            buffer.putInt(MessageHeaderEncoder.ENCODED_LENGTH + AuthResponseEncoder.BLOCK_LENGTH, 1 << 29);
            attacker.offer(buffer, MessageHeaderEncoder.ENCODED_LENGTH + response.encodedLength() + 4);

            assertEquals(ErrorCode.MALFORMED_FRAME, attacker.await(ErrorDecoder.TEMPLATE_ID).code());
        }
        assertStillServing();
    }

    @Test
    void shouldRefuseRequestsSentBeforeTheLoginCompletes() throws Exception
    {
        try (RawProtocolClient attacker = new RawProtocolClient(aeronDir()))
        {
            attacker.connect(CORRELATION_ID, "alice", scramCredentials(new ScramClient("alice", PASSWORD)));
            final RawProtocolClient.Frame challenge = attacker.await(AuthChallengeDecoder.TEMPLATE_ID);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
            final CreateSessionEncoder createSession = new CreateSessionEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .connectionId(challenge.connectionId()).correlationId(8).sessionId(1);
            attacker.offer(buffer, MessageHeaderEncoder.ENCODED_LENGTH + createSession.encodedLength());

            final RawProtocolClient.Frame error = attacker.await(ErrorDecoder.TEMPLATE_ID);
            assertEquals(ErrorCode.MALFORMED_FRAME, error.code());
            assertTrue(error.text().contains("before the login completed"), error.text());
        }
        assertStillServing();
    }

    private String aeronDir()
    {
        return broker.broker().context().aeronDirectoryName();
    }

    private static byte[] scramCredentials(final ScramClient scram)
    {
        return AuthMechanism.SCRAM_SHA_256.encode(scram.clientFirstMessage().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] repeat(final char c, final int count)
    {
        final byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte)c);
        return bytes;
    }

    private void assertStillServing() throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", PASSWORD))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("still.serving");
            final MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("still here"));
            final TextMessage received = (TextMessage)consumer.receive(10_000);
            assertNotNull(received);
            assertEquals("still here", received.getText());
        }
    }
}
