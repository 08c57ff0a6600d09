package io.aeolus.broker.engine;

import io.aeolus.broker.security.Permission;
import io.aeolus.transport.codecs.DestinationType;

/**
 * The checks every use of a destination passes: a valid name, a type, a destination that exists or may be created
 * (with the permission and under the limit to create it), a temporary one that still exists.
 */
final class DestinationChecks
{
    private final Destinations destinations;
    private final TemporaryDestinations temporaries;
    private final AccessChecks access;

    DestinationChecks(final Destinations destinations, final TemporaryDestinations temporaries,
        final AccessChecks access)
    {
        this.destinations = destinations;
        this.temporaries = temporaries;
        this.access = access;
    }
    static final int MAX_DESTINATION_NAME_LENGTH = 255;

    /**
     * A destination used for the first time is created: that needs the createDestination permission and room
     * under the destination limit.
     */
    boolean creationRefused(final EngineConnection connection, final long correlationId,
        final DestinationType type, final String name)
    {
        final boolean exists = Destinations.isTopic(type) ?
            destinations.topics().containsKey(name) : destinations.queues().containsKey(name);
        if (exists)
        {
            return false;
        }
        return access.denied(connection, correlationId, Permission.CREATE_DESTINATION, name) ||
            AccessChecks.overLimit(connection, correlationId,
            access.limits().checkDestinations(destinations.queues().size() + destinations.topics().size()));
    }

    String destinationProblem(final DestinationType type, final String name)
    {
        if (type == DestinationType.NULL_VAL || type == DestinationType.NONE)
        {
            return "no destination type";
        }
        final String problem = nameProblem(name);
        if (null != problem)
        {
            return problem;
        }
        if (isTemporary(type))
        {
            return temporaries.exists(name) ? null : "temporary destination '" + name + "' no longer exists";
        }
        if (!destinations.isUsable(type, name))
        {
            return (Destinations.isTopic(type) ? "topic '" : "queue '") + name + "' does not exist, and " +
                "destinations matching its name are not created on first use";
        }
        return null;
    }

    /**
     * @return what is wrong with sending to the destination, or null: {@link #destinationProblem}, and a topic name
     * with a wildcard, which names a pattern of subscriptions, not a topic.
     */
    String sendProblem(final DestinationType type, final String name)
    {
        final String problem = destinationProblem(type, name);
        if (null != problem)
        {
            return problem;
        }
        final TopicWildcards wildcards = destinations.wildcardTopics.wildcards();
        if (type == DestinationType.TOPIC && wildcards.isPattern(name))
        {
            return "cannot send to '" + name + "': a topic name with the wildcard '" + wildcards.singleLevel() +
                "' or '" + wildcards.multiLevel() + "' is a subscription pattern, not a destination (wildcards " +
                "are switched off by aeolus.broker.wildcards.enabled=false)";
        }
        if (type == DestinationType.TOPIC && name.indexOf('?') >= 0)
        {
            return "cannot send to '" + name + "': what follows '?' in a topic name are options for consumers " +
                "(start=...); send to '" + name.substring(0, name.indexOf('?')) + "'";
        }
        return null;
    }

    /**
     * @return what is wrong with subscribing to the destination, or null: {@link #destinationProblem}, and a
     * wildcard pattern whose wildcards are not whole levels.
     */
    String subscribeProblem(final DestinationType type, final String name)
    {
        final String problem = destinationProblem(type, name);
        if (null != problem)
        {
            return problem;
        }
        final TopicWildcards wildcards = destinations.wildcardTopics.wildcards();
        return type == DestinationType.TOPIC && wildcards.isPattern(name) ? wildcards.patternProblem(name) : null;
    }

    static String nameProblem(final String name)
    {
        if (null == name || name.isEmpty())
        {
            return "destination name is empty";
        }
        if (name.length() > MAX_DESTINATION_NAME_LENGTH)
        {
            return "destination name longer than " + MAX_DESTINATION_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (Character.isISOControl(name.charAt(i)))
            {
                return "destination name contains a control character at " + i;
            }
        }
        return null;
    }

    static boolean isTemporary(final DestinationType type)
    {
        return type == DestinationType.TEMPORARY_QUEUE || type == DestinationType.TEMPORARY_TOPIC;
    }
}
