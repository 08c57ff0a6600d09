package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.engine.routing.RuleTransform;
import io.aeolus.broker.transform.MessageView;
import io.aeolus.broker.transform.TransformResult;
import io.aeolus.broker.transform.Transformation;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs routing rules' transformers and schema validations on the engine thread (where the rules are: a rule made
 * or changed through management applies to the very next send, in the order of the engine's inputs). Transformers
 * are pure functions of the message (the SPI's contract), so the engine stays deterministic. A message a rule finds
 * invalid is refused at send ({@link #refusal}, checked before anything is enqueued) or goes to the dead-letter
 * queue of the destination the rule matched, with the error as its reason. The results for the message being sent
 * are kept until it is routed, so a refusal check and the routing that follows transform it once.
 */
final class RuleTransforms
{
    /** Dead-letter property: the routing rule that found the message invalid. */
    static final String ROUTE = "AEOLUS_DLQ_ROUTE";
    /** Prefix of the reason of a message a rule found invalid; the error follows. */
    static final String REASON_INVALID = "INVALID: ";

    private static final String[] BODY_TYPES = {"MESSAGE", "TEXT", "BYTES", "MAP", "STREAM", "OBJECT"};

    private final Destinations d;
    private BrokerMessage checked;
    private MessageView checkedView;
    private final ArrayList<RoutingRule> checkedRules = new ArrayList<>();
    private final ArrayList<TransformResult> checkedResults = new ArrayList<>();

    RuleTransforms(final Destinations destinations)
    {
        this.d = destinations;
    }

    /**
     * @return why a refusing rule finds the message invalid, or null; the error names the rule.
     */
    String refusal(final RoutingRule rule, final BrokerMessage message)
    {
        final TransformResult result = result(rule, message);
        return result.isInvalid() ? "routing rule '" + rule.name() + "' refused the message: " + result.error() :
            null;
    }

    /**
     * Applies a rule's transformation to a message the rule takes.
     *
     * @param matched the destination the rule matched (its dead-letter queue takes invalid messages).
     * @return the message for the rule's targets (the same one if unchanged), or null if it was invalid (then
     *         dead-lettered, or dropped where there is no dead-letter queue).
     */
    BrokerMessage apply(final RoutingRule rule, final BrokerMessage message, final boolean topic, final String matched)
    {
        final TransformResult result = result(rule, message);
        if (!result.isInvalid())
        {
            return transformedOrSame(message, result.message());
        }
        deadLetter(rule, message, topic, matched, result.error());
        return null;
    }

    /**
     * Forgets the results kept for the message sent last: called once it is routed.
     */
    void forget()
    {
        checked = null;
        checkedView = null;
        checkedRules.clear();
        checkedResults.clear();
    }

    private TransformResult result(final RoutingRule rule, final BrokerMessage message)
    {
        if (checked != message)
        {
            forget();
            checked = message;
        }
        for (int i = 0, size = checkedRules.size(); i < size; i++)
        {
            if (checkedRules.get(i) == rule)
            {
                return checkedResults.get(i);
            }
        }
        if (null == checkedView)
        {
            checkedView = d.rewriter.view(message);
        }
        final TransformResult result = run(rule.transform(), checkedView);
        checkedRules.add(rule);
        checkedResults.add(result);
        return result;
    }

    private static TransformResult run(final RuleTransform transform, final MessageView view)
    {
        TransformResult result = TransformResult.of(view);
        final List<Transformation> steps = transform.steps();
        for (int i = 0, size = steps.size(); i < size && !result.isInvalid(); i++)
        {
            try
            {
                result = steps.get(i).apply(result.message());
                if (null == result)
                {
                    result = TransformResult.invalid("transformer '" + transform.transformer() + "' returned no " +
                        "result");
                }
            }
            catch (final RuntimeException ex)
            {
                // A failing plugin must not stop the engine: the message is what it could not handle.
                result = TransformResult.invalid("transformer '" + (0 == i && null != transform.transformer() ?
                    transform.transformer() : RuleTransform.JSON_SCHEMA) + "' failed: " + ex);
            }
        }
        if (!result.isInvalid() && result.message() != view)
        {
            final String problem = wireProblem(result.message());
            if (null != problem)
            {
                result = TransformResult.invalid("transformer '" + transform.transformer() + "' made a message " +
                    "the broker cannot carry: " + problem);
            }
        }
        return result;
    }

    private static String wireProblem(final MessageView view)
    {
        boolean known = false;
        for (final String type : BODY_TYPES)
        {
            known |= type.equals(view.bodyType());
        }
        if (!known)
        {
            return "unknown body type '" + view.bodyType() + "'";
        }
        for (final Map.Entry<String, Object> property : view.properties().entrySet())
        {
            final Object value = property.getValue();
            if (null == property.getKey() || !(value instanceof String || value instanceof Boolean ||
                value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long ||
                value instanceof Float || value instanceof Double))
            {
                return "property '" + property.getKey() + "' has a value of type " +
                    (null == value ? "null" : value.getClass().getName()) + " (JMS property types only)";
            }
        }
        return null;
    }

    private BrokerMessage transformedOrSame(final BrokerMessage message, final MessageView view)
    {
        // A step that changes nothing (a validation) hands back the very view it was given.
        return view == checkedView ? message : d.rewriter.transformed(message, d.nextMessageId(), view);
    }

    private void deadLetter(final RoutingRule rule, final BrokerMessage message, final boolean topic,
        final String matched, final String error)
    {
        final String dlq = d.policies.resolve(matched).deadLetterQueueFor(matched);
        if (null == dlq || null != DestinationChecks.nameProblem(dlq))
        {
            return;
        }
        MessageQueue queue = d.queues.get(dlq);
        if (null == queue)
        {
            queue = d.createQueue(dlq, DestinationType.QUEUE);
        }
        queue.markDeadLetterQueue();
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Destinations.ORIGINAL_DESTINATION, matched);
        properties.put(Destinations.ORIGINAL_DESTINATION_TYPE, topic ? DestinationType.TOPIC.name() :
            DestinationType.QUEUE.name());
        properties.put(Destinations.REASON, REASON_INVALID + error);
        properties.put(Destinations.TIME, d.nowMs);
        properties.put(ROUTE, rule.name());
        d.enqueue(queue, d.rewriter.rewrite(message, d.nextMessageId(), dlq, DestinationType.QUEUE, properties,
            true));
    }
}
