package io.aeolus.broker.engine;

import io.aeolus.broker.management.Requester;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Permission;
import io.aeolus.transport.codecs.DestinationType;

/**
 * The send path: checks (destination, permission, memory limit, what the durable store takes), routing or holding
 * for the transaction, and the confirmation, withheld until what routing wrote is durable and, under producer flow
 * control, until the destination is below its limit. Sends to the management queue go to the management port.
 */
final class Sends
{
    private final MessagingEngine engine;
    private final Destinations destinations;
    private final AccessChecks access;
    private final ProducerFlowControl flowControl;
    private final DurableWaiters waiters;
    private final SendRefusals refusals = new SendRefusals();
    private final int maxJournaledMessageLength;

    Sends(final MessagingEngine engine, final Destinations destinations, final AccessChecks access,
        final ProducerFlowControl flowControl, final DurableWaiters waiters, final int maxJournaledMessageLength)
    {
        this.engine = engine;
        this.destinations = destinations;
        this.access = access;
        this.flowControl = flowControl;
        this.waiters = waiters;
        this.maxJournaledMessageLength = maxJournaledMessageLength;
    }

    void onSend(final EngineConnection connection, final long correlationId, final long sessionId,
        final long producerId, final BrokerMessage message)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        if (refusals.refusedAfterEarlier(connection, session, correlationId, producerId))
        {
            return;
        }
        if (!destinationAllowed(connection, session, correlationId, producerId, message) ||
            managed(connection, correlationId, message) ||
            refusedByRule(connection, session, correlationId, producerId, message))
        {
            return;
        }
        final DestinationType type = message.destinationType();
        final String name = message.destination();
        final boolean isTopic = Destinations.isTopic(type);
        final MessageQueue queue = isTopic ? null : destinations.queueForUse(name);
        final Topic topic = isTopic ? destinations.topicForUse(name) : null;
        final DestinationPolicy policy = isTopic ? topic.policy() : queue.policy();
        final boolean full = isTopic ? topic.isOverMemoryLimit() : queue.isOverMemoryLimit();
        if (full && isRefused(policy, queue, topic))
        {
            refusals.refuse(connection, session, correlationId, producerId, EngineError.RESOURCE_ALLOCATION,
                "destination '" + name + "' is over its memory limit of " + policy.memoryLimitBytes() +
                " bytes: the message was refused");
            return;
        }
        final String journalProblem = journalProblem(message);
        if (null != journalProblem)
        {
            refusals.refuse(connection, session, correlationId, producerId, tooLarge(message) ?
                EngineError.MESSAGE_TOO_LARGE : EngineError.RESOURCE_ALLOCATION, journalProblem);
            return;
        }
        final long position;
        if (session.isTransacted())
        {
            session.transactedSends.add(message);
            position = 0;
        }
        else
        {
            position = destinations.route(message);
        }
        if (0 == position)
        {
            confirmSend(connection, correlationId, producerId, queue, topic, full);
        }
        else
        {
            // A persistent send is confirmed only once what routing it wrote is durable.
            waiters.whenDurable(position, new DurableReply(connection, correlationId, 0,
                EngineError.RESOURCE_ALLOCATION, "the journal failed before the message was stored: ", this,
                producerId, queue, topic, full));
        }
    }

    /**
     * @return true if the destination exists or may be created, and the sender may send to it; else the send was
     *         refused.
     */
    private boolean destinationAllowed(final EngineConnection connection, final SessionState session,
        final long correlationId, final long producerId, final BrokerMessage message)
    {
        final DestinationType type = message.destinationType();
        final String name = message.destination();
        final String problem = engine.checks().sendProblem(type, name);
        if (null != problem)
        {
            refusals.refuse(connection, session, correlationId, producerId, EngineError.INVALID_DESTINATION, problem);
            return false;
        }
        if (!DestinationChecks.isTemporary(type) && (access.denied(connection, correlationId, Permission.SEND, name) ||
            engine.checks().creationRefused(connection, correlationId, type, name)))
        {
            refusals.onRefusedElsewhere(session, "sending to '" + name + "' was refused");
            return false;
        }
        return true;
    }

    /**
     * @return true if a routing rule that refuses invalid messages found this one invalid: the send was refused, and
     *         the producer gets the rule's error.
     */
    private boolean refusedByRule(final EngineConnection connection, final SessionState session,
        final long correlationId, final long producerId, final BrokerMessage message)
    {
        final String invalid = destinations.routing.refusal(message);
        if (null != invalid)
        {
            refusals.refuse(connection, session, correlationId, producerId, EngineError.MESSAGE_FORMAT, invalid);
        }
        return null != invalid;
    }

    /**
     * A send to the management queue, once allowed (the send permission there is manage), is answered by the
     * management service, never queued.
     */
    private boolean managed(final EngineConnection connection, final long correlationId, final BrokerMessage message)
    {
        if (ManagementPort.NONE == engine.management() || message.destinationType() != DestinationType.QUEUE ||
            !AccessPolicy.MANAGEMENT_QUEUE.equals(message.destination()))
        {
            return false;
        }
        connection.sendOk(correlationId, 0);
        engine.management().onRequest(message, Requester.of(null == connection.principal ? "" :
            connection.principal.name(), connection.source,
            (permission, name) -> access.denial(connection, permission, name)));
        return true;
    }

    /**
     * @return why the durable store cannot take this message (it failed, or the message is too large), or null.
     */
    String journalProblem(final BrokerMessage message)
    {
        if (!message.isPersistent())
        {
            return null;
        }
        if (null != waiters.failure())
        {
            return "the journal failed, so persistent messages are refused: " + waiters.failure();
        }
        final String refusal = destinations.durability().refusal(message.encodedLength());
        if (null != refusal)
        {
            return refusal;
        }
        if (tooLarge(message))
        {
            // Journaling takes several times a message's size in heap; one huge message could exhaust it and fail
            // the journal for every producer. Refuse the one message instead.
            return "a persistent message may be at most " + maxJournaledMessageLength + " bytes, an eighth of " +
                "the broker's heap (this one is " + message.encodedLength() + "): send it non-persistent, split " +
                "it, or give the broker more heap";
        }
        return null;
    }

    private boolean tooLarge(final BrokerMessage message)
    {
        return destinations.durability().isPersistent() && message.encodedLength() > maxJournaledMessageLength;
    }

    int maxJournaledMessageLength()
    {
        return maxJournaledMessageLength;
    }

    void confirmSend(final EngineConnection connection, final long correlationId, final long producerId,
        final MessageQueue queue, final Topic topic, final boolean full)
    {
        if (full)
        {
            flowControl.onBlockedSend(queue, topic, connection, producerId, correlationId);
        }
        else
        {
            connection.sendOk(correlationId, 0);
        }
    }

    /**
     * A send to a full destination is refused under the FAIL policy, and under BLOCK too once the destination holds
     * twice its limit: a producer that ignores flow control cannot exhaust the broker's memory.
     */
    private static boolean isRefused(final DestinationPolicy policy, final MessageQueue queue, final Topic topic)
    {
        if (policy.memoryLimitPolicy() == MemoryLimitPolicy.FAIL)
        {
            return true;
        }
        final long hardLimit = 2 * policy.memoryLimitBytes();
        if (null != queue)
        {
            return queue.heldBytes() >= hardLimit;
        }
        for (final MessageQueue subscription : topic.subscriptions())
        {
            if (subscription.heldBytes() >= hardLimit)
            {
                return true;
            }
        }
        return false;
    }
}
