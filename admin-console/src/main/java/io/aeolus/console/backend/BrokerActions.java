package io.aeolus.console.backend;

import io.aeolus.management.BridgeInfo;
import io.aeolus.management.BrokerStatus;
import io.aeolus.management.GroupStatus;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.PreparedBranch;
import io.aeolus.management.RetentionInfo;
import io.aeolus.management.RouteInfo;

import java.util.List;
import java.util.Map;

/**
 * The administrator's everyday changes to a broker beyond {@link ConsoleBackend}'s: destination lifecycle,
 * per-message work, text search, subscriptions and the broker overview. Every method blocks (run them on the
 * console's background executor); each default refuses with {@link UnsupportedOperationException}, for backends that
 * cannot.
 */
public interface BrokerActions
{
    /**
     * Creates a queue or topic.
     *
     * @param name  its name.
     * @param topic true for a topic.
     * @return false if it existed already.
     * @throws Exception when the broker refuses (a bad name, no permission) or the call fails.
     */
    default boolean createDestination(final String name, final boolean topic) throws Exception
    {
        throw unsupported("create destinations");
    }

    /**
     * Creates a queue or topic with settings of its own.
     *
     * @param name     its name.
     * @param topic    true for a topic.
     * @param settings setting name to value as text; none for a plain create.
     * @return false if it existed already (and no setting was given).
     * @throws Exception when the broker refuses (a bad setting, named; it exists and settings were given) or the call
     *                   fails.
     */
    default boolean createDestination(final String name, final boolean topic, final Map<String, String> settings)
        throws Exception
    {
        if (settings.isEmpty())
        {
            return createDestination(name, topic);
        }
        throw unsupported("create destinations with settings");
    }

    /**
     * @param name  a queue's or topic's name.
     * @param topic true for a topic.
     * @return its settings in force, those it was given of its own marked overridden.
     * @throws Exception when the broker refuses or the call fails.
     */
    default List<io.aeolus.management.SettingInfo> destinationSettings(final String name, final boolean topic)
        throws Exception
    {
        throw unsupported("show destination settings");
    }

    /**
     * Changes a destination's own settings: takes back those named, then sets those given.
     *
     * @param name  a queue's or topic's name.
     * @param topic true for a topic.
     * @param set   settings to give it, name to value as text.
     * @param reset names of its own settings to take back.
     * @return its settings in force afterwards.
     * @throws Exception when the broker refuses (a bad setting, a change that cannot apply: the reason) or the call
     *                   fails.
     */
    default List<io.aeolus.management.SettingInfo> changeDestinationSettings(final String name, final boolean topic,
        final Map<String, String> set, final List<String> reset) throws Exception
    {
        throw unsupported("change destination settings");
    }

    /**
     * Deletes a queue or topic. A queue's waiting messages go to the broker's trash first, from which a restore puts
     * them back (recreating the queue).
     *
     * @param name  its name.
     * @param topic true for a topic.
     * @return what went to the trash (nothing for a topic).
     * @throws Exception when it is in use, does not exist, or the call fails.
     */
    default PurgeResult deleteDestination(final String name, final boolean topic) throws Exception
    {
        throw unsupported("delete destinations");
    }

    /**
     * Pauses or resumes a queue's deliveries.
     *
     * @param queue the queue.
     * @param pause true to pause, false to resume.
     * @return false if it already was so.
     * @throws Exception when the call fails.
     */
    default boolean pause(final String queue, final boolean pause) throws Exception
    {
        throw unsupported("pause queues");
    }

    /**
     * Deletes chosen messages into the trash.
     *
     * @param queue      the queue.
     * @param messageIds their JMSMessageIDs.
     * @return what was removed and its trash batch.
     * @throws Exception when the call fails.
     */
    default PurgeResult deleteMessages(final String queue, final List<String> messageIds) throws Exception
    {
        throw unsupported("delete messages");
    }

    /**
     * Moves or copies chosen messages to another queue.
     *
     * @param queue      the source queue.
     * @param target     the target queue.
     * @param messageIds their JMSMessageIDs.
     * @param copy       true to copy (the originals stay), false to move.
     * @return messages moved or copied.
     * @throws Exception when the call fails.
     */
    default int transfer(final String queue, final String target, final List<String> messageIds, final boolean copy)
        throws Exception
    {
        throw unsupported("move messages");
    }

    /**
     * Sends chosen messages again, as new messages, to a queue or topic.
     *
     * @param queue       the queue they wait in.
     * @param messageIds  their JMSMessageIDs.
     * @param destination where to send them.
     * @param topic       true if that is a topic.
     * @return messages sent.
     * @throws Exception when the call fails.
     */
    default int resend(final String queue, final List<String> messageIds, final String destination,
        final boolean topic) throws Exception
    {
        throw unsupported("resend messages");
    }

