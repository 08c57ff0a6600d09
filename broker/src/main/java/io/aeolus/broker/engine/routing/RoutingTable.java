package io.aeolus.broker.engine.routing;

import io.aeolus.broker.engine.TopicWildcards;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The broker's routing rules, by name, and the checks that keep them loop-free: a rule whose targets (through other
 * rules and composites) reach its own source is refused, with the chain that would loop. The send path asks which
 * rules a destination has ({@link #rules()} in name order, {@link #sourceMatches}); it allocates nothing. Engine
 * thread only.
 */
public final class RoutingTable
{
    private static final RoutingRule[] NONE = new RoutingRule[0];

    private final TopicWildcards wildcards;
    private final TreeMap<String, RoutingRule> byName = new TreeMap<>();
    private RoutingRule[] ordered = NONE;

    /**
     * @param wildcards the syntax of source patterns (the broker's topic wildcards).
     */
    public RoutingTable(final TopicWildcards wildcards)
    {
        this.wildcards = wildcards;
    }

    /**
     * @return the wildcard syntax of source patterns.
     */
    public TopicWildcards wildcards()
    {
        return wildcards;
    }

    /**
     * @return true if there are no rules: the send path then does what it did before rules existed.
     */
    public boolean isEmpty()
    {
        return 0 == ordered.length;
    }

    /**
     * @return the rules in name order; the array is the table's own, not to be changed.
     */
    public RoutingRule[] rules()
    {
        return ordered;
    }

    /**
     * @param name a rule's name.
     * @return the rule, null if there is none of that name.
     */
    public RoutingRule get(final String name)
    {
        return byName.get(name);
    }

    /**
     * @return the rules in name order, a copy.
     */
    public List<RoutingRule> list()
    {
        return List.of(ordered);
    }

    /**
     * Checks a rule against the others (it replaces the one of the same name).
     *
     * @param rule the rule to add or change.
     * @return why it may not be added (it would make a loop, naming the chain), or null.
     */
    public String problem(final RoutingRule rule)
    {
        final List<RoutingRule> others = new ArrayList<>(byName.size() + 1);
        for (final RoutingRule other : ordered)
        {
            if (!other.name().equals(rule.name()))
            {
                others.add(other);
            }
        }
        others.add(rule);
        for (final Endpoint target : rule.targets())
        {
            final List<String> chain = chainTo(target, rule, rule, others, new ArrayList<>());
            if (null != chain)
            {
                return "routing rule '" + rule.name() + "' would make a loop: " + rule.source() + " -> " +
                    String.join(" -> ", chain);
            }
        }
        return null;
    }

    /**
     * Adds or replaces a rule, after checking it ({@link #problem}).
     *
     * @param rule the rule.
     * @throws IllegalArgumentException if it would make a loop.
     */
    public void put(final RoutingRule rule)
    {
        final String problem = problem(rule);
        if (null != problem)
        {
            throw new IllegalArgumentException(problem);
        }
        byName.put(rule.name(), rule);
        ordered = byName.values().toArray(NONE);
    }

    /**
     * @param name a rule's name.
     * @return the rule removed, null if there was none of that name.
     */
    public RoutingRule remove(final String name)
    {
        final RoutingRule removed = byName.remove(name);
        if (null != removed)
        {
            ordered = byName.values().toArray(NONE);
        }
        return removed;
    }

    /**
     * @param rule  a rule.
     * @param topic true if the destination is a topic.
     * @param name  the destination's name.
     * @return true if messages sent to that destination are the rule's to route (its selector aside).
     */
    public boolean sourceMatches(final RoutingRule rule, final boolean topic, final String name)
    {
        final Endpoint source = rule.source();
        if (source.topic() != topic)
        {
            return false;
        }
        return wildcards.isPattern(source.name()) ? wildcards.matches(source.name(), name) : source.name().equals(name);
    }

    /**
     * Depth-first: the chain of destinations from {@code at} (reached by the rule {@code via}) through the rules back
     * to {@code origin}'s source, or null if there is none. {@code seen} holds the destinations already walked (the
     * other rules hold no cycle of their own: each was checked when added).
     */
    private List<String> chainTo(final Endpoint at, final RoutingRule via, final RoutingRule origin,
        final List<RoutingRule> rules, final List<Endpoint> seen)
    {
        final String step = at + " (rule '" + via.name() + "')";
        if (sourceMatches(origin, at.topic(), at.name()))
        {
            final List<String> chain = new ArrayList<>();
            chain.add(step);
            return chain;
        }
        if (seen.contains(at))
        {
            return null;
        }
        seen.add(at);
        for (final RoutingRule next : rules)
        {
            if (sourceMatches(next, at.topic(), at.name()))
            {
                for (final Endpoint target : next.targets())
                {
                    final List<String> rest = chainTo(target, next, origin, rules, seen);
                    if (null != rest)
                    {
                        rest.add(0, step);
                        return rest;
                    }
                }
            }
        }
        return null;
    }
}
