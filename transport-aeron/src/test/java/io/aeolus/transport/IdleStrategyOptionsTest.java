package io.aeolus.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IdleStrategyOptionsTest
{
    @AfterEach
    void clearProperties()
    {
        System.clearProperty(TransportConfiguration.CLIENT_IDLE_STRATEGY_PROP_NAME);
        System.clearProperty(TransportConfiguration.CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME);
    }

    @Test
    void shouldTakeTheIdleStrategiesFromTheUrlThenThePropertiesThenBackoff()
    {
        final ClientEndpointContext defaults = context("aeolus:udp://127.0.0.1:5150");
        assertEquals("backoff", defaults.idleStrategy);
        assertEquals("backoff", defaults.driverIdleStrategy);

        final ClientEndpointContext fromUrl = context("aeolus:udp://127.0.0.1:5150?idleStrategy=yield");
        assertEquals("yield", fromUrl.idleStrategy);
        assertEquals("yield", fromUrl.driverIdleStrategy, "the driver follows the receive thread unless set");

        final ClientEndpointContext both = context("aeolus:udp://127.0.0.1:5150?idleStrategy=spin&driverIdleStrategy=" +
            "backoff");
        assertEquals("spin", both.idleStrategy);
        assertEquals("backoff", both.driverIdleStrategy);

        System.setProperty(TransportConfiguration.CLIENT_IDLE_STRATEGY_PROP_NAME, "yield");
        System.setProperty(TransportConfiguration.CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME, "spin");
        final ClientEndpointContext fromProperties = context("aeolus:ipc");
        assertEquals("yield", fromProperties.idleStrategy);
        assertEquals("spin", fromProperties.driverIdleStrategy);
        assertEquals("backoff", context("aeolus:ipc?idleStrategy=backoff&driverIdleStrategy=backoff").idleStrategy);
    }

    @Test
    void shouldRefuseAnUnknownStrategyNamingTheOption()
    {
        final IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
            () -> context("aeolus:ipc?idleStrategy=fast"));
        assertTrue(url.getMessage().startsWith("idleStrategy: expected backoff, yield or spin, got 'fast'"),
            url.getMessage());
        final IllegalArgumentException driver = assertThrows(IllegalArgumentException.class,
            () -> context("aeolus:ipc?driverIdleStrategy=sleep"));
        assertTrue(driver.getMessage().startsWith("driverIdleStrategy: "), driver.getMessage());

        System.setProperty(TransportConfiguration.CLIENT_IDLE_STRATEGY_PROP_NAME, "nap");
        final IllegalArgumentException property = assertThrows(IllegalArgumentException.class,
            () -> context("aeolus:ipc"));
        assertTrue(property.getMessage().startsWith(TransportConfiguration.CLIENT_IDLE_STRATEGY_PROP_NAME + ": "),
            property.getMessage());
    }

    private static ClientEndpointContext context(final String url)
    {
        return new ClientEndpointContext(EndpointUri.parse(url));
    }
}
