package io.aeolus.jms.foundation;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.aeolus.jms.foundation.LivenessIT.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A message received with AUTO_ACKNOWLEDGE over UDP just before its connection closes stays consumed: the close
 * waits until the broker has applied the acknowledgement (the close handshake), so releasing the client's embedded
 * media driver right after cannot lose it. Once lost, the message came back to the next consumer (LivenessIT saw it
 * in CI).
 */
@Timeout(180)
class CloseAcknowledgementIT
{
    private static final int ROUNDS = 40;

    @TempDir
    Path dataDir;

    @Test
    void shouldNotRedeliverWhatAnAutoAcknowledgeConsumerReceivedJustBeforeItsConnectionClosed() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir));
            Connection ipc = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = ipc.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("closing"));
            for (int round = 0; round < ROUNDS; round++)
            {
                producer.send(session.createTextMessage("m-" + round));
                // Each round the UDP connection is the JVM's only one: its close releases the embedded driver.
                try (Connection udp = new AeolusConnectionFactory(broker.udpUrl()).createConnection())
                {
                    final Session udpSession = udp.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    final MessageConsumer consumer = udpSession.createConsumer(udpSession.createQueue("closing"));
                    udp.start();
                    final TextMessage received = (TextMessage)consumer.receive(10_000);
                    assertNotNull(received, "round " + round + ": nothing received");
                    assertEquals("m-" + round, received.getText(), "round " + round + ": an earlier message came back");
                }
            }
            // Every UDP connection is gone at the broker (a lost Disconnect would be found by the liveness check,
            // and what it held requeued): only then can nothing more come back.
            awaitCondition(() -> broker.broker().conductor().connectionCount() == 1, Duration.ofSeconds(30));

            producer.send(session.createTextMessage("last"));
            final MessageConsumer next = session.createConsumer(session.createQueue("closing"));
            ipc.start();
            final TextMessage first = (TextMessage)next.receive(10_000);
            assertNotNull(first);
            assertEquals("last", first.getText(), "a message acknowledged before its connection closed came back");
        }
    }
}
