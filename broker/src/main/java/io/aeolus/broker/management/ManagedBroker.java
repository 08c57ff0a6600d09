package io.aeolus.broker.management;

import io.aeolus.broker.security.AuditLog;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.store.JournalStatistics;
import io.aeolus.store.HistoryPoint;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What management may see and change of the broker: implemented by the conductor, called on the conductor thread
 * only. Every change goes through the journaled methods of the broker's destinations, so it survives a restart.
 */
public interface ManagedBroker
{
    /**
     * @return the queues by name, temporary ones included; read only.
     */
    Map<String, MessageQueue> queues();

    /**
     * @return the topics by name, temporary ones included; read only.
     */
    Map<String, Topic> topics();

    /**
     * @return the audit log, where changes made through management are recorded.
     */
    AuditLog audit();

    /**
     * @return a snapshot of the open connections.
     */
    List<ConnectionView> connections();

    /**
     * @return a snapshot of the open connections' sessions, by connection then session id.
     */
    List<SessionView> sessions();

    /**
     * @return a snapshot of the open connections' consumers and browsers, by connection then consumer id.
     */
    List<ConsumerView> consumers();

    /**
     * @return a snapshot of the open connections' producers, by connection then producer id.
     */
    List<ProducerView> producers();

    /**
     * Closes a connection, telling the client why.
     *
     * @param connectionId the broker's id of the connection.
     * @param reason       what the client is told.
     * @return false if there is no such connection.
     */
    boolean closeConnection(long connectionId, String reason);

    /**
     * Creates a queue (journaled).
     *
     * @param name the name, already checked.
     */
    void createQueue(String name);

    /**
     * Creates a topic (journaled).
     *
     * @param name the name, already checked.
     */
    void createTopic(String name);

    /**
     * @return the settings administrators give destinations of their own.
     */
    ManagedSettings settings();

    /**
     * Deletes a queue or topic and what it holds (journaled); the caller checked it has no consumer.
     *
     * @param name  the name.
     * @param topic true for a topic.
     */
    void deleteDestination(String name, boolean topic);

    /**
     * Holds back or resumes the deliveries of a queue (in memory only: the journal has no place for it).
     *
     * @param queue  the queue.
     * @param paused true to pause, false to resume (and dispatch at once).
     */
    void paused(MessageQueue queue, boolean paused);

    /**
     * Finds a durable subscription as {@code Session.unsubscribe} would.
     *
     * @param clientId the subscriber's client id, empty if none.
     * @param name     the subscription's name.
     * @param shared   true or false for that kind only, null for either (the unshared one first).
     * @return the subscription, or null if there is none.
     */
    MessageQueue durableSubscription(String clientId, String name, Boolean shared);

    /**
     * Deletes a durable subscription and its messages as {@code Session.unsubscribe} does (journaled); the caller
     * checked that it has no consumer.
     *
     * @param subscription a subscription {@link #durableSubscription} found.
     */
    void deleteDurableSubscription(MessageQueue subscription);

    /**
     * Refuses a persistent message the journal cannot take: the journal failed, or the message is over the largest
     * the journal stores.
     *
     * @param message a message about to be sent.
     * @throws ManagementException with {@link ManagementException#RESOURCE_ALLOCATION} or
     *                             {@link ManagementException#MESSAGE_TOO_LARGE}.
     */
    void requireJournalable(BrokerMessage message);

    /**
     * Removes a waiting entry for good (journaled).
     *
     * @param entry the entry, available or scheduled.
     */
    void discard(QueueEntry entry);

    /**
     * Adds a message to a queue (journaled if persistent).
     *
     * @param queue   the queue.
     * @param message the message, addressed to it.
     */
    void enqueue(MessageQueue queue, BrokerMessage message);

    /**
     * Routes a message as a send would, to its queue or to the subscriptions of its topic.
     *
     * @param message the message.
     */
    void route(BrokerMessage message);

