package io.aeolus.broker.management;

import javax.management.openmbean.CompositeData;

/**
 * The broker's JMX interface, registered as {@code io.aeolus:type=Broker}: the operations of the management
 * protocol, each run on the conductor thread through the {@link ManagementProxy}. Called by JMX threads.
 */
public interface BrokerManagementMBean
{
    /**
     * @return open client connections.
     */
    int getConnectionCount();

    /**
     * @return the broker's version.
     */
    String getVersion();

    /**
     * @return when the broker started, ms since the epoch.
     */
    long getStartTimeMs();

    /**
     * @return how long the broker has run, ms.
     */
    long getUptimeMs();

    /**
     * @return heap in use, bytes.
     */
    long getHeapUsedBytes();

    /**
     * @return the heap's limit, bytes.
     */
    long getHeapMaxBytes();

    /**
     * @return the sessions of the open connections.
     */
    int getSessionCount();

    /**
     * @return queues, temporary ones included.
     */
    int getQueueCount();

    /**
     * @return topics, temporary ones included.
     */
    int getTopicCount();

    /**
     * @return journal writes waiting for their commit.
     */
    long getJournalPending();

    /**
     * @return the journal's size on disk, bytes; -1 without a journal.
     */
    long getJournalBytes();

    /**
     * @return frames dropped on encrypted connections since the broker started because they failed authentication
     *         (tampered, replayed, spoofed, or sent in clear): the metric
     *         {@code aeolus_transport_unauthenticated_frames_total}. Read without asking the conductor.
     */
    long getUnauthenticatedFrames();

    /**
     * @return frames rejected as malformed since the broker started (each closed the connection it came on, if
     *         any). Read without asking the conductor.
     */
    long getRejectedFrames();

    /**
     * @return all of the broker's figures at once, as one composite (a {@code BrokerStatus}).
     */
    CompositeData getStatus();

    /**
     * @return one composite per queue and topic, a record of io.aeolus.management.
     */
    CompositeData[] listDestinations();

    /**
     * @return one composite per connection, a record of io.aeolus.management.
     */
    CompositeData[] listConnections();

    /**
     * @return one composite per XA branch held (prepared, or completed heuristically), a PreparedBranch of
     * io.aeolus.management.
     */
    CompositeData[] listXaBranches();

    /**
     * Commits a prepared XA branch whose transaction manager does not come back; it hears XA_HEURCOM.
     *
     * @param xid {@code formatId:gtrid-hex:bqual-hex}, as listed.
     */
    void commitXaBranch(String xid);

    /**
     * Rolls back a prepared XA branch whose transaction manager does not come back; it hears XA_HEURRB.
     *
     * @param xid {@code formatId:gtrid-hex:bqual-hex}, as listed.
     */
    void rollbackXaBranch(String xid);

    /**
     * @return one composite per routing rule or composite destination, a RouteInfo of io.aeolus.management.
     */
    CompositeData[] listRoutes();

    /**
     * Creates or changes a routing rule, journaled.
     *
     * @param name     the rule's name.
     * @param source   {@code queue:<name>} or {@code topic:<name or pattern>}.
     * @param selector a JMS selector, empty for none.
     * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode     {@code copy} or {@code exclusive}.
     */
    void createRoute(String name, String source, String selector, String targets, String mode);

    /**
     * Creates or changes a routing rule that transforms and/or validates the messages it takes, journaled.
     *
     * @param name        the rule's name.
     * @param source      {@code queue:<name>} or {@code topic:<name or pattern>}.
     * @param selector    a JMS selector, empty for none.
     * @param targets     comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode        {@code copy} or {@code exclusive}.
     * @param transformer a transformer's name ({@code xml-to-json}, {@code json-to-xml}, {@code properties}, a
     *                    plugin's), empty for none.
     * @param parameters  its parameters, {@code name=value} a line, empty for none.
     * @param schema      a JSON Schema (its text, not a file), empty for none.
     * @param invalid     {@code refuse} or {@code dead-letter}, empty for refuse.
     */
    void createRoute(String name, String source, String selector, String targets, String mode, String transformer,
        String parameters, String schema, String invalid);

