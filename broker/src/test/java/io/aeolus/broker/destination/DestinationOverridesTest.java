package io.aeolus.broker.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DestinationOverridesTest
{
    @Test
    void shouldApplyOnlyTheSettingsGivenOverTheResolvedPolicy()
    {
        final DestinationOverrides overrides = DestinationOverrides.parse(Map.of(
            "max.delivery.attempts", "2", "redelivery.delay", "5s", "dead.letter.queue", "failed.{destination}",
            "memory.limit.policy", "FAIL"));

        final DestinationPolicy policy = overrides.applyTo(DestinationPolicy.DEFAULT);

        assertEquals(2, policy.maxDeliveryAttempts());
        assertEquals(5000, policy.redeliveryDelayMs());
        assertEquals("failed.orders", policy.deadLetterQueueFor("orders"));
        assertEquals(MemoryLimitPolicy.FAIL, policy.memoryLimitPolicy());
        assertEquals(DestinationPolicy.DEFAULT.memoryLimitBytes(), policy.memoryLimitBytes());
        assertEquals(DestinationPolicy.DEFAULT.redeliveryMaxDelayMs(), policy.redeliveryMaxDelayMs());
    }

    @Test
    void shouldRefuseAnUnknownSettingNamingItAndTheKnownOnes()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DestinationOverrides.parse(Map.of("max.attempts", "3")));

        assertTrue(ex.getMessage().startsWith("unknown setting 'max.attempts': expected one of redelivery.delay, "),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("max.delivery.attempts"), ex.getMessage());
    }

    @Test
    void shouldRefuseABadValueNamingTheSetting()
    {
        final IllegalArgumentException attempts = assertThrows(IllegalArgumentException.class,
            () -> DestinationOverrides.parse(Map.of("max.delivery.attempts", "many")));
        final IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
            () -> DestinationOverrides.parse(Map.of("memory.limit.policy", "drop")));

        assertEquals("setting 'max.delivery.attempts': not a number: 'many'", attempts.getMessage());
        assertEquals("setting 'memory.limit.policy': expected block or fail, got 'drop'", policy.getMessage());
    }

    @Test
    void shouldRefuseAutoCreateForOneDestination()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DestinationOverrides.parse(Map.of("auto.create", "false")));

        assertTrue(ex.getMessage().startsWith("setting 'auto.create' cannot be given to one destination"),
            ex.getMessage());
    }

    @Test
    void shouldMergeChangesKeepingTheTextGiven()
    {
        final DestinationOverrides first = DestinationOverrides.parse(Map.of("memory.limit", "1m", "expiry.queue",
            "expired"));

        final DestinationOverrides merged = first.with(DestinationOverrides.parse(Map.of("memory.limit", "2m")));

        final Map<String, String> expected = new LinkedHashMap<>();
        expected.put("expiry.queue", "expired");
        expected.put("memory.limit", "2m");
        assertEquals(expected, merged.toText());
        assertEquals(2L * 1024 * 1024, merged.applyTo(DestinationPolicy.DEFAULT).memoryLimitBytes());
        assertSame(DestinationOverrides.NONE, DestinationOverrides.parse(Map.of()));
    }

    @Test
    void shouldListEveryValueAsTextItsSettingAcceptsBack()
    {
        final DestinationPolicy policy = DestinationOverrides.parse(Map.of("redelivery.delay", "250ms",
            "redelivery.multiplier", "2.5", "last.value.key", "symbol", "retention.time", "1m", "expiry.queue", ""))
            .applyTo(DestinationPolicy.DEFAULT);

        final Map<String, String> texts = DestinationOverrides.textsOf(policy);

        assertEquals("250ms", texts.get("redelivery.delay"));
        assertEquals("block", texts.get("memory.limit.policy"));
        assertEquals("", texts.get("expiry.queue"));
        assertEquals(false, texts.containsKey("auto.create"));
        assertEquals(policy, DestinationOverrides.parse(texts).applyTo(DestinationPolicy.DEFAULT));
    }
}