    /**
     * Copies a message for another destination.
     *
     * @param original        the message.
     * @param destination     the new destination's name.
     * @param topic           true if the new destination is a topic.
     * @param removedProperty names of properties the copy drops.
     * @return the copy, with a new broker id.
     */
    BrokerMessage copy(BrokerMessage original, String destination, boolean topic, Set<String> removedProperty);

    /**
     * Rebuilds a message for another destination with a new id, added and removed properties and an expiration.
     *
     * @param original          the message.
     * @param destination       where the copy goes.
     * @param topic             true if that is a topic.
     * @param extraProperties   properties added to (or replacing those of) the original.
     * @param expiration        the copy's JMSExpiration, or {@code MessageRewriter.KEEP_EXPIRATION}.
     * @param removedProperties properties the copy does not keep.
     * @return the copy.
     */
    BrokerMessage rewrite(BrokerMessage original, String destination, boolean topic,
        Map<String, Object> extraProperties, long expiration, Set<String> removedProperties);

    /**
     * @return what the journal thread has done (batches, commit times, file size); null without a journal.
     */
    JournalStatistics journalStatistics();

    /**
     * @return how long purged and deleted messages stay in the trash, in ms; 0 if there is no trash.
     */
    long trashRetentionMs();

    /**
     * @param queue a queue.
     * @return true if messages of it paged out to the journal will come into memory by themselves (a page is on its
     * way, or there is room for one), so that an operation waiting for them will see them.
     */
    boolean willPageIn(MessageQueue queue);

    /**
     * Removes for good a message of a queue that is paged out to the journal (not in memory): its reference goes from
     * the journal. The caller checked that it is still paged out and that no page of the queue is on its way.
     *
     * @param queue   the queue.
     * @param message the message as read back from the journal.
     */
    void discardPagedOut(MessageQueue queue, BrokerMessage message);

    /**
     * Reads a page of a queue's journaled references, for a browse or a scan (a selector browse, a search): they stay
     * where they are. A scan walks the journal with it one bounded batch at a time.
     *
     * @param queue         the queue.
     * @param afterSequence exclusive lower bound: {@link MessageQueue#pageCursor()} for the first paged-out message.
     * @param skip          references after it to pass over, in queue order.
     * @param limit         most references.
     * @param onPage        given, on the conductor thread, the references read (empty at the end, or if the queue
     *                      is not journaled), or null and why the journal failed.
     */
    void browsePagedOut(MessageQueue queue, long afterSequence, long skip, int limit,
        java.util.function.BiConsumer<List<io.aeolus.store.StoredReference>, String> onPage);

    /**
     * Copies a message for another queue as a message of its own, with a new broker id and a new JMSMessageID.
     *
     * @param original the message.
     * @param queue    the queue the copy is for.
     * @return the copy.
     */
    BrokerMessage duplicate(BrokerMessage original, String queue);

    /**
     * @return how long the 1-minute points of the metrics history stay in the journal, in ms; 0 keeps the history
     *         in memory only.
     */
    long historyRetentionMs();

    /**
     * @return most destinations whose metrics history is kept at once.
     */
    int historyMaxDestinations();

    /**
     * Offers points of the metrics history to the journal, with the deletion of older ones, if it takes them at
     * once: history never waits for room, never goes ahead of journal records waiting for room, is never confirmed,
     * and is written after the batch it comes with, so no persistent send waits for it.
     *
     * @param points        the points.
     * @param pruneBeforeMs points with an earlier time are deleted; {@link Long#MIN_VALUE} for none.
     * @return false if not offered: memory mode, a journal that is failed or has records waiting for room.
     */
    boolean recordHistory(List<HistoryPoint> points, long pruneBeforeMs);

    /**
     * Starts a group of journal records applied atomically.
     */
    void beginGroup();

    /**
     * Ends the group started by {@link #beginGroup()}.
     */
    void endGroup();

    /**
     * @return a new broker id for a message the broker creates.
     */
    long nextMessageId();

    /**
     * @return the conductor's epoch time in ms.
     */
    long nowMs();