    /**
     * @return one composite per last-value queue (or topic subscription with a last-value key): its key property
     *         and the key values waiting, a LastValueInfo of io.aeolus.management.
     */
    CompositeData[] listLastValueQueues();

    /**
     * Deletes a routing rule made at run time.
     *
     * @param name the rule's name.
     */
    void deleteRoute(String name);

    /**
     * @return one composite per topic or queue with retention (its kind, window, retained count and bytes, oldest and
     * newest), a RetentionInfo of io.aeolus.management.
     */
    CompositeData[] listRetention();

    /**
     * A page of what a topic or queue retains, oldest first, taking nothing: one composite per message (its sequence,
     * when it was retained, headers, properties and a body preview).
     *
     * @param name  a topic or queue with retention: bare, or {@code topic:<name>} / {@code queue:<name>}.
     * @param from  the first page's start: an ISO-8601 time, epoch ms, or a negative duration before now; empty for
     *              the oldest.
     * @param after the sequence of the last message of the page before; -1 for the first page.
     * @param limit most messages (up to 1000).
     * @return the page.
     */
    CompositeData[] browseRetained(String name, String from, long after, int limit);

    /**
     * Replays the messages a topic retains that were published within a time range into a queue, a slice per timer
     * tick; {@link #listReplays()} shows its progress.
     *
     * @param topic a topic with retention.
     * @param queue the queue to copy into.
     * @param from  the range's start: an ISO-8601 time, epoch ms, or a negative duration before now ({@code -1h}).
     * @param to    the range's end (exclusive) in the same forms; empty for now.
     * @return the replay's id.
     */
    long replay(String topic, String queue, String from, String to);

    /**
     * @return one composite per replay running or finished lately, a ReplayInfo of io.aeolus.management.
     */
    CompositeData[] listReplays();

    /**
     * @return one composite per JMS bridge with its metrics, a BridgeInfo of io.aeolus.management.
     */
    CompositeData[] listBridges();

    /**
     * Creates and starts a JMS bridge (not journaled: it runs until deleted or until the broker stops).
     *
     * @param name    the bridge's name.
     * @param options its options in properties form, one {@code key=value} a line, without the
     *                {@code aeolus.bridge.<name>.} prefix.
     */
    void createBridge(String name, String options);

    /**
     * Stops and removes a JMS bridge; its unforwarded messages stay at its source.
     *
     * @param name the bridge's name.
     */
    void deleteBridge(String name);

    /**
     * Pauses a JMS bridge: it disconnects from both sides.
     *
     * @param name the bridge's name.
     */
    void pauseBridge(String name);

    /**
     * Resumes a paused JMS bridge.
     *
     * @param name the bridge's name.
     */
    void resumeBridge(String name);

    /**
     * Closes a client connection.
     *
     * @param connectionId the broker's id of the connection.
     */
    void closeConnection(long connectionId);

    /**
     * Creates a queue if it does not exist.
     *
     * @param name the queue.
     */
    void createQueue(String name);

    /**
     * Creates a topic if it does not exist.
     *
     * @param name the topic.
     */
    void createTopic(String name);

    /**
     * Creates a queue with settings of its own.
     *
     * @param name     the queue, which must not exist yet.
     * @param settings {@code name=value} entries, one a line or comma-separated:
     *                 {@code max.delivery.attempts=3, memory.limit=1m}.
     */
    void createQueueWithSettings(String name, String settings);

    /**
     * Creates a topic with settings of its own.
     *
     * @param name     the topic, which must not exist yet.
     * @param settings {@code name=value} entries, one a line or comma-separated.
     */
    void createTopicWithSettings(String name, String settings);

