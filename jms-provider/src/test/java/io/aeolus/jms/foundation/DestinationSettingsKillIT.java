package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.SettingInfo;
import jakarta.jms.Connection;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The settings administrators give destinations at run time survive the packaged broker's crash (SIGKILL right after
 * the change was confirmed) and then its clean restart (issue #20, item 1).
 */
@Timeout(300)
class DestinationSettingsKillIT
{
    private static final Map<String, String> ORDERS = Map.of("max.delivery.attempts", "2", "dead.letter.queue",
        "kept.x");

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepDestinationSettingsAcrossAKillAndACleanRestart() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s&requestTimeout=10s";
        final Path data = Files.createDirectories(dataDir.resolve("data"));
        final Map<String, String> afterKill;
        final Map<String, String> topicAfterKill;
        final Map<String, String> afterRestart;
        try
        {
            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection();
                    AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
                {
                    connection.start();
                    admin.createQueue("kept.orders", ORDERS);
                    admin.createTopic("kept.prices");
                    admin.setDestinationSettings("kept.prices", true, Map.of("memory.limit", "3m"));
                    admin.createQueue("kept.jobs", Map.of("redelivery.delay", "5s"));
                    admin.resetDestinationSettings("kept.jobs", false, List.of());
                }
                broker.kill();
            }
            IoUtil.delete(new File(aeronDir), true);

            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection();
                    AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
                {
                    connection.start();
                    afterKill = own(admin.destinationSettings("kept.orders", false));
                    topicAfterKill = own(admin.destinationSettings("kept.prices", true));
                    assertEquals(Map.of(), own(admin.destinationSettings("kept.jobs", false)));
                    admin.setDestinationSettings("kept.orders", false, Map.of("memory.limit", "1m"));
                }
                broker.terminate();
            }
            IoUtil.delete(new File(aeronDir), true);

            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection();
                    AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
                {
                    connection.start();
                    afterRestart = own(admin.destinationSettings("kept.orders", false));
                }
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }

        assertEquals(ORDERS, afterKill);
        assertEquals(Map.of("memory.limit", "3145728"), topicAfterKill);
        assertEquals(Map.of("max.delivery.attempts", "2", "dead.letter.queue", "kept.x", "memory.limit", "1048576"),
            afterRestart);
    }

    private static Map<String, String> own(final List<SettingInfo> rows)
    {
        final Map<String, String> own = new TreeMap<>();
        for (final SettingInfo row : rows)
        {
            if (row.overridden())
            {
                own.put(row.name(), row.value());
            }
        }
        return own;
    }
}