    /**
     * @return journal records appended and not yet durable.
     */
    long journalPending();

    /**
     * @return the number of the last journal record appended, to wait for with {@link #whenDurable}.
     */
    long journalLastAppended();

    /**
     * Runs a callback on the conductor thread once the journal records up to a number are durable.
     *
     * @param sequence  a number from {@link #journalLastAppended()}.
     * @param onDurable runs when they are durable.
     * @param onFailed  runs instead, with the failure, if the journal failed first.
     */
    void whenDurable(long sequence, Runnable onDurable, Consumer<String> onFailed);

    /**
     * One open connection, as management shows it.
     *
     * @param connectionId the broker's id.
     * @param clientId     the JMS client id, empty if none.
     * @param user         the authenticated user, empty if anonymous.
     * @param source       where it connected from.
     * @param sessions     its open sessions.
     * @param consumers    its consumers and browsers.
     * @param producers    its producers.
     */
    record ConnectionView(
        long connectionId, String clientId, String user, String source, int sessions, int consumers, int producers)
    {
    }

    /**
     * One session of an open connection.
     *
     * @param connectionId the broker's id of its connection.
     * @param sessionId    the client's id of the session.
     * @param ackMode      TRANSACTED, AUTO, CLIENT or DUPS_OK.
     * @param consumers    its consumers and browsers.
     * @param producers    its producers.
     * @param pendingSends messages sent in its open transaction, not yet committed.
     */
    record SessionView(long connectionId, long sessionId, String ackMode, int consumers, int producers,
        int pendingSends)
    {
    }

    /**
     * One consumer or browser of an open connection.
     *
     * @param connectionId    the broker's id of its connection.
     * @param sessionId       the client's id of its session.
     * @param consumerId      the client's id of the consumer.
     * @param destination     the queue or topic it consumes from.
     * @param destinationType QUEUE, TOPIC, TEMPORARY_QUEUE or TEMPORARY_TOPIC.
     * @param subscription    for a durable or shared subscriber, the subscription's name; empty otherwise.
     * @param selector        its selector (a subscriber's is its subscription's), empty for none.
     * @param browser         true for a queue browser.
     * @param prefetch        its prefetch, 0 for pull.
     * @param credit          messages it may still be sent now.
     * @param inFlight        deliveries it holds unacknowledged.
     * @param delivered       messages delivered to it (browsed, for a browser).
     * @param acknowledged    its deliveries acknowledged.
     */
    record ConsumerView(long connectionId, long sessionId, long consumerId, String destination,
        String destinationType, String subscription, String selector, boolean browser, int prefetch, int credit,
        int inFlight, long delivered, long acknowledged)
    {
    }

    /**
     * One producer of an open connection.
     *
     * @param connectionId    the broker's id of its connection.
     * @param sessionId       the client's id of its session.
     * @param producerId      the client's id of the producer.
     * @param destination     the destination it was created for, empty for an anonymous producer.
     * @param destinationType QUEUE, TOPIC, TEMPORARY_QUEUE or TEMPORARY_TOPIC; NONE for an anonymous producer.
     */
    record ProducerView(long connectionId, long sessionId, long producerId, String destination,
        String destinationType)
    {
    }

    /**
     * @return the XA branches held, in Xid order; none if the broker holds no XA state.
     */
    default List<io.aeolus.management.PreparedBranch> xaBranches()
    {
        return List.of();
    }

    /**
     * Completes a prepared XA branch heuristically.
     *
     * @param xid    {@code formatId:gtrid-hex:bqual-hex}.
     * @param commit true to commit, false to roll back.
     * @return null if done, else why not.
     */
    default String completeXaBranch(final String xid, final boolean commit)
    {
        return "this broker holds no XA branches";
    }

    /**
     * @return the routing rules and composite destinations, in name order; none if the broker has no routing.
     */
    default List<io.aeolus.management.RouteInfo> routes()
    {
        return List.of();
    }

