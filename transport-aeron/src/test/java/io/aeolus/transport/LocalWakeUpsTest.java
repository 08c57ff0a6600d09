package io.aeolus.transport;

import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LocalWakeUpsTest
{
    private final List<String> woken = new ArrayList<>();

    @Test
    void shouldWakeOnlyConductorsForAFrameSentOverIpc() throws Exception
    {
        try (AutoCloseable ignore = LocalWakeUps.register(() -> woken.add("conductor"), () -> woken.add("driver")))
        {
            LocalWakeUps.wakeAll(false);
            assertEquals(List.of("conductor"), woken);

            woken.clear();
            LocalWakeUps.wakeAll(true);
            assertEquals(List.of("driver", "conductor"), woken);
        }
        woken.clear();
        LocalWakeUps.wakeAll(true);
        assertEquals(List.of(), woken);
    }

    @Test
    void shouldRegisterABrokerWithoutAnEmbeddedDriver() throws Exception
    {
        try (AutoCloseable ignore = LocalWakeUps.register(() -> woken.add("conductor"), null))
        {
            LocalWakeUps.wakeAll(true);
        }
        assertEquals(List.of("conductor"), woken);
    }

    @Test
    void shouldWakeAfterADutyCycleOnlyWhenTheAgentSaysSo() throws Exception
    {
        final int[] work = {0};
        final Agent agent = new Agent()
        {
            public int doWork()
            {
                return work[0];
            }

            public String roleName()
            {
                return "test";
            }
        };
        final Agent waking = LocalWakeUps.wakingAfterWork(agent, (workCount) -> workCount > 1, () -> woken.add("w"));

        assertEquals(0, waking.doWork());
        work[0] = 1;
        assertEquals(1, waking.doWork());
        assertEquals(List.of(), woken);
        work[0] = 2;
        assertEquals(2, waking.doWork());
        assertEquals(List.of("w"), woken);
        assertEquals("test", waking.roleName());
    }
}