    /**
     * Finds the waiting messages whose ids, type or text contain a string, ignoring case.
     *
     * @param queue    the queue.
     * @param text     what to look for.
     * @param selector a selector they must also match, empty for none.
     * @param offset   matches to skip.
     * @param limit    most matches to return.
     * @return the page of matches.
     * @throws Exception when the selector is invalid or the call fails.
     */
    default List<BrowsedMessage> search(final String queue, final String text, final String selector,
        final int offset, final int limit) throws Exception
    {
        throw unsupported("search messages");
    }

    /**
     * As {@link #search}, with how many messages match in all (by default not known: -1).
     *
     * @param queue    the queue.
     * @param text     what to look for.
     * @param selector a selector they must also match, empty for none.
     * @param offset   matches to skip.
     * @param limit    most matches to return.
     * @return the page of matches and their total.
     * @throws Exception when the selector is invalid, the broker gave up or the call fails.
     */
    default BrowsedPage searchPage(final String queue, final String text, final String selector,
        final int offset, final int limit) throws Exception
    {
        return new BrowsedPage(search(queue, text, selector, offset, limit), -1);
    }

    /**
     * Deletes a durable subscription with the messages it holds.
     *
     * @param topic    its topic.
     * @param clientId its subscriber's client id, empty for none.
     * @param name     its name.
     * @return messages it held.
     * @throws Exception when it has an active consumer, does not exist, or the call fails.
     */
    default long dropSubscription(final String topic, final String clientId, final String name) throws Exception
    {
        throw unsupported("delete subscriptions");
    }

    /**
     * The sessions, consumers and producers of one client connection.
     *
     * @param connectionId the broker's id of the connection.
     * @return what the broker reports of it (empty lists once it has closed).
     * @throws Exception when the call fails.
     */
    default ConnectionDetail connectionDetail(final long connectionId) throws Exception
    {
        throw unsupported("show a connection's details");
    }

    /**
     * @return the broker as a whole: version, uptime, memory, journal.
     * @throws Exception when the call fails.
     */
    default BrokerStatus status() throws Exception
    {
        throw unsupported("show the broker's status");
    }

    /**
     * @return the broker group's members, leader, terms, log positions and lags, as its leader sees them.
     * @throws Exception when the call fails, or the broker is not a member of a group.
     */
    default GroupStatus group() throws Exception
    {
        throw unsupported("show the broker group");
    }

    /**
     * The XA branches the broker holds: prepared ones waiting for their transaction manager, and heuristically
     * completed ones waiting to be forgotten.
     *
     * @return the branches; by default none (a backend without XA, e.g. the demo).
     * @throws Exception when the call fails or the broker refuses.
     */
    default List<PreparedBranch> xaBranches() throws Exception
    {
        return List.of();
    }

    /**
     * Completes a prepared XA branch heuristically: commits it (its sends are delivered) or rolls it back (its sends
     * are dropped, what it received comes back). Its transaction manager then hears XA_HEURCOM or XA_HEURRB.
     *
     * @param xid    the branch as listed ({@link PreparedBranch#xid()}).
     * @param commit true to commit, false to roll back.
     * @throws Exception when the branch is unknown or not prepared, the broker refuses, or the call fails.
     */
    default void completeXaBranch(final String xid, final boolean commit) throws Exception
    {
        throw unsupported("complete XA branches");
    }

    /**
     * The routing rules, declared ones and those made at run time.
     *
     * @return the rules, in name order; by default none (a backend without routing, e.g. the demo).
     * @throws Exception when the call fails or the broker refuses.
     */
    default List<RouteInfo> routes() throws Exception
    {
        return List.of();
    }

    /**
     * The last-value queues with their key property and the key values waiting.
     *
     * @return the queues, in name order; by default none.
     * @throws Exception when the call fails or the broker refuses.
     */
    default List<LastValueInfo> lastValueQueues() throws Exception
    {
        return List.of();
    }

    /**
     * The topics that retain their messages, with their window and what they hold.
     *
     * @return the topics, in name order; by default none.
     * @throws Exception when the call fails or the broker refuses.
     */
    default List<RetentionInfo> retention() throws Exception
    {
        return List.of();
    }

    /**
     * Creates a routing rule at run time, or changes the run-time rule of that name.
     *
     * @param name     the rule's name.
     * @param source   {@code queue:<name>} or {@code topic:<name>}, the name may be a pattern.
     * @param selector a JMS selector, empty for all.
     * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode     {@code copy} or {@code exclusive}.
     * @throws Exception with the broker's reason when it refuses the rule (e.g. a loop), or when the call fails.
     */
    default void createRoute(final String name, final String source, final String selector, final String targets,
        final String mode) throws Exception
    {
        throw unsupported("create routing rules");
    }

