package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Providers;
import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.engine.routing.RoutingConfig;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.transform.MessageView;
import io.aeolus.broker.transform.TransformResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --aeolus-rules} and {@code --aeolus-transform}: the rules the tool gives its broker are valid broker
 * options, the workload's bodies pass the transformer, and a bad count or transformer is refused.
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
    void shouldPutAnXmlToJsonRuleOnThePathThatTheWorkloadsBodiesPass()
    {
        final RoutingRule rule = RoutingConfig.read(JmsProviders.transformRule("xml-to-json"),
            TopicWildcards.DEFAULT).get(0);
        final MessageView body = new MessageView(MessageView.BYTES, Messages.xml(100), Map.of(), null);

        final TransformResult result = rule.transform().steps().get(0).apply(body);

        assertEquals(100, Messages.xml(100).length);
        assertNull(result.error());
        assertTrue(JmsProviders.transformRule("none").isEmpty());
    }

    @Test
    void shouldRefuseAnUnknownTransform()
    {
        final Providers providers = new Providers(null, null, null, false, "sync", "process", null, "measure");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> providers.aeolusTransform("xslt"));

        assertTrue(ex.getMessage().contains("--aeolus-transform"), ex.getMessage());
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
