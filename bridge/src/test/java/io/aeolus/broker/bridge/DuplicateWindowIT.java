package io.aeolus.broker.bridge;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source fails its commit after the bridge sent the message to the target: the source delivers the message
 * again, and the bridge drops it by its message id rather than sending it twice.
 */
@Timeout(60)
class DuplicateWindowIT
{
    @TempDir
    Path dir;

    @AfterEach
    void reset()
    {
        FailingCommitContextFactory.COMMITS_TO_FAIL.set(0);
    }

    @Test
    void shouldDropARedeliveryOfAMessageAlreadySent() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            FailingCommitContextFactory.COMMITS_TO_FAIL.set(1);
            try (Bridges bridges = new Bridges())
            {
                bridges.create(BridgeConfig.parse("copy", Map.of(
                    "source.jndi.java.naming.factory.initial", FailingCommitContextFactory.class.getName(),
                    "source.jndi.connectionFactory.ConnectionFactory", broker.ipcUrl(),
                    "source.destination", "queue:in",
                    "target.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory",
                    "target.jndi.connectionFactory.ConnectionFactory", broker.ipcUrl(),
                    "target.destination", "queue:out",
                    "reconnect.delay", "10ms")));
                connection.start();
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("in")).send(session.createTextMessage("once"));

                final MessageConsumer consumer = session.createConsumer(session.createQueue("out"));
                final TextMessage first = (TextMessage)consumer.receive(20_000);
                assertNotNull(first);
                assertEquals("once", first.getText());
                final long deadline = System.currentTimeMillis() + 20_000;
                while (bridges.metrics("copy").duplicatesDropped() < 1 && System.currentTimeMillis() < deadline)
                {
                    Thread.onSpinWait();
                }
                final BridgeMetrics metrics = bridges.metrics("copy");
                assertEquals(1, metrics.duplicatesDropped(), metrics.toString());
                assertEquals(1, metrics.forwarded(), metrics.toString());
                assertEquals(1, metrics.failures(), metrics.toString());
                assertEquals(1, metrics.reconnects(), metrics.toString());
                assertTrue(metrics.lastError().contains("injected"), metrics.toString());
                assertNull(consumer.receive(500), "sent to the target once");
            }
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertNull(session.createConsumer(session.createQueue("in")).receive(300),
                "the redelivery was committed on the source");
        }
    }
}