    /**
     * Creates a routing rule at run time that transforms and/or validates the messages it takes, or changes the
     * run-time rule of that name. Without a transformer and a schema, the same as the five-argument form.
     *
     * @param name        the rule's name.
     * @param source      {@code queue:<name>} or {@code topic:<name>}, the name may be a pattern.
     * @param selector    a JMS selector, empty for all.
     * @param targets     comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode        {@code copy} or {@code exclusive}.
     * @param transformer a transformer's name, empty for none.
     * @param parameters  its parameters by name, empty for none.
     * @param schema      a JSON Schema (its text), empty for none.
     * @param invalid     {@code refuse} or {@code dead-letter}, empty for refuse.
     * @throws Exception with the broker's reason when it refuses the rule (e.g. an unknown transformer), or when the
     *                   call fails.
     */
    default void createRoute(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final Map<String, String> parameters, final String schema,
        final String invalid) throws Exception
    {
        if (transformer.isEmpty() && parameters.isEmpty() && schema.isEmpty())
        {
            createRoute(name, source, selector, targets, mode);
            return;
        }
        throw unsupported("create routing rules with a transformer");
    }

    /**
     * Deletes a routing rule made at run time.
     *
     * @param name the rule's name.
     * @throws Exception when the rule is unknown or declared, or the call fails.
     */
    default void deleteRoute(final String name) throws Exception
    {
        throw unsupported("delete routing rules");
    }

    /**
     * The JMS bridges with their state and figures.
     *
     * @return the bridges; by default none (a backend without bridges, e.g. the demo).
     * @throws Exception when the call fails or the broker refuses.
     */
    default List<BridgeInfo> bridges() throws Exception
    {
        return List.of();
    }

    /**
     * Pauses, resumes or deletes a bridge.
     *
     * @param name   the bridge's name.
     * @param action {@code pause}, {@code resume} or {@code delete}.
     * @throws Exception when the bridge is unknown, the broker refuses, or the call fails.
     */
    default void bridgeAction(final String name, final String action) throws Exception
    {
        throw unsupported("manage bridges");
    }

    /**
     * Reads one waiting message of a queue, headers, properties and (possibly cut) body, as browse shows it.
     *
     * @param queue     the queue.
     * @param messageId its JMSMessageID.
     * @return the message.
     * @throws Exception naming the message when the queue no longer holds it, or when the call fails.
     */
    default BrowsedMessage message(final String queue, final String messageId) throws Exception
    {
        throw unsupported("read one message");
    }

    /**
     * The dead letters of a dead-letter queue that a selector picks (a triage group's), oldest first.
     *
     * @param deadLetterQueue the queue.
     * @param selector        the selector, empty for all.
     * @param limit           the most returned.
     * @return the dead letters.
     * @throws Exception when the selector is refused or the call fails.
     */
    default List<DeadLetter> deadLetters(final String deadLetterQueue, final String selector, final int limit)
        throws Exception
    {
        throw unsupported("select dead letters");
    }

    /**
     * Sends every message of an exported message file to a queue (created if needed), as it was exported; the file
     * is checked in full before the first message is sent.
     *
     * @param file  the file an export wrote.
     * @param queue the queue.
     * @return messages sent, and those skipped because they had expired.
     * @throws Exception naming the line when the file is malformed or the broker refuses a message, or when the file
     *                   cannot be read.
     */
    default ImportCount importMessages(final java.nio.file.Path file, final String queue) throws Exception
    {
        throw unsupported("import messages");
    }

    /**
     * The broker's users (of its users file) with their roles.
     *
     * @return the users, in name order.
     * @throws Exception when the broker keeps no users file, the user may not, or the call fails.
     */
    default List<io.aeolus.management.UserInfo> users() throws Exception
    {
        throw unsupported("manage users");
    }

    /**
     * Adds, changes or removes a user: {@code add} (password and roles), {@code password}, {@code roles} or
     * {@code remove}; in force for the user's next login.
     *
     * @param change   {@code add}, {@code password}, {@code roles} or {@code remove}.
     * @param name     the user.
     * @param password the new password (add, password), else ignored.
     * @param roles    comma-separated roles (add, roles), else ignored.
     * @throws Exception with the broker's reason when it refuses (too short a password, an undefined role, the last
     *                   administrator), or when the call fails.
     */
    default void changeUser(final String change, final String name, final String password, final String roles)
        throws Exception
    {
        throw unsupported("manage users");
    }

    private static UnsupportedOperationException unsupported(final String what)
    {
        return new UnsupportedOperationException("this backend cannot " + what);
    }
}
