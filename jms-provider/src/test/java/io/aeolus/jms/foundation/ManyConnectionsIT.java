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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Timeout(180)
class ManyConnectionsIT
{
    private static final int CONNECTIONS = 100;

    @TempDir
    Path dataDir;

    @Test
    void shouldServeAHundredConcurrentConnections() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            // Small terms: 100 connections x 2 publications x 3 terms stay well inside /dev/shm.
            final String url = broker.ipcUrl() + "&termLength=64k";
            final List<Connection> connections = new ArrayList<>();
            try
            {
                final List<MessageConsumer> consumers = new ArrayList<>();
                final List<Session> sessions = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final Connection connection = new AeolusConnectionFactory(url).createConnection();
                    connections.add(connection);
                    final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    sessions.add(session);
                    consumers.add(session.createConsumer(session.createQueue("private-" + i)));
                    connection.start();
                }
                assertEquals(CONNECTIONS, broker.broker().conductor().connectionCount());

                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final Session from = sessions.get((i + 1) % CONNECTIONS);
                    final MessageProducer producer = from.createProducer(from.createQueue("private-" + i));
                    producer.send(from.createTextMessage("to " + i));
                    producer.close();
                }
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final TextMessage message = (TextMessage)consumers.get(i).receive(10_000);
                    assertNotNull(message, "connection " + i + " got nothing");
                    assertEquals("to " + i, message.getText());
                }
            }
            finally
            {
                for (final Connection connection : connections)
                {
                    connection.close();
                }
            }
            LivenessIT.awaitCondition(() -> broker.broker().conductor().connectionCount() == 0,
                java.time.Duration.ofSeconds(10));
        }
    }
}
