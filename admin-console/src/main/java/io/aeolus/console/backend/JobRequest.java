package io.aeolus.console.backend;

import io.aeolus.management.JobKind;
import java.util.List;
import java.util.Objects;

/**
 * A bulk job to count (dry run) or start; immutable.
 *
 * @param kind       retry, move or purge.
 * @param queue      the queue the job takes messages from.
 * @param target     a move's target queue; empty for the other kinds.
 * @param selector   a JMS selector choosing the messages, empty for all; ignored when {@code messageIds} is set.
 * @param messageIds the JMSMessageIDs of chosen messages, or null to choose by selector.
 * @param ratePerSec most messages per second, 0 for no limit.
 */
public record JobRequest(
    JobKind kind, String queue, String target, String selector, List<String> messageIds, long ratePerSec)
{
    /**
     * Validates and copies.
     */
    public JobRequest
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(queue, "queue");
        target = null == target ? "" : target;
        selector = null == selector ? "" : selector;
        messageIds = null == messageIds ? null : List.copyOf(messageIds);
        if (ratePerSec < 0)
        {
            throw new IllegalArgumentException("ratePerSec must be 0 or more: " + ratePerSec);
        }
    }

    /**
     * Whether the job acts on chosen messages rather than a selector.
     *
     * @return true when message ids are given.
     */
    public boolean byIds()
    {
        return null != messageIds;
    }
}
