package io.aeolus.broker.management;

import io.aeolus.broker.destination.BrokerMessage;

/**
 * One message a topic or queue retains, as a management page of its retention log shows it.
 *
 * @param sequence   its place in the log (a page's cursor: the next page starts after the last one's).
 * @param retainedMs when it was published to the topic or given to the queue, epoch ms.
 * @param message    the message (read back from the journal if it was held by reference).
 */
public record RetainedMessage(long sequence, long retainedMs, BrokerMessage message)
{
}
