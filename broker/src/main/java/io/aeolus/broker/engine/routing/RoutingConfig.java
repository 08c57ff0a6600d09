package io.aeolus.broker.engine.routing;

import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.transform.TransformerRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads routing rules and composite destinations from the broker's options:
 * <pre>
 * aeolus.route.&lt;rule&gt;.source=queue:orders          (or topic:stock.#: a pattern)
 * aeolus.route.&lt;rule&gt;.selector=region = 'EU'       (optional)
 * aeolus.route.&lt;rule&gt;.targets=queue:orders.eu,topic:audit
 * aeolus.route.&lt;rule&gt;.mode=copy                     (copy, the default, or exclusive)
 * aeolus.route.&lt;rule&gt;.transformer=xml-to-json        (optional: a transformer by name)
 * aeolus.route.&lt;rule&gt;.transformer.&lt;param&gt;=value     (its parameters)
 * aeolus.route.&lt;rule&gt;.schema=/etc/aeolus/order.json  (optional: a JSON Schema, a file or inline)
 * aeolus.route.&lt;rule&gt;.invalid=refuse                (refuse, the default, or dead-letter)
 * aeolus.composite.queue.&lt;name&gt;=queue:a,topic:b      (a composite queue; or aeolus.composite.topic.&lt;name&gt;)
 * </pre>
 * Thread-safe: no state.
 */
public final class RoutingConfig
{
    /** Prefix of a routing rule's keys. */
    public static final String ROUTE_PREFIX = "aeolus.route.";
    /** Prefix of a composite destination's key. */
    public static final String COMPOSITE_PREFIX = "aeolus.composite.";
    private static final String[] FIELDS = {"source", "selector", "targets", "mode", "transformer", "schema",
        "invalid"};
    private static final String PARAMETER_INFIX = ".transformer.";

    private RoutingConfig()
    {
    }

    /**
     * @param key an option's name.
     * @return true if it is a routing rule's or composite's key (which {@link #read} checks further).
     */
    public static boolean isRoutingKey(final String key)
    {
        return key.startsWith(ROUTE_PREFIX) || key.startsWith(COMPOSITE_PREFIX);
    }

    /**
     * Reads the rules and composites among the options, checking each and that together they make no loop.
     *
     * @param options   every option (others are ignored).
     * @param wildcards the broker's topic wildcards.
     * @return the rules, in name order, marked declared.
     * @throws IllegalArgumentException naming the option or rule and the problem.
     */
    public static List<RoutingRule> read(final Map<String, String> options, final TopicWildcards wildcards)
    {
        return read(options, wildcards, TransformerRegistry.builtIns());
    }

    /**
     * Reads the rules and composites among the options, checking each, their transformers, and that together they
     * make no loop.
     *
     * @param options      every option (others are ignored).
     * @param wildcards    the broker's topic wildcards.
     * @param transformers the transformers known.
     * @return the rules, in name order, marked declared.
     * @throws IllegalArgumentException naming the option or rule and the problem.
     */
    public static List<RoutingRule> read(final Map<String, String> options, final TopicWildcards wildcards,
        final TransformerRegistry transformers)
    {
        final TreeMap<String, String[]> routes = new TreeMap<>();
        final TreeMap<String, TreeMap<String, String>> parameters = new TreeMap<>();
        final List<RoutingRule> rules = new ArrayList<>();
        for (final Map.Entry<String, String> option : new TreeMap<>(options).entrySet())
        {
            if (option.getKey().startsWith(COMPOSITE_PREFIX))
            {
                rules.add(composite(option.getKey(), option.getValue(), wildcards));
            }
            else if (option.getKey().startsWith(ROUTE_PREFIX))
            {
                readRouteKey(option.getKey(), option.getValue(), routes, parameters);
            }
        }
        for (final String rule : parameters.keySet())
        {
            if (!routes.containsKey(rule))
            {
                throw new IllegalArgumentException("routing rule '" + rule + "': transformer parameters but no " +
                    ROUTE_PREFIX + rule + ".source");
            }
        }
        for (final Map.Entry<String, String[]> route : routes.entrySet())
        {
            final String[] fields = route.getValue();
            if (null == fields[0])
            {
                throw new IllegalArgumentException("routing rule '" + route.getKey() + "': " + ROUTE_PREFIX +
                    route.getKey() + ".source is missing");
            }
            final RuleTransform transform = RuleTransform.parse(route.getKey(), fields[4],
                parameters.getOrDefault(route.getKey(), new TreeMap<>()), fields[5], fields[6], transformers);
            rules.add(RoutingRule.parse(route.getKey(), fields[0], fields[1], fields[2], fields[3], wildcards, true,
                transform));
        }
        final RoutingTable table = new RoutingTable(wildcards);
        for (final RoutingRule rule : rules)
        {
            if (null != table.get(rule.name()))
            {
                throw new IllegalArgumentException("routing rule '" + rule.name() + "' is declared twice");
            }
            table.put(rule);
        }
        return table.list();
    }

    private static void readRouteKey(final String key, final String value, final TreeMap<String, String[]> routes,
        final TreeMap<String, TreeMap<String, String>> parameters)
    {
        final int infix = key.indexOf(PARAMETER_INFIX, ROUTE_PREFIX.length());
        if (infix > ROUTE_PREFIX.length())
        {
            final String parameter = key.substring(infix + PARAMETER_INFIX.length());
            if (parameter.isEmpty())
            {
                throw new IllegalArgumentException("option '" + key + "': no transformer parameter name");
            }
            parameters.computeIfAbsent(key.substring(ROUTE_PREFIX.length(), infix), (name) -> new TreeMap<>())
                .put(parameter, value);
            return;
        }
        final int dot = key.lastIndexOf('.');
        final String field = key.substring(dot + 1);
        final int index = List.of(FIELDS).indexOf(field);
        if (dot < ROUTE_PREFIX.length() + 1 || index < 0)
        {
            throw new IllegalArgumentException("unknown option '" + key + "': a routing rule's key is " +
                ROUTE_PREFIX + "<rule>.<source|selector|targets|mode|transformer|schema|invalid> or " +
                ROUTE_PREFIX + "<rule>.transformer.<parameter>");
        }
        routes.computeIfAbsent(key.substring(ROUTE_PREFIX.length(), dot), (name) -> new String[FIELDS.length])
            [index] = value;
    }

    private static RoutingRule composite(final String key, final String members, final TopicWildcards wildcards)
    {
        final String rest = key.substring(COMPOSITE_PREFIX.length());
        final int dot = rest.indexOf('.');
        final String type = dot < 0 ? "" : rest.substring(0, dot);
        if (dot < 0 || dot == rest.length() - 1 || !("queue".equals(type) || "topic".equals(type)))
        {
            throw new IllegalArgumentException("unknown option '" + key + "': a composite destination's key is " +
                COMPOSITE_PREFIX + "queue.<name> or " + COMPOSITE_PREFIX + "topic.<name>");
        }
        final String source = type + ":" + rest.substring(dot + 1);
        if (wildcards.isPattern(rest.substring(dot + 1)))
        {
            throw new IllegalArgumentException(key + ": a composite destination's name may not contain a wildcard");
        }
        return RoutingRule.parse(RoutingRule.COMPOSITE_PREFIX + source, source, null, members, "exclusive",
            wildcards, true);
    }
}
