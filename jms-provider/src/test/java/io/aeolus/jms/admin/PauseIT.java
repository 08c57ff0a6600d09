package io.aeolus.jms.admin;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue an administrator paused stays paused across a broker restart (the pause is journaled) until it is resumed.
 */
@Timeout(60)
class PauseIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepAPausedQueuePausedAcrossARestartUntilItIsResumed() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("orders")).send(session.createTextMessage("held"));
            admin.pause("orders");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            connection.start();
            assertTrue(admin.queue("orders").paused(), "still paused after the restart");
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            assertNull(consumer.receive(300), "a paused queue delivers nothing");

            admin.resume("orders");
            assertFalse(admin.queue("orders").paused());
            assertEquals("held", ((TextMessage)consumer.receive(10_000)).getText());
        }
    }
}
