package io.aeolus.jms.foundation;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Timeout(60)
class BrokerRestartIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldConnectAgainOverIpcAsSoonAsTheBrokerIsBackInTheSameDirectory() throws Exception
    {
        final Broker.Context first = EmbeddedBroker.isolatedContext(dataDir);
        final String aeronDir;
        final String udpEndpoint;
        final CompletableFuture<JMSException> lost = new CompletableFuture<>();
        final Connection firstConnection;
        try (EmbeddedBroker broker = EmbeddedBroker.start(first))
        {
            aeronDir = broker.broker().context().aeronDirectoryName();
            udpEndpoint = broker.broker().context().udpEndpoint();
            firstConnection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            firstConnection.setExceptionListener(lost::complete);
            roundTrip(broker.ipcUrl());
        }
        assertNotNull(lost.get(20, TimeUnit.SECONDS), "the first connection never heard that the broker left");

        try (EmbeddedBroker broker = EmbeddedBroker.start(new Broker.Context()
            .aeronDirectoryName(aeronDir).udpEndpoint(udpEndpoint).dataDirectory(dataDir)
            .securityMode(SecurityMode.DEV).deleteAeronDirOnClose(true)))
        {
            // The failed first connection is still open and holds the JVM's Aeron client for the old driver.
            roundTrip(broker.ipcUrl());
        }
        finally
        {
            firstConnection.close();
        }
    }

    private static void roundTrip(final String url) throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("restart"));
            connection.start();
            session.createProducer(session.createQueue("restart")).send(session.createTextMessage("hi"));
            assertEquals("hi", ((TextMessage)consumer.receive(10_000)).getText());
        }
    }
}