    /**
     * Deletes a queue that has no consumer, with its messages.
     *
     * @param name the queue.
     */
    void deleteQueue(String name);

    /**
     * Deletes a topic that has no subscription.
     *
     * @param name the topic.
     */
    void deleteTopic(String name);

    /**
     * Removes every waiting message of a queue.
     *
     * @param queue the queue.
     * @return messages removed.
     */
    int purge(String queue);

    /**
     * Moves the waiting messages of a queue that match a selector to another queue.
     *
     * @param queue    the source.
     * @param target   the target, created if needed.
     * @param selector a message selector, empty for all.
     * @return messages moved.
     */
    int moveMessages(String queue, String target, String selector);

    /**
     * Sends every message of a dead-letter queue back to its original destination.
     *
     * @param deadLetterQueue the dead-letter queue.
     * @return messages retried.
     */
    int retryDeadLetters(String deadLetterQueue);

    /**
     * @return one composite per session, a record of io.aeolus.management.
     */
    CompositeData[] listSessions();

    /**
     * @return one composite per consumer, a record of io.aeolus.management.
     */
    CompositeData[] listConsumers();

    /**
     * @return one composite per producer, a record of io.aeolus.management.
     */
    CompositeData[] listProducers();

    /**
     * Holds back the deliveries of a queue: sends are accepted and browsing works, no consumer gets a message until
     * it is resumed. Not kept over a broker restart.
     *
     * @param queue the queue.
     */
    void pauseQueue(String queue);

    /**
     * Resumes the deliveries of a paused queue.
     *
     * @param queue the queue.
     */
    void resumeQueue(String queue);

    /**
     * Copies the waiting messages of a queue that match a selector to another queue; the copies get new
     * JMSMessageIDs and the originals stay.
     *
     * @param queue    the source.
     * @param target   the target, created if needed.
     * @param selector a message selector, empty for all.
     * @return messages copied.
     */
    int copyMessages(String queue, String target, String selector);

    /**
     * Shows one waiting message: headers, properties and a slice of its body (text as text, any other body in
     * base64; an object body is never deserialized).
     *
     * @param queue     the queue.
     * @param messageId its JMSMessageID.
     * @param offset    the first body byte to show.
     * @param length    the most body bytes to show.
     * @return the message as a composite (a MessageDetail), its body as text for a text message, else base64.
     */
    CompositeData getMessage(String queue, String messageId, long offset, int length);

    /**
     * Finds the waiting messages of a queue whose JMSMessageID, JMSCorrelationID, JMSType or text contains a string,
     * ignoring case.
     *
     * @param queue the queue.
     * @param text  what to look for.
     * @return one composite per message found (at most 1000), a record of io.aeolus.management.
     */
    CompositeData[] searchMessages(String queue, String text);

    /**
     * Sends a message.
     *
     * @param destination     the queue or topic, created if needed.
     * @param destinationType {@code queue} or {@code topic}.
     * @param bodyType        {@code text}, {@code bytes} (body in base64) or {@code map} (body as {@code name=value}
     *                        lines).
     * @param body            the body as above.
     * @param jmsType         JMSType, empty for none.
     * @param correlationId   JMSCorrelationID, empty for none.
     * @param properties      string properties as {@code name=value} lines, empty for none.
     * @param persistent      true for a persistent message.
     * @param priority        0 to 9.
     * @param timeToLiveMs    0 for a message that never expires.
     * @param deliveryDelayMs 0 to deliver at once.
     * @return the message's JMSMessageID.
     */
    String sendMessage(String destination, String destinationType, String bodyType, String body, String jmsType,
        String correlationId, String properties, boolean persistent, int priority, long timeToLiveMs,
        long deliveryDelayMs);

    /**
     * Deletes a durable subscription that has no active consumer, with its messages.
     *
     * @param topic    its topic.
     * @param clientId its subscriber's client id, empty for a shared subscription made without one.
     * @param name     its name.
     */
    void dropSubscription(String topic, String clientId, String name);
}
