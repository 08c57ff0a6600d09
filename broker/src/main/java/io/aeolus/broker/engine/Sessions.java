package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.security.Permission;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;

/**
 * A connection's sessions and producers: created with the checks and limits they need, closed with what hangs on
 * them (a session's consumers and producers).
 */
final class Sessions
{
    private final DestinationChecks checks;
    private final AccessChecks access;
    private final Subscriptions subscriptions;

    Sessions(final DestinationChecks checks, final AccessChecks access, final Subscriptions subscriptions)
    {
        this.checks = checks;
        this.access = access;
        this.subscriptions = subscriptions;
    }

    void onCreateSession(final EngineConnection connection, final long correlationId, final long sessionId,
        final AckMode ackMode)
    {
        if (ackMode == AckMode.NULL_VAL)
        {
            connection.sendError(correlationId, EngineError.INVALID_ARGUMENT, "unknown acknowledge mode");
            return;
        }
        if (connection.sessions.containsKey(sessionId))
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "session " + sessionId + " already exists");
            return;
        }
        if (AccessChecks.overLimit(
            connection, correlationId, access.limits().checkSessions(connection.sessions.size())))
        {
            return;
        }
        connection.sessions.put(sessionId, new SessionState(sessionId, ackMode));
        connection.sendOk(correlationId, 0);
    }

    void onCloseSession(final EngineConnection connection, final long correlationId, final long sessionId)
    {
        final SessionState session = connection.sessions.remove(sessionId);
        if (null != session)
        {
            for (final Consumer consumer : new ArrayList<>(session.consumers))
            {
                subscriptions.closeConsumer(connection, consumer, Long.MAX_VALUE);
            }
            session.transactedSends.clear();
        }
        // The client closes a session without closing its producers one by one: they go with it.
        connection.producers.values().removeIf((producer) -> producer.sessionId() == sessionId);
        connection.sendOk(correlationId, 0);
    }

    void onCreateProducer(final EngineConnection connection, final long correlationId, final long sessionId,
        final long producerId, final DestinationType type, final String destination)
    {
        if (!connection.sessions.containsKey(sessionId))
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        if (type != DestinationType.NONE)
        {
            final String problem = checks.sendProblem(type, destination);
            if (null != problem)
            {
                connection.sendError(correlationId, EngineError.INVALID_DESTINATION, problem);
                return;
            }
            if (!DestinationChecks.isTemporary(type) &&
                access.denied(connection, correlationId, Permission.SEND, destination))
            {
                return;
            }
        }
        connection.producers.put(producerId, type == DestinationType.NONE ?
            new ProducerState(sessionId, DestinationType.NONE, "") : new ProducerState(sessionId, type, destination));
        connection.sendOk(correlationId, 0);
    }

    void onCloseProducer(final EngineConnection connection, final long correlationId, final long producerId)
    {
        final ProducerState producer = connection.producers.remove(producerId);
        final SessionState session = null == producer ? null : connection.sessions.get(producer.sessionId());
        if (null != session)
        {
            session.refusals.remove(producerId);
        }
        connection.sendOk(correlationId, 0);
    }
}
