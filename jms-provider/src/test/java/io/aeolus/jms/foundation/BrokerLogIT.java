package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker process logs to the console and to rotating files in its data directory: its start with the options
 * set, each connection opened and closed with user and address, and its stop on SIGTERM.
 */
@Timeout(120)
class BrokerLogIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldLogStartConnectionsAndStopToTheConsoleAndTheLogFile() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        try (ChildJvm broker = ChildJvm.startJar(LivenessIT.brokerJar(), "--endpoint", "127.0.0.1:" + port,
            "--aeron-dir", aeronDir, "--data-dir", dataDir.toString(), "--dev"))
        {
            final String banner = broker.awaitLine("listening on", Duration.ofSeconds(60));
            assertTrue(banner.contains(" INFO  io.aeolus.broker: Aeolus broker"), banner);
            try (Connection connection = new AeolusConnectionFactory(
                "aeolus:udp://127.0.0.1:" + port + "?clientId=log-test").createConnection())
            {
                connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
                broker.awaitLine("opened: user anonymous from 127.0.0.1:", Duration.ofSeconds(30));
            }
            broker.awaitLine("closed: user anonymous from 127.0.0.1:", Duration.ofSeconds(30));
            broker.terminate();
            assertEquals(143, broker.exitValue(), "SIGTERM ends the JVM after its shutdown hook");
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
        final String log = Files.readString(dataDir.resolve("logs").resolve("broker.0.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("io.aeolus.broker: Aeolus broker 0.1.0 started: Aeron dir " + aeronDir), log);
        assertTrue(log.contains("options set: aeolus.broker.aeron.dir=" + aeronDir), log);
        assertTrue(log.contains("aeolus.broker.security=dev"), log);
        assertTrue(log.contains("listening on aeolus:udp://127.0.0.1:" + port), log);
        assertTrue(log.matches("(?s).*io\\.aeolus\\.broker\\.connections: connection \\d+ opened: user anonymous " +
            "from 127\\.0\\.0\\.1:\\d+, client id log-test.*"), log);
        assertTrue(log.contains("closed: user anonymous from 127.0.0.1:"), log);
        assertTrue(log.contains("io.aeolus.broker: Aeolus broker stopped"), log);
    }
}
