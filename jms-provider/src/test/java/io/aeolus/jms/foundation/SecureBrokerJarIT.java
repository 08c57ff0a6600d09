package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class SecureBrokerJarIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldStartSecureWithAGeneratedAdminPasswordShownOnce() throws Exception
    {
        final int port = LivenessIT.freeUdpPort();
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final String url = "aeolus:udp://127.0.0.1:" + port;
        try (ChildJvm brokerProcess = ChildJvm.startJar(LivenessIT.brokerJar(), "--endpoint", "127.0.0.1:" + port,
            "--aeron-dir", aeronDir, "--data-dir", dataDir.toString()))
        {
            final String passwordLine = brokerProcess.awaitLine("admin password:", Duration.ofSeconds(60));
            final String password = passwordLine.substring(passwordLine.indexOf(':') + 1).trim();
            final String banner = brokerProcess.awaitLine("listening on", Duration.ofSeconds(30));
            assertTrue(banner.contains("security on"), banner);

            assertThrows(JMSSecurityException.class, () -> new AeolusConnectionFactory(url).createConnection());
            assertThrows(JMSSecurityException.class,
                () -> new AeolusConnectionFactory(url).createConnection("admin", password + "x"));
            try (Connection connection = new AeolusConnectionFactory(url).createConnection("admin", password))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageConsumer consumer = session.createConsumer(session.createQueue("jar"));
                connection.start();
                session.createProducer(session.createQueue("jar")).send(session.createTextMessage("as admin"));
                final TextMessage received = (TextMessage)consumer.receive(10_000);
                assertNotNull(received);
                assertEquals("as admin", received.getText());
            }
            assertFalse(Files.readString(dataDir.resolve("users"), StandardCharsets.UTF_8).contains(password));
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }
    }
}