    /**
     * Creates or changes a routing rule, journaled.
     *
     * @param name     the rule's name.
     * @param source   {@code queue:<name>} or {@code topic:<name or pattern>}.
     * @param selector a JMS selector, null or empty for none.
     * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode     {@code copy} (when null or empty) or {@code exclusive}.
     * @return null if done, else why not (naming the problem).
     */
    default String putRoute(final String name, final String source, final String selector, final String targets,
        final String mode)
    {
        return putRoute(name, source, selector, targets, mode, null, null, null, null);
    }

    /**
     * Creates or changes a routing rule that may transform and validate the messages it takes, journaled.
     *
     * @param name        the rule's name.
     * @param source      {@code queue:<name>} or {@code topic:<name or pattern>}.
     * @param selector    a JMS selector, null or empty for none.
     * @param targets     comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode        {@code copy} (when null or empty) or {@code exclusive}.
     * @param transformer a transformer's name, null or empty for none.
     * @param parameters  its parameters, {@code name=value} a line; null or empty for none.
     * @param schema      a JSON Schema, inline; null or empty for none.
     * @param invalid     {@code refuse} (when null or empty) or {@code dead-letter}.
     * @return null if done, else why not (naming the problem).
     */
    default String putRoute(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final String parameters, final String schema,
        final String invalid)
    {
        return "this broker has no routing";
    }

    /**
     * @return the last-value queues (and topic subscriptions with a last-value key), in name order, each with its key
     *         and the key values waiting; none if the broker has none.
     */
    default List<io.aeolus.management.LastValueInfo> lastValueQueues()
    {
        return List.of();
    }

    /**
     * Deletes a routing rule made at run time, journaled.
     *
     * @param name the rule's name.
     * @return null if done, else why not.
     */
    default String deleteRoute(final String name)
    {
        return "this broker has no routing";
    }

    /**
     * @return the topics with retention, in the order they were made; none if the broker retains nothing.
     */
    default List<io.aeolus.management.RetentionInfo> retention()
    {
        return List.of();
    }

    /**
     * Starts replaying a retained topic's messages published within a time range into a queue; the replay goes on
     * on the timer, a slice per tick. The caller checked the permissions.
     *
     * @param topic  the topic.
     * @param queue  the queue, created if it does not exist (and its policy allows).
     * @param fromMs the earliest publication time, epoch ms, inclusive.
     * @param toMs   the latest, exclusive.
     * @return the replay as it starts.
     * @throws ManagementException naming the problem: no such topic, no retention, a built-in or unusable queue.
     */
    default io.aeolus.management.ReplayInfo replay(final String topic, final String queue, final long fromMs,
        final long toMs)
    {
        throw new ManagementException(ManagementException.ILLEGAL_STATE, "this broker retains nothing to replay");
    }

    /**
     * Reads a page of what a topic or queue retains, oldest first, without taking anything: from the first message
     * retained at or after {@code fromMs}, or after the sequence {@code afterSequence} (the last of the page before)
     * when that is not negative. Messages held by reference are read from the journal, so the page may come later.
     *
     * @param name          a topic's or queue's name, bare or as {@code topic:<name>} / {@code queue:<name>}.
     * @param fromMs        the earliest retention time, epoch ms; Long.MIN_VALUE for the oldest.
     * @param afterSequence the cursor, or -1 to start from {@code fromMs}.
     * @param limit         most messages in the page.
     * @param onPage        given the page, or null and why it could not be read.
     * @throws ManagementException naming the destination if it is unknown or retains nothing.
     */
    default void browseRetained(final String name, final long fromMs, final long afterSequence, final int limit,
        final java.util.function.BiConsumer<List<RetainedMessage>, String> onPage)
    {
        throw new ManagementException(ManagementException.ILLEGAL_STATE, "this broker retains nothing");
    }

    /**
     * @return the replays running and the last finished ones, oldest first.
     */
    default List<io.aeolus.management.ReplayInfo> replays()
    {
        return List.of();
    }
}
