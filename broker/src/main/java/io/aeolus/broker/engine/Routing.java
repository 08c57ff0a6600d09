package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageSelectorSource;
import io.aeolus.broker.engine.routing.Endpoint;
import io.aeolus.broker.engine.routing.RouteMode;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.engine.routing.RoutingTable;
import io.aeolus.broker.engine.routing.RuleTransform;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.transform.TransformerRegistry;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.StoredRoute;
import io.aeolus.transport.codecs.DestinationType;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;

import java.util.ArrayList;
import java.util.List;

/**
 * The send path's routing: a message goes to the destination it was sent to, and through the routing rules whose
 * source it matches (and whose selector admits it) to their targets, which may have rules of their own; an exclusive
 * rule keeps it from the destination it matched. Each destination takes the message at most once, however many rules
 * lead there. Everything one message's routing writes is one journal group, so a persistent message is durable in
 * all of its destinations or in none, and confirmed once. With no rules, routing is what it was before rules existed.
 * <p>
 * Rules are kept in name order; those of the config file are declared at start, those made at run time (management)
 * are journaled and read back at recovery. Engine thread only.
 */
final class Routing
{
    private final Destinations d;
    private final RoutingTable table;
    private final MessageSelectorSource selectorSource = new MessageSelectorSource();
    private final ArrayList<Endpoint> visited = new ArrayList<>();
    private final ArrayList<RoutingRule> matched = new ArrayList<>();
    private final List<String> recoveryProblems = new ArrayList<>();
    private final RuleTransforms transforms;
    private final TransformerRegistry transformers;

    Routing(final Destinations destinations, final EngineSettings settings)
    {
        this.d = destinations;
        this.transformers = settings.transformers();
        this.transforms = new RuleTransforms(destinations);
        this.table = new RoutingTable(settings.wildcards());
        for (final RoutingRule rule : settings.routes())
        {
            table.put(rule);
        }
    }

    /**
     * Creates the composite destinations the config file declares, so that they can be sent to even where
     * destinations are not created on first use.
     */
    void createComposites()
    {
        for (final RoutingRule rule : table.rules())
        {
            final Endpoint source = rule.source();
            if (rule.isComposite() && !exists(source))
            {
                if (source.topic())
                {
                    d.createTopic(source.name(), DestinationType.TOPIC);
                }
                else
                {
                    d.createQueue(source.name(), DestinationType.QUEUE);
                }
            }
        }
    }

    RoutingTable table()
    {
        return table;
    }

    /**
     * Builds a rule made at run time from text, as management gives it or the journal or a snapshot keeps it.
     *
     * @throws IllegalArgumentException naming the rule and the problem.
     */
    RoutingRule parseRunTime(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final String parameters, final String schema,
        final String invalid)
    {
        // The rule's own checks first, so that a malformed rule is named as such before its transformer is built.
        final RoutingRule rule = RoutingRule.parse(name, source, selector, targets, mode, table.wildcards(), false);
        return new RoutingRule(rule.name(), rule.source(), rule.selector(), rule.targets(), rule.mode(), false,
            RuleTransform.parseRunTime(name, transformer, parameters, schema, invalid, transformers));
    }

    /**
     * Routes a message to where it was sent and where the rules take it.
     *
     * @return the durable position to wait for before confirming the send, 0 if routing wrote nothing.
     */
    long route(final BrokerMessage message)
    {
        final long before = d.lastPosition;
        final boolean topic = Destinations.isTopic(message.destinationType());
        if (table.isEmpty())
        {
            deliver(topic, message.destination(), message, false);
        }
        else
        {
            visited.clear();
            matched.clear();
            d.durability.beginGroup();
            try
            {
                expand(topic, message.destination(), message, false);
            }
            finally
            {
                d.durability.endGroup();
                transforms.forget();
            }
        }
        return d.lastPosition != before ? d.lastPosition : 0;
    }

    /**
     * Checks a message about to be sent against the rules that refuse invalid messages and take it where it is sent
     * (rules further along the routing dead-letter instead: by then the send is accepted).
     *
     * @return why the send is refused, naming the rule and the error; null if no rule refuses it.
     */
    String refusal(final BrokerMessage message)
    {
        if (table.isEmpty())
        {
            return null;
        }
        final boolean topic = Destinations.isTopic(message.destinationType());
        for (final RoutingRule rule : table.rules())
        {
            if (!rule.transform().isNone() && rule.transform().invalid() == RuleTransform.InvalidAction.REFUSE &&
                table.sourceMatches(rule, topic, message.destination()) && admits(rule.selector(), message))
            {
                final String refusal = transforms.refusal(rule, message);
                if (null != refusal)
                {
                    transforms.forget();
                    return refusal;
                }
            }
        }
        return null;
    }

