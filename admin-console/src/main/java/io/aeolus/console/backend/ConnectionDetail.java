package io.aeolus.console.backend;

import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.SessionInfo;

import java.util.List;

/**
 * What the broker's management reports about one client connection beyond its row: its sessions, its consumers and
 * queue browsers, and its producers. (The management protocol does not report when it connected, its client version or
 * message rates.)
 *
 * @param connectionId the broker's id of the connection.
 * @param sessions     its sessions, by id.
 * @param consumers    its consumers and browsers.
 * @param producers    its producers.
 */
public record ConnectionDetail(long connectionId, List<SessionInfo> sessions, List<ConsumerInfo> consumers,
    List<ProducerInfo> producers)
{
    /**
     * Copies the lists.
     */
    public ConnectionDetail
    {
        sessions = List.copyOf(sessions);
        consumers = List.copyOf(consumers);
        producers = List.copyOf(producers);
    }
}
