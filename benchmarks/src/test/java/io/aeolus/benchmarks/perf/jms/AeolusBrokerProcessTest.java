package io.aeolus.benchmarks.perf.jms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AeolusBrokerProcessTest
{
    @Test
    void shouldRunTheBrokerMainInItsOwnJvmWithItsOptionsAsSystemProperties()
    {
        final List<String> command = AeolusBrokerProcess.command(null, Path.of("/tmp/data"), "/dev/shm/x", 4711,
            Map.of("aeolus.broker.idle.strategy", "yield"));

        assertTrue(command.get(0).endsWith("java"), command.toString());
        assertTrue(command.contains("-Daeolus.broker.idle.strategy=yield"), command.toString());
        assertTrue(command.contains("java.base/jdk.internal.misc=ALL-UNNAMED"), command.toString());
        final int main = command.indexOf(AeolusBrokerProcess.BROKER_MAIN);
        assertTrue(main > command.indexOf("-Daeolus.broker.idle.strategy=yield"), command.toString());
        assertEquals(List.of("--dev", "--data-dir", "/tmp/data", "--aeron-dir", "/dev/shm/x", "--endpoint",
            "127.0.0.1:4711"), command.subList(main + 1, command.size()));
    }

    @Test
    void shouldRunAGivenBrokerJar()
    {
        final List<String> command = AeolusBrokerProcess.command(
            Path.of("aeolus-broker.jar"), Path.of("d"), "a", 1, Map.of());

        assertEquals("aeolus-broker.jar", command.get(command.indexOf("-jar") + 1));
        assertTrue(!command.contains(AeolusBrokerProcess.BROKER_MAIN));
    }

    @Test
    void shouldRefuseAMissingBrokerJar()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> AeolusBrokerProcess.start(Path.of("/nonexistent/aeolus-broker.jar"), Map.of()));

        assertTrue(ex.getMessage().contains("--broker-jar"), ex.getMessage());
    }

    @Test
    void shouldTakeAFixedBufferTimeoutOrMeasureOne()
    {
        assertEquals(500_000, ArtemisBufferTimeout.parse("500us"));
        assertEquals(-1, ArtemisBufferTimeout.parse("measure"));
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> ArtemisBufferTimeout.parse("soon"));
        assertTrue(ex.getMessage().contains("--artemis-buffer-timeout"), ex.getMessage());
        assertTrue(ArtemisBufferTimeout.measure(Path.of(System.getProperty("java.io.tmpdir"))) > 0);
    }
}
