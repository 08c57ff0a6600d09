package io.aeolus.broker;

import io.aeolus.broker.destination.DestinationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class BrokerConfigurationTest
{
    @TempDir
    Path dir;

    @Test
    void shouldListEveryOptionInTheReadmeTable() throws IOException
    {
        final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        for (final String row : BrokerConfiguration.markdownTable().split("\n"))
        {
            assertTrue(readme.contains(row), "README.md lacks the configuration row: " + row);
        }
    }

    @Test
    void shouldPreferSetterOverSystemPropertyOverConfigFileOverDefault() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, "aeolus.broker.id=from-file\naeolus.broker.max.connections=7\n" +
            "aeolus.broker.liveness.timeout=9s\n");
        System.setProperty("aeolus.broker.max.connections", "8");
        try
        {
            final Broker.Context ctx = new Broker.Context().configFile(file).livenessTimeout("3s").conclude();

            assertEquals("from-file", ctx.brokerId);
            assertEquals(8, ctx.maxConnections);
            assertEquals(TimeUnit.SECONDS.toNanos(3), ctx.livenessTimeoutNs);
            assertEquals(TimeUnit.SECONDS.toNanos(1), ctx.heartbeatIntervalNs);
        }
        finally
        {
            System.clearProperty("aeolus.broker.max.connections");
        }
    }

    @Test
    void shouldNameTheOptionWhenAValueIsInvalid()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().set(BrokerConfiguration.TERM_LENGTH, "lots").conclude());

        assertTrue(ex.getMessage().contains("aeolus.broker.term.length"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownKeyInTheConfigFile() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, "aeolus.broker.idd=typo\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().configFile(file).conclude());

        assertTrue(ex.getMessage().contains("aeolus.broker.idd"), ex.getMessage());
    }

    @Test
    void shouldReadPerDestinationSettingsFromTheConfigFileBelowSetters() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, "aeolus.broker.max.delivery.attempts=7\n" +
            "aeolus.destination.orders.#.max.delivery.attempts=3\n" +
            "aeolus.destination.orders.#.redelivery.delay=2s\n" +
            "aeolus.broker.queues=orders, invoices\n");

        final Broker.Context ctx = new Broker.Context().configFile(file)
            .destinationSetting("orders.#", "redelivery.delay", "5s").conclude();

        final DestinationPolicy orders = ctx.engineSettings.policies().resolve("orders.eu");
        assertEquals(3, orders.maxDeliveryAttempts());
        assertEquals(5000, orders.redeliveryDelayMs());
        assertEquals(7, ctx.engineSettings.policies().resolve("invoices").maxDeliveryAttempts());
        assertEquals(List.of("orders", "invoices"), ctx.engineSettings.queues());
    }

    @Test
    void shouldRefuseAnUnknownPerDestinationSettingNamingTheKey() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, "aeolus.destination.orders.max.retries=3\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().configFile(file).conclude());

        assertTrue(ex.getMessage().contains("aeolus.destination.orders.max.retries"), ex.getMessage());
    }

    @Test
    void shouldRefuseAMissingConfigFileNamingIt()
    {
        final Path missing = dir.resolve("nope.properties");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().configFile(missing).conclude());

        assertTrue(ex.getMessage().contains("nope.properties"), ex.getMessage());
    }

    @Test
    void shouldDisableUdpWithNone()
    {
        assertNull(new Broker.Context().udpEndpoint("none").conclude().udpEndpoint());
    }

    @Test
    void shouldRefuseAnEndpointWithoutPort()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().udpEndpoint("localhost").conclude());

        assertTrue(ex.getMessage().contains("aeolus.broker.udp.endpoint"), ex.getMessage());
    }

    @Test
    void shouldRefuseALivenessTimeoutNotLongerThanTheHeartbeat()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().livenessTimeout("1s").conclude());
    }

    @Test
    void shouldRefuseReusingAContext()
    {
        final Broker.Context ctx = new Broker.Context().conclude();

        assertThrows(IllegalStateException.class, ctx::conclude);
    }
}