    private void expand(final boolean topic, final String name, final BrokerMessage message, final boolean target)
    {
        for (int i = 0, size = visited.size(); i < size; i++)
        {
            final Endpoint seen = visited.get(i);
            if (seen.topic() == topic && seen.name().equals(name))
            {
                return;
            }
        }
        visited.add(new Endpoint(topic, name));
        // The rules matched are pushed on one stack shared by the nested calls, each of which pops its own.
        final int first = matched.size();
        boolean exclusive = false;
        for (final RoutingRule rule : table.rules())
        {
            if (table.sourceMatches(rule, topic, name) && admits(rule.selector(), message))
            {
                matched.add(rule);
                exclusive |= rule.mode() == RouteMode.EXCLUSIVE;
            }
        }
        if (!exclusive)
        {
            deliver(topic, name, message, target);
        }
        final int end = matched.size();
        for (int i = first; i < end; i++)
        {
            final RoutingRule rule = matched.get(i);
            final BrokerMessage out = rule.transform().isNone() ? message :
                transforms.apply(rule, message, topic, name);
            final List<Endpoint> targets = rule.targets();
            for (int t = 0, size = null == out ? 0 : targets.size(); t < size; t++)
            {
                final Endpoint to = targets.get(t);
                expand(to.topic(), to.name(), out, true);
            }
        }
        for (int i = matched.size() - 1; i >= first; i--)
        {
            matched.remove(i);
        }
    }

    /**
     * Delivers a message to one queue, or to the subscriptions of one topic (and of the patterns matching it).
     *
     * @param create true to create the destination if its policy allows (a routing rule's target).
     */
    void deliver(final boolean isTopic, final String name, final BrokerMessage message, final boolean create)
    {
        if (isTopic)
        {
            final Topic topic = create ? d.topicForUse(name) : d.topics.get(name);
            if (null != topic)
            {
                topic.onPublished();
                routeToSubscriptions(topic, message);
                for (final Topic pattern : d.wildcardTopics.matching(topic))
                {
                    routeToSubscriptions(pattern, message);
                }
            }
        }
        else
        {
            final MessageQueue queue = create ? d.queueForUse(name) : d.queues.get(name);
            if (null != queue)
            {
                d.enqueue(queue, message);
            }
        }
    }

    private void routeToSubscriptions(final Topic topic, final BrokerMessage message)
    {
        final List<MessageQueue> subscriptions = topic.subscriptions();
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            final MessageQueue subscription = subscriptions.get(i);
            // One catching up on retained messages takes this one from the log in its turn (RetainedStarts).
            if (subscription.admits(message) && !d.starts.isCatchingUp(subscription))
            {
                d.enqueue(subscription, message);
            }
        }
    }

    private boolean admits(final Selector selector, final BrokerMessage message)
    {
        return selector == Selector.MATCH_ALL || selector.matches(selectorSource.wrap(message));
    }

    /**
     * Creates or changes a rule made at run time, journaled.
     *
     * @param rule the rule, checked as text already.
     * @return why it was refused (it would loop, it would change a declared rule, a target cannot exist), or null.
     */
    String put(final RoutingRule rule)
    {
        final RoutingRule existing = table.get(rule.name());
        if (null != existing && existing.declared())
        {
            return "routing rule '" + rule.name() + "' is declared in the broker's config file: change it there";
        }
        final String problem = table.problem(rule);
        if (null != problem)
        {
            return problem;
        }
        for (final Endpoint target : rule.targets())
        {
            if (!exists(target) && !d.policies.resolve(target.name()).autoCreate())
            {
                return "routing rule '" + rule.name() + "': target '" + target + "' does not exist and is not " +
                    "created on first use: create it first";
            }
        }
        table.put(rule);
        final RuleTransform transform = rule.transform();
        d.append(new JournalCommand.PutRoute(new StoredRoute(rule.name(), rule.source().toString(),
            rule.selector() == Selector.MATCH_ALL ? null : rule.selector().text(), rule.targetsText(),
            rule.mode().text(), transform.transformer(), transform.parametersText(), transform.schema(),
            transform.isNone() ? null : transform.invalid().text())));
        return null;
    }

    /**
     * Deletes a rule made at run time, journaled.
     *
     * @param name the rule's name.
     * @return why it was refused (no such rule, or it is declared in the config file), or null.
     */
    String delete(final String name)
    {
        final RoutingRule rule = table.get(name);
        if (null == rule)
        {
            return "there is no routing rule '" + name + "'";
        }
        if (rule.declared())
        {
            return "routing rule '" + name + "' is declared in the broker's config file: remove it there";
        }
        table.remove(name);
        d.append(new JournalCommand.DeleteRoute(name));
        return null;
    }

    /**
     * Reads back the rules made at run time. One that no longer fits (it would loop with, or has the name of, a rule
     * the config file declares since) is left out, and said in {@link #recoveryProblems()}; it stays journaled.
     */
    void recover(final List<StoredRoute> routes)
    {
        for (final StoredRoute stored : routes)
        {
            try
            {
                final RoutingRule rule = parseRunTime(stored.name(), stored.source(), stored.selector(),
                    stored.targets(), stored.mode(), stored.transformer(), stored.parameters(), stored.schema(),
                    stored.invalid());
                final RoutingRule existing = table.get(rule.name());
                if (null != existing && existing.declared())
                {
                    throw new IllegalArgumentException("routing rule '" + rule.name() + "' made at run time has " +
                        "the name of one the config file declares");
                }
                table.put(rule);
            }
            catch (final IllegalArgumentException ex)
            {
                recoveryProblems.add("journaled " + ex.getMessage() + ": left out");
            }
        }
    }

    List<String> recoveryProblems()
    {
        return recoveryProblems;
    }

    private boolean exists(final Endpoint endpoint)
    {
        return endpoint.topic() ? d.topics.containsKey(endpoint.name()) : d.queues.containsKey(endpoint.name());
    }
}
