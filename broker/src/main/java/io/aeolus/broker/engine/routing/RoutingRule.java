package io.aeolus.broker.engine.routing;

import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * A routing rule (a divert): messages sent to its source (a queue or topic, or a pattern of names) that its selector
 * admits also go to each of its targets ({@link RouteMode#COPY}), or only to them ({@link RouteMode#EXCLUSIVE}). A
 * composite destination is an exclusive rule without a selector, named {@code composite:<queue|topic>:<name>}.
 * Thread-safe: immutable.
 *
 * @param name     the rule's name, unique in the broker.
 * @param source   where the messages are sent; its name may be a wildcard pattern.
 * @param selector which of them the rule takes; {@link Selector#MATCH_ALL} for all.
 * @param targets  where they also (or only) go: one or more destinations, no patterns.
 * @param mode     copy or exclusive.
 * @param declared true if the rule comes from the broker's config file (then it is not journaled, and management
 *                 cannot change or remove it).
 * @param transform what the rule does to the messages it takes before they reach the targets: transformer,
 *                  validation; {@link RuleTransform#NONE} for nothing.
 */
public record RoutingRule(String name, Endpoint source, Selector selector, List<Endpoint> targets, RouteMode mode,
    boolean declared, RuleTransform transform)
{
    /** Longest rule name. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Prefix of the name of a rule that stands for a composite destination. */
    public static final String COMPOSITE_PREFIX = "composite:";
    /** Most targets of one rule. */
    public static final int MAX_TARGETS = 100;

    /**
     * Copies the targets.
     */
    public RoutingRule
    {
        targets = List.copyOf(targets);
        transform = null == transform ? RuleTransform.NONE : transform;
    }

    /**
     * A rule that neither transforms nor validates.
     *
     * @param name     the rule's name.
     * @param source   where the messages are sent.
     * @param selector which of them the rule takes.
     * @param targets  where they also (or only) go.
     * @param mode     copy or exclusive.
     * @param declared true if from the config file.
     */
    public RoutingRule(final String name, final Endpoint source, final Selector selector, final List<Endpoint> targets,
        final RouteMode mode, final boolean declared)
    {
        this(name, source, selector, targets, mode, declared, RuleTransform.NONE);
    }

    /**
     * Builds a rule from text, as the config file, management and the CLI give it, checking every part.
     *
     * @param name      the rule's name.
     * @param source    {@code queue:<name or pattern>} or {@code topic:<name or pattern>}.
     * @param selector  a JMS selector, or null or empty for none.
     * @param targets   comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode      {@code copy} (the default when null or empty) or {@code exclusive}.
     * @param wildcards the broker's topic wildcards (the same syntax serves queue patterns).
     * @param declared  true if from the config file.
     * @return the rule.
     * @throws IllegalArgumentException naming the rule and the problem.
     */
    public static RoutingRule parse(final String name, final String source, final String selector,
        final String targets, final String mode, final TopicWildcards wildcards, final boolean declared)
    {
        return parse(name, source, selector, targets, mode, wildcards, declared, RuleTransform.NONE);
    }

    /**
     * Builds a rule from text, with a transformation already built by {@link RuleTransform#parse}.
     *
     * @param name      the rule's name.
     * @param source    {@code queue:<name or pattern>} or {@code topic:<name or pattern>}.
     * @param selector  a JMS selector, or null or empty for none.
     * @param targets   comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode      {@code copy} (the default when null or empty) or {@code exclusive}.
     * @param wildcards the broker's topic wildcards.
     * @param declared  true if from the config file.
     * @param transform what the rule does to the messages it takes.
     * @return the rule.
     * @throws IllegalArgumentException naming the rule and the problem.
     */
    public static RoutingRule parse(final String name, final String source, final String selector,
        final String targets, final String mode, final TopicWildcards wildcards, final boolean declared,
        final RuleTransform transform)
    {
        requireName(name);
        final Endpoint from = Endpoint.parse(name, "source", source);
        if (wildcards.isPattern(from.name()))
        {
            final String problem = wildcards.patternProblem(from.name());
            if (null != problem)
            {
                throw new IllegalArgumentException("routing rule '" + name + "': source: " + problem);
            }
        }
        final Selector compiled = parseSelector(name, selector);
        if (null == targets || targets.isBlank())
        {
            throw new IllegalArgumentException("routing rule '" + name + "': no targets (expected a comma-" +
                "separated list of queue:<name> or topic:<name>)");
        }
        final List<Endpoint> to = new ArrayList<>();
        for (final String part : targets.split(",", -1))
        {
            final Endpoint target = Endpoint.parse(name, "target", part);
            if (wildcards.isPattern(target.name()))
            {
                throw new IllegalArgumentException("routing rule '" + name + "': target '" + target +
                    "' contains a wildcard: a target must name one destination");
            }
            if (to.contains(target))
            {
                throw new IllegalArgumentException("routing rule '" + name + "': target '" + target +
                    "' is named twice");
            }
            to.add(target);
        }
        if (to.size() > MAX_TARGETS)
        {
            throw new IllegalArgumentException("routing rule '" + name + "': " + to.size() + " targets, at most " +
                MAX_TARGETS);
        }
        return new RoutingRule(name, from, compiled, to, RouteMode.parse(name, mode), declared, transform);
    }

    /**
     * @return true if the rule stands for a composite destination.
     */
    public boolean isComposite()
    {
        return name.startsWith(COMPOSITE_PREFIX);
    }

    /**
     * @return the targets as the config file writes them: comma-separated.
     */
    public String targetsText()
    {
        final StringBuilder text = new StringBuilder();
        for (final Endpoint target : targets)
        {
            text.append(text.length() == 0 ? "" : ",").append(target);
        }
        return text.toString();
    }

    private static void requireName(final String name)
    {
        if (null == name || name.isBlank() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("a routing rule needs a name of 1 to " + MAX_NAME_LENGTH +
                " characters" + (null == name ? "" : ", got '" + name + "'"));
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == ',')
            {
                throw new IllegalArgumentException("routing rule name '" + name.strip() +
                    "' contains a space, a comma or a control character");
            }
        }
    }

    private static Selector parseSelector(final String rule, final String selector)
    {
        if (null == selector || selector.isBlank())
        {
            return Selector.MATCH_ALL;
        }
        try
        {
            return Selector.parse(selector);
        }
        catch (final SelectorParseException ex)
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': invalid selector '" + selector +
                "': " + ex.getMessage(), ex);
        }
    }
}
