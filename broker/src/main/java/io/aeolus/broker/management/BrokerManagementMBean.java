package io.aeolus.broker.management;

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
     * @return one line per queue and topic: name, type, depth, in-flight, consumers.
     */
    String[] listDestinations();

    /**
     * @return one line per connection: id, client id, user, source, sessions, consumers.
     */
    String[] listConnections();

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
}
