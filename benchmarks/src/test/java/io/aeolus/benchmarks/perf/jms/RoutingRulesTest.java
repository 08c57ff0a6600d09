package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Providers;
import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.engine.routing.RoutingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --aeolus-rules}: the rules the tool gives its broker are valid broker options, and a bad count is refused.
 */
@Timeout(10)
class RoutingRulesTest
{
    @Test
    void shouldDeclareValidRulesOnTheThroughputQueues()
    {
        assertEquals(10, RoutingConfig.read(JmsProviders.routingRules(10), TopicWildcards.DEFAULT).size());
        assertTrue(JmsProviders.routingRules(0).isEmpty());
    }

    @Test
    void shouldRefuseANegativeCount()
    {
        final Providers providers = new Providers(null, null, null, false, "sync", "process", null, "measure");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> providers.aeolusRules(-1));

        assertTrue(ex.getMessage().contains("--aeolus-rules"), ex.getMessage());
    }
}
