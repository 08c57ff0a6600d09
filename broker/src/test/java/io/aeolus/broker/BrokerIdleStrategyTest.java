package io.aeolus.broker;

import io.aeolus.transport.ProgressiveIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class BrokerIdleStrategyTest
{
    @Test
    void shouldGiveTheDriverTheConductorsStrategyUnlessSetApart()
    {
        final Broker.Context defaults = new Broker.Context().conclude();
        assertInstanceOf(ProgressiveIdleStrategy.class, defaults.idleStrategy());
        assertInstanceOf(ProgressiveIdleStrategy.class, defaults.driverIdleStrategy());

        final Broker.Context yielding = new Broker.Context().set(BrokerConfiguration.IDLE_STRATEGY, "yield").conclude();
        assertInstanceOf(YieldingIdleStrategy.class, yielding.driverIdleStrategy());

        final Broker.Context apart = new Broker.Context().set(BrokerConfiguration.IDLE_STRATEGY, "yield")
            .set(BrokerConfiguration.DRIVER_IDLE_STRATEGY, "spin").conclude();
        assertInstanceOf(YieldingIdleStrategy.class, apart.idleStrategy());
        assertInstanceOf(BusySpinIdleStrategy.class, apart.driverIdleStrategy());

        final Broker.Context parkingDriver = new Broker.Context().set(BrokerConfiguration.IDLE_STRATEGY, "spin")
            .set(BrokerConfiguration.DRIVER_IDLE_STRATEGY, "backoff").conclude();
        assertInstanceOf(ProgressiveIdleStrategy.class, parkingDriver.driverIdleStrategy());
    }

    @Test
    void shouldRunTheDriverOnTheConductorOnlyWhenBothBackOffTogether()
    {
        assertFalse(BrokerStartup.driverOnConductor(new Broker.Context().conclude()), "the default: a thread");
        assertTrue(BrokerStartup.driverOnConductor(new Broker.Context()
            .set(BrokerConfiguration.DRIVER_THREADING, "conductor").conclude()));
        assertFalse(BrokerStartup.driverOnConductor(new Broker.Context()
            .set(BrokerConfiguration.DRIVER_THREADING, "conductor")
            .set(BrokerConfiguration.IDLE_STRATEGY, "yield").conclude()));
        assertFalse(BrokerStartup.driverOnConductor(new Broker.Context()
            .set(BrokerConfiguration.DRIVER_THREADING, "conductor")
            .set(BrokerConfiguration.DRIVER_IDLE_STRATEGY, "spin").conclude()));
        assertTrue(BrokerStartup.driverOnConductor(new Broker.Context()
            .set(BrokerConfiguration.DRIVER_THREADING, "conductor")
            .set(BrokerConfiguration.DRIVER_IDLE_STRATEGY, "backoff").conclude()));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().set(BrokerConfiguration.DRIVER_THREADING, "invoker").conclude());
        assertTrue(ex.getMessage().contains("aeolus.broker.driver.threading") &&
            ex.getMessage().contains("'invoker'"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownDriverStrategyNamingTheOption()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Broker.Context().set(BrokerConfiguration.DRIVER_IDLE_STRATEGY, "doze").conclude());
        assertTrue(ex.getMessage().contains("aeolus.broker.driver.idle.strategy"), ex.getMessage());
    }
}
