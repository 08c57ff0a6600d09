package io.aeolus.broker.engine.routing;

import io.aeolus.broker.engine.TopicWildcards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The config file's routing keys: rules and composites read in name order, and every malformed key or value refused
 * with an error naming it.
 */
@Timeout(10)
class RoutingConfigTest
{
    @Test
    void shouldReadRulesAndCompositesInNameOrder()
    {
        final List<RoutingRule> rules = RoutingConfig.read(Map.of(
            "aeolus.route.orders.eu.source", "queue:orders",
            "aeolus.route.orders.eu.selector", "region = 'EU'",
            "aeolus.route.orders.eu.targets", "queue:orders.eu, topic:audit",
            "aeolus.route.orders.eu.mode", "EXCLUSIVE",
            "aeolus.composite.topic.prices.all", "topic:prices.eu",
            "aeolus.broker.queues", "ignored"), TopicWildcards.DEFAULT);

        assertEquals(List.of("composite:topic:prices.all", "orders.eu"),
            rules.stream().map(RoutingRule::name).toList());
        final RoutingRule eu = rules.get(1);
        assertEquals(new Endpoint(false, "orders"), eu.source());
        assertEquals(List.of(new Endpoint(false, "orders.eu"), new Endpoint(true, "audit")), eu.targets());
        assertEquals(RouteMode.EXCLUSIVE, eu.mode());
        assertEquals("region = 'EU'", eu.selector().text());
        assertTrue(eu.declared() && rules.get(0).isComposite());
        assertEquals(RouteMode.EXCLUSIVE, rules.get(0).mode());
    }

    @Test
    void shouldRefuseMalformedKeysAndValuesNamingThem()
    {
        assertRefused(Map.of("aeolus.route.r.sources", "queue:a"), "unknown option 'aeolus.route.r.sources'");
        assertRefused(Map.of("aeolus.route.r.targets", "queue:a"), "aeolus.route.r.source is missing");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a"), "routing rule 'r': no targets");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a", "aeolus.route.r.targets", "queue:b,queue:b"),
            "named twice");
        assertRefused(Map.of("aeolus.route.r.source", "topic:a.b*", "aeolus.route.r.targets", "queue:b"),
            "not a whole level");
        assertRefused(Map.of("aeolus.composite.exchange.x", "queue:b"),
            "unknown option 'aeolus.composite.exchange.x'");
        assertRefused(Map.of("aeolus.composite.queue.x.#", "queue:b"), "may not contain a wildcard");
        assertRefused(Map.of("aeolus.composite.queue.x", "queue:x"), "would make a loop");
    }

    @Test
    void shouldReadATransformerWithItsParametersAndASchema()
    {
        final RoutingRule rule = RoutingConfig.read(Map.of(
            "aeolus.route.in.json.source", "queue:in",
            "aeolus.route.in.json.targets", "queue:out",
            "aeolus.route.in.json.transformer", "properties",
            "aeolus.route.in.json.transformer.copy-json.region", "/region",
            "aeolus.route.in.json.transformer.set.kind", "order",
            "aeolus.route.in.json.schema", "{\"required\":[\"region\"]}",
            "aeolus.route.in.json.invalid", "dead-letter"), TopicWildcards.DEFAULT).get(0);

        assertEquals("in.json", rule.name());
        assertEquals("properties", rule.transform().transformer());
        assertEquals(Map.of("copy-json.region", "/region", "set.kind", "order"), rule.transform().parameters());
        assertEquals(RuleTransform.InvalidAction.DEAD_LETTER, rule.transform().invalid());
        assertEquals(2, rule.transform().steps().size());
    }

    @Test
    void shouldRefuseBadTransformationsNamingThem()
    {
        assertRefused(Map.of("aeolus.route.r.transformer.x", "1"),
            "routing rule 'r': transformer parameters but no aeolus.route.r.source");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a", "aeolus.route.r.targets", "queue:b",
            "aeolus.route.r.transformer.", "1"), "option 'aeolus.route.r.transformer.': no transformer parameter name");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a", "aeolus.route.r.targets", "queue:b",
            "aeolus.route.r.transformer.root", "x"), "routing rule 'r': transformer parameters [root] but no " +
            "transformer");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a", "aeolus.route.r.targets", "queue:b",
            "aeolus.route.r.invalid", "refuse"), "'invalid' is given but neither a transformer nor a schema");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a", "aeolus.route.r.targets", "queue:b",
            "aeolus.route.r.transformer", "xslt"), "routing rule 'r': unknown transformer 'xslt'");
        assertRefused(Map.of("aeolus.route.r.source", "queue:a", "aeolus.route.r.targets", "queue:b",
            "aeolus.route.r.schema", "{\"type\":7}"), "routing rule 'r': transformer json-schema: the inline " +
            "schema is not a valid schema");
    }

    @Test
    void shouldTreatWildcardsLiterallyWhenSwitchedOff()
    {
        final List<RoutingRule> rules = RoutingConfig.read(Map.of("aeolus.route.r.source", "queue:a.*",
            "aeolus.route.r.targets", "queue:b.*"), TopicWildcards.OFF);

        final RoutingTable table = new RoutingTable(TopicWildcards.OFF);
        table.put(rules.get(0));

        assertTrue(table.sourceMatches(rules.get(0), false, "a.*"));
        assertTrue(!table.sourceMatches(rules.get(0), false, "a.b"));
    }

    private static void assertRefused(final Map<String, String> options, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> RoutingConfig.read(options, TopicWildcards.DEFAULT));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
