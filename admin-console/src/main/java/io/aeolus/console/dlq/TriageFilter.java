package io.aeolus.console.dlq;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.backend.TriageGrouping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dead letters of one triage group: asked of the broker with the group's selector, so the list holds the group's
 * messages wherever they sit in the queue; a backend that cannot select dead letters (the demo) has its list filtered
 * by the group's key instead. Immutable; {@link #load} blocks (run it in the background).
 *
 * @param grouping what the groups were made by.
 * @param property the property grouped by, for {@link TriageGrouping#PROPERTY}.
 * @param group    the group.
 */
record TriageFilter(TriageGrouping grouping, String property, TriageGroup group)
{
    TriageFilter
    {
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(group, "group");
        property = null == property ? "" : property;
    }

    /**
     * The group's dead letters, oldest first.
     *
     * @param backend the broker access.
     * @param queue   the dead-letter queue.
     * @param limit   the most returned.
     * @return the dead letters.
     * @throws Exception when the call fails.
     */
    List<DeadLetter> load(final ConsoleBackend backend, final String queue, final int limit) throws Exception
    {
        try
        {
            return backend.actions().deadLetters(queue, group.selector(), limit);
        }
        catch (final UnsupportedOperationException ex)
        {
            final List<DeadLetter> matching = new ArrayList<>();
            for (final DeadLetter deadLetter : backend.deadLetters(queue, limit))
            {
                if (matches(deadLetter))
                {
                    matching.add(deadLetter);
                }
            }
            return matching;
        }
    }

    /**
     * Whether a dead letter belongs to the group, by the value it was grouped by.
     *
     * @param deadLetter the dead letter.
     * @return true if its value is the group's key.
     */
    boolean matches(final DeadLetter deadLetter)
    {
        final String value = switch (grouping)
        {
            case REASON -> deadLetter.reason();
            case DESTINATION -> deadLetter.originalDestination();
            case CONSUMER -> deadLetter.lastConsumer();
            case DELIVERY_COUNT -> Integer.toString(deadLetter.deliveryCount());
            case PROPERTY -> deadLetter.properties().getOrDefault(property, "");
        };
        return group.key().equals(value);
    }
}
