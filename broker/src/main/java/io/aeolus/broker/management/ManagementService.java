package io.aeolus.broker.management;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerExtension;
import io.aeolus.management.Argument;
import io.aeolus.management.BrokerStatus;
import io.aeolus.management.JobState;
import io.aeolus.management.Operation;
import io.aeolus.management.PreparedBranch;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.security.UserAdministration;
import io.aeolus.store.JournalStatistics;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers management requests on the conductor thread. A request is a map message sent to {@code aeolus.management}
 * with {@code JMSReplyTo} (and usually a {@code JMSCorrelationID}); its entry {@code op} names the operation and the
 * other entries are its arguments. The reply goes to the reply destination with the same correlation id: a map
 * message whose property {@link #STATUS} is {@code OK} and whose body holds the result (lists as {@code count} and
 * one entry per field and row, {@code <row>.<field>}), or {@code ERROR} with the properties {@link #ERROR_CODE}
 * (stable, see {@link ManagementException}) and {@link #ERROR_MESSAGE}. Sending to the management queue needs the
 * {@code manage} permission, so every operation does; an operation on a destination also needs, there, the
 * permission a JMS client would need to do the same ({@code createDestination} to create it,
 * {@code deleteDestination} to delete it, {@code browse} to browse, search, read or copy its messages,
 * {@code manage} to purge, pause, resume, move from or delete its messages, {@code send} to send to it or to a move's,
 * copy's or retry's target, {@code deleteDurable} on a topic to drop one of its durable subscriptions). Listing
 * destinations, connections, sessions, consumers, producers and subscriptions needs nothing more. The JMX MBeans run
 * the same operations through {@link #execute(Map)} as a {@link Requester#TRUSTED} requester, posted by the
 * {@link ManagementProxy}.
 * <p>
 * A request is executed when it arrives, even from a transacted session (it is not a message to hold until commit).
 * Replies are non-persistent map messages routed like a send to the reply destination; one that no longer exists
 * drops the reply. A request whose operation wrote to the journal is answered once those writes are on disk, so an
 * {@code OK} means the change survives a crash. A queue's pause is journaled too, so it outlives a restart.
 */
public final class ManagementService
{
    /**
     * Most messages a {@code search} looks at in one duty cycle: a search of a deep queue is run in slices
     * ({@link #doWork()}), so deliveries go on while it runs.
     */
    public static final int SEARCH_ENTRIES_PER_CYCLE = 256;
    /**
     * Most references a scan (a search, a browse with a selector) reads from the journal at once: it walks the
     * messages paged out in batches of this size, holding one at a time.
     */
    public static final int SCAN_JOURNAL_BATCH = 256;
    /** Reply property: {@code OK} or {@code ERROR}. */
    public static final String STATUS = Reply.STATUS;
    /** Reply property of an error: its stable code. */
    public static final String ERROR_CODE = Reply.ERROR_CODE;
    /** Reply property of an error: what went wrong. */
    public static final String ERROR_MESSAGE = Reply.ERROR_MESSAGE;

    private static final Set<String> NAME_ARGUMENT = Set.of(Argument.NAME);
    private static final Set<String> DROP_ARGUMENTS =
        Set.of(Argument.TOPIC_NAME, Argument.CLIENT_ID, Argument.NAME, Argument.SHARED);

    private final ManagedBroker broker;
    private final ManagementFrames frames = new ManagementFrames();
    private final Listings listings;
    private final MessageOperations messages;
    private final MessageMover mover;
    private final Trash trash;
    private final Jobs jobs;
    private final DeadLetterTriage triage;
    private final MessageSearch search;
    private final MessageSender sender;
    private final MetricsPublisher metrics;
    private final MetricsHistory history;
    private final ManagementProxy proxy = new ManagementProxy();
    private final ArrayDeque<SlicedTask> searches = new ArrayDeque<>();
    private final ManagementAudit audit;
    private final UserManagement users;
    private final long startedMs;
    private volatile List<BrokerExtension> extensions = List.of();

    /**
     * @param broker    the conductor's view of the broker.
     * @param startedMs when the broker started, ms since the epoch.
     */
    public ManagementService(final ManagedBroker broker, final long startedMs)
    {
        this.broker = broker;
        this.listings = new Listings(broker);
        this.mover = new MessageMover(broker);
        this.messages = new MessageOperations(broker, mover);
        final MessageView view = new MessageView();
        this.trash = new Trash(broker, mover, view);
        this.jobs = new Jobs(broker, mover, view);
        this.triage = new DeadLetterTriage(broker);
        this.search = new MessageSearch(broker);
        this.sender = new MessageSender(broker);
        this.metrics = new MetricsPublisher(broker, frames, listings, startedMs);
        this.history = new MetricsHistory(broker);
        this.audit = new ManagementAudit(broker);
        this.users = new UserManagement(audit);
        this.startedMs = startedMs;
    }

    /**
     * @return the metrics history, for its recovery at start; conductor thread afterwards.
     */
    public MetricsHistory history()
    {
        return history;
    }

    /**
     * Lets management list and change the users file's users. Conductor thread, before the first request.
     *
     * @param administration the users file's administration, null if the login module keeps the users elsewhere.
     */
    public void users(final UserAdministration administration)
    {
        users.administration(administration);
    }

    /**
     * @return the proxy through which other threads (JMX) post requests; any thread.
     */
    public ManagementProxy proxy()
    {
        return proxy;
    }

    /**
     * Answers a request sent to the management queue. Conductor thread.
     *
     * @param request   the message the client sent.
     * @param requester the sender, whose permissions each operation checks.
     */
    public void onRequest(final BrokerMessage request, final Requester requester)
    {
        final ManagementFrames.Request decoded = frames.decodeRequest(request);
        if (null == decoded.replyTo() || decoded.replyTo().isEmpty())
        {
            return;
        }
        final Map<String, Object> properties = new LinkedHashMap<>();
        if (null == decoded.problem() &&
            (startedSearch(decoded, properties, requester) || startedUserChange(decoded, properties, requester) ||
            startedBrowse(decoded.arguments(), requester, (body) ->
            {
                properties.put(STATUS, Reply.OK);
                reply(decoded, properties, body);
            }, (failure) ->
            {
                error(properties, failure.code(), String.valueOf(failure.getMessage()));
                reply(decoded, properties, Map.of());
            })))
        {
            return;
        }
        if (null == decoded.problem() && startedBulk(decoded.arguments(), requester, (body) ->
        {
            properties.put(STATUS, Reply.OK);
            reply(decoded, properties, body);
        }, (failure) ->
        {
            error(properties, failure.code(), String.valueOf(failure.getMessage()));
            reply(decoded, properties, Map.of());
        }))
        {
            return;
        }
        if (null == decoded.problem() && startedLookup(decoded.arguments(), requester,
            () -> answer(decoded, properties, requester), (failure) ->
            {
                error(properties, failure.code(), String.valueOf(failure.getMessage()));
                reply(decoded, properties, Map.of());
            }))
        {
            return;
        }
        answer(decoded, properties, requester);
    }

    /**
     * Answers a request that runs at once, once what it journaled is on disk.
     */
    private void answer(
        final ManagementFrames.Request decoded, final Map<String, Object> properties, final Requester requester)
    {
        Map<String, Object> body = Map.of();
        final long journaledBefore = broker.journalLastAppended();
        ManagementException failure = null;
        try
        {
            if (null != decoded.problem())
            {
                throw new ManagementException(ManagementException.MALFORMED_REQUEST, decoded.problem());
            }
            body = execute(decoded.arguments(), requester);
            properties.put(STATUS, Reply.OK);
        }
        catch (final ManagementException ex)
        {
            failure = ex;
            error(properties, ex.code(), String.valueOf(ex.getMessage()));
        }
        catch (final RuntimeException ex)
        {
            // A fault of the broker's own: the client gets an answer rather than a timeout; the conductor goes on.
            failure = new ManagementException(ManagementException.INTERNAL, "internal error: " + ex);
            error(properties, failure.code(), failure.getMessage());
        }
        audit.record(decoded.arguments(), requester, body, failure);
        final long journaledAfter = broker.journalLastAppended();
        final Map<String, Object> replyBody = body;
        if (journaledAfter == journaledBefore)
        {
            reply(decoded, properties, replyBody);
            return;
        }
        // What the operation journaled must be on disk before the requester is told it is done.
        broker.whenDurable(journaledAfter, () -> reply(decoded, properties, replyBody), (journalFailure) ->
        {
            final Map<String, Object> failed = new LinkedHashMap<>();
            error(failed, ManagementException.INTERNAL,
                "the journal failed before the change was stored: " + journalFailure);
            reply(decoded, failed, Map.of());
        });
    }

    /**
     * A search is started here and answered once its slices are done; false for any other operation.
     */
    private boolean startedSearch(
        final ManagementFrames.Request decoded, final Map<String, Object> properties, final Requester requester)
    {
        if (Operation.SEARCH != Request.operation(decoded.arguments()))
        {
            return false;
        }
        try
        {
            searches.addLast(search.startSearch(decoded.arguments(), requester, new MessageOperations.PendingReply()
            {
                public void done(final Map<String, Object> body)
                {
                    properties.put(STATUS, Reply.OK);
                    reply(decoded, properties, body);
                }

                public void failed(final ManagementException failure)
                {
                    error(properties, failure.code(), String.valueOf(failure.getMessage()));
                    reply(decoded, properties, Map.of());
                }
            }));
        }
        catch (final ManagementException ex)
        {
            error(properties, ex.code(), String.valueOf(ex.getMessage()));
            reply(decoded, properties, Map.of());
        }
        return true;
    }

    /**
     * A browse is answered here: at once, or, when its page reaches into messages paged out to the journal, once the
     * journal thread read them. False for any other operation.
     */
    private boolean startedBrowse(final Map<String, Object> arguments, final Requester requester,
        final java.util.function.Consumer<Map<String, Object>> onReply,
        final java.util.function.Consumer<ManagementException> onFailed)
    {
        final Operation op = Request.operation(arguments);
        if (Operation.BROWSE != op && Operation.RETAINED != op)
        {
            return false;
        }
        final MessageOperations.PendingReply pending = new MessageOperations.PendingReply()
        {
            public void done(final Map<String, Object> reply)
            {
                audit.record(arguments, requester, reply, null);
                onReply.accept(reply);
            }

            public void failed(final ManagementException failure)
            {
                audit.record(arguments, requester, null, failure);
                onFailed.accept(failure);
            }
        };
        if (Operation.RETAINED == op)
        {
            try
            {
                RetentionManagement.browse(broker, arguments, requester, pending);
            }
            catch (final ManagementException ex)
            {
                pending.failed(ex);
            }
            return true;
        }
        try
        {
            final ScanTask scan = messages.startScan(arguments, requester, pending);
            if (null != scan)
            {
                searches.addLast(scan);
                return true;
            }
            final Map<String, Object> now = messages.browse(arguments, requester, pending);
            if (null != now)
            {
                pending.done(now);
            }
        }
        catch (final ManagementException ex)
        {
            pending.failed(ex);
        }
        catch (final RuntimeException ex)
        {
            pending.failed(new ManagementException(ManagementException.INTERNAL, "internal error: " + ex));
        }
        return true;
    }

    /**
     * A purge, or a move, copy or delete by selector, of a queue with messages paged out to the journal is started
     * here: it acts on the messages in memory at once and on those paged out in slices
     * ({@link MessageOperations#startBulk}), and is answered once it is done and what it journaled is on disk. So are
     * the dry run of a job by selector ({@link Jobs#startDryRun}), the restore of a trash batch
     * ({@link Trash#startRestore}) and the trash's listing ({@link Trash#startList}) when the queue has messages paged
     * out. False, leaving the operation to run at
     * once, for any other operation or a queue with nothing paged out.
     */
    private boolean startedBulk(final Map<String, Object> arguments, final Requester requester,
        final java.util.function.Consumer<Map<String, Object>> onReply,
        final java.util.function.Consumer<ManagementException> onFailed)
    {
        final java.util.function.Consumer<ManagementException> failed = (failure) ->
        {
            audit.record(arguments, requester, null, failure);
            // What was done before the failure is journaled: the answer waits for it as a success would.
            broker.whenDurable(broker.journalLastAppended(), () -> onFailed.accept(failure),
                (journalFailure) -> onFailed.accept(failure));
        };
        final JournalPass pass;
        try
        {
            final MessageOperations.PendingReply pending = new MessageOperations.PendingReply()
            {
                public void done(final Map<String, Object> reply)
                {
                    audit.record(arguments, requester, reply, null);
                    broker.whenDurable(broker.journalLastAppended(), () -> onReply.accept(reply),
                        (journalFailure) -> onFailed.accept(new ManagementException(ManagementException.INTERNAL,
                        "the journal failed before the change was stored: " + journalFailure)));
                }

                public void failed(final ManagementException failure)
                {
                    failed.accept(failure);
                }
            };
            final Operation op = Request.operation(arguments);
            pass = Operation.START_JOB == op ? jobs.startDryRun(arguments, requester, pending) :
                Operation.RESTORE_TRASH == op ? trash.startRestore(arguments, requester, pending) :
                Operation.TRASH == op ? trash.startList(arguments, requester, pending) :
                messages.startBulk(arguments, requester, pending);
        }
        catch (final ManagementException ex)
        {
            failed.accept(ex);
            return true;
        }
        catch (final RuntimeException ex)
        {
            failed.accept(new ManagementException(ManagementException.INTERNAL, "internal error: " + ex));
            return true;
        }
        if (null == pass)
        {
            return false;
        }
        searches.addLast(pass);
        return true;
    }

    /**
     * An operation on messages named by JMSMessageID ({@code getMessage}, and {@code move}, {@code copy} and
     * {@code deleteMessages} with {@code ids}) of a queue with messages paged out to the journal, some of which are not
     * in memory, first looks them up in the journal, in slices like a scan; then it runs as usual with what was found
     * ({@link MessageOperations#located}). False, leaving the operation to run at once (and to refuse what it
     * refuses), when it needs no lookup.
     */
    private boolean startedLookup(final Map<String, Object> arguments, final Requester requester,
        final Runnable then, final java.util.function.Consumer<ManagementException> onFailed)
    {
        final Operation op = Request.operation(arguments);
        if (Operation.GET_MESSAGE != op && Operation.MOVE != op && Operation.COPY != op &&
            Operation.DELETE_MESSAGES != op)
        {
            return false;
        }
        final MessageQueue queue;
        final Set<String> missing;
        try
        {
            queue = MessageOperations.queue(broker, arguments, Argument.NAME);
            final List<String> ids = Operation.GET_MESSAGE == op ?
                List.of(Arguments.string(arguments, Argument.MESSAGE_ID)) : Arguments.ids(arguments);
            if (0 == queue.pagedCount() || null == ids)
            {
                return false;
            }
            requester.require(Permission.BROWSE, queue.name());
            missing = messages.notInMemory(queue, ids);
        }
        catch (final ManagementException ex)
        {
            return false;
        }
        if (missing.isEmpty())
        {
            return false;
        }
        searches.addLast(ScanTask.lookup(broker, queue, missing, MessageSearch.DEFAULT_SCAN_TIME_LIMIT_MS, (found) ->
        {
            messages.located(found);
            try
            {
                then.run();
            }
            finally
            {
                messages.located(Map.of());
            }
        }, (failure) ->
        {
            audit.record(arguments, requester, null, failure);
            onFailed.accept(failure);
        }));
        return true;
    }

    /**
     * A change of the users is checked here and answered once the users file is written; false for any other
     * operation.
     */
    private boolean startedUserChange(
        final ManagementFrames.Request decoded, final Map<String, Object> properties, final Requester requester)
    {
        if (!UserManagement.isChange(Request.operation(decoded.arguments())))
        {
            return false;
        }
        users.start(decoded.arguments(), requester, (body) ->
        {
            properties.put(STATUS, Reply.OK);
            reply(decoded, properties, body);
        }, (failure) ->
        {
            error(properties, failure.code(), String.valueOf(failure.getMessage()));
            reply(decoded, properties, Map.of());
        });
        return true;
    }

    /**
     * Runs a search in slices (JMX): the result is completed once every message was looked at. Conductor thread.
     *
     * @param arguments {@code op} ({@code search}) and the search's arguments.
     * @param requester who asks.
     * @param result    completed with the result, or exceptionally with the {@link ManagementException}.
     */
    public void submitSearch(final Map<String, Object> arguments, final Requester requester,
        final CompletableFuture<Map<String, Object>> result)
    {
        try
        {
            searches.addLast(search.startSearch(arguments, requester, new MessageOperations.PendingReply()
            {
                public void done(final Map<String, Object> reply)
                {
                    result.complete(reply);
                }

                public void failed(final ManagementException failure)
                {
                    result.completeExceptionally(failure);
                }
            }));
        }
        catch (final RuntimeException ex)
        {
            result.completeExceptionally(ex);
        }
    }

    /**
     * The duty cycle's share of sliced management work: the running scans (searches, browses with a selector) look
     * at no more than {@link #SEARCH_ENTRIES_PER_CYCLE} messages in all. A scan waiting for the journal lets the next
     * one go on. Conductor thread.
     *
     * @return messages looked at.
     */
    public int doWork()
    {
        int budget = SEARCH_ENTRIES_PER_CYCLE;
        // Most duty cycles have no scan running: no iterator for them.
        if (!searches.isEmpty())
        {
            final java.util.Iterator<SlicedTask> running = searches.iterator();
            while (budget > 0 && running.hasNext())
            {
                final SlicedTask task = running.next();
                budget -= task.step(budget);
                if (task.isDone())
                {
                    running.remove();
                }
            }
        }
        if (searches.isEmpty() && !jobs.isReadingJournal())
        {
            mover.forgetRemovedPagedOut();
        }
        return SEARCH_ENTRIES_PER_CYCLE - budget + users.poll();
    }

    private static void error(final Map<String, Object> properties, final String code, final String message)
    {
        properties.put(STATUS, Reply.ERROR);
        properties.put(ERROR_CODE, code);
        properties.put(ERROR_MESSAGE, message);
    }

    private void reply(
        final ManagementFrames.Request request, final Map<String, Object> properties, final Map<String, Object> body)
    {
        broker.route(frames.mapMessage(broker.nextMessageId(), request.replyTo(), request.replyToType(),
            request.correlationId(), request.correlationIsBytes(), properties, body, broker.nowMs()));
    }

    /**
     * Sets the extensions that answer the operations the broker itself does not (the JMS bridge's); any thread.
     *
     * @param extensions the running extensions.
     */
    public void extensions(final List<BrokerExtension> extensions)
    {
        this.extensions = List.copyOf(extensions);
    }

    private Map<String, Object> extensionOperation(final Operation op, final Map<String, Object> arguments)
    {
        for (final BrokerExtension extension : extensions)
        {
            final Map<String, Object> reply = extension.execute(op, arguments);
            if (null != reply)
            {
                return reply;
            }
        }
        throw new ManagementException(ManagementException.ILLEGAL_STATE, "this broker runs no JMS bridges: the " +
            "bridge module (aeolus-bridge) is not on its class path");
    }

    /**
     * Runs one operation for a trusted requester (JMX). Conductor thread.
     *
     * @param arguments {@code op} and the operation's arguments.
     * @return the result.
     * @throws ManagementException if the request cannot be honoured.
     */
    public Map<String, Object> execute(final Map<String, Object> arguments)
    {
        return execute(arguments, Requester.TRUSTED);
    }

    /**
     * Runs one operation for a trusted requester (JMX) and completes its result once what it journaled is on disk.
     * Conductor thread.
     *
     * @param arguments {@code op} and the operation's arguments.
     * @param requester the JMX caller: trusted, named for the audit log.
     * @param result    completed with the result, or exceptionally with the {@link ManagementException}.
     */
    public void execute(final Map<String, Object> arguments, final Requester requester,
        final CompletableFuture<Map<String, Object>> result)
    {
        if (Operation.SEARCH == Request.operation(arguments))
        {
            submitSearch(arguments, requester, result);
            return;
        }
        if (UserManagement.isChange(Request.operation(arguments)))
        {
            users.start(arguments, requester, result::complete, result::completeExceptionally);
            return;
        }
        if (startedBrowse(arguments, requester, result::complete, result::completeExceptionally) ||
            startedBulk(arguments, requester, result::complete, result::completeExceptionally) ||
            startedLookup(arguments, requester, () -> executeNow(arguments, requester, result),
            result::completeExceptionally))
        {
            return;
        }
        executeNow(arguments, requester, result);
    }

    private void executeNow(final Map<String, Object> arguments, final Requester requester,
        final CompletableFuture<Map<String, Object>> result)
    {
        final long journaledBefore = broker.journalLastAppended();
        final Map<String, Object> reply;
        try
        {
            reply = execute(arguments, requester);
        }
        catch (final RuntimeException ex)
        {
            audit.record(arguments, requester, null, ex instanceof ManagementException ? (ManagementException)ex :
                new ManagementException(ManagementException.INTERNAL, "internal error: " + ex));
            result.completeExceptionally(ex);
            return;
        }
        audit.record(arguments, requester, reply, null);
        final long journaledAfter = broker.journalLastAppended();
        if (journaledAfter == journaledBefore)
        {
            result.complete(reply);
            return;
        }
        broker.whenDurable(journaledAfter, () -> result.complete(reply), (failure) -> result.completeExceptionally(
            new ManagementException(ManagementException.INTERNAL,
            "the journal failed before the change was stored: " + failure)));
    }

    /**
     * Runs one operation. Conductor thread.
     *
     * @param arguments {@code op} and the operation's arguments.
     * @param requester who asks, whose permissions the operation checks.
     * @return the result.
     * @throws ManagementException if the request cannot be honoured, {@link ManagementException#ACCESS_DENIED} if
     *                             the requester may not.
     */
    public Map<String, Object> execute(final Map<String, Object> arguments, final Requester requester)
    {
        final Operation op = Arguments.operation(arguments);
        if (Operation.USERS == op || UserManagement.isChange(op))
        {
            return users.execute(op, requester);
        }
        switch (op)
        {
            case DESTINATIONS:
                return listings.destinations();
            case CONNECTIONS:
                return listings.connections();
            case SESSIONS:
                return listings.sessions(arguments);
            case CONSUMERS:
                return listings.consumers(arguments);
            case PRODUCERS:
                return listings.producers(arguments);
            case CLOSE_CONNECTION:
                return closeConnection(arguments);
            case SUBSCRIPTIONS:
                return listings.subscriptions();
            case DROP_SUBSCRIPTION:
                return dropSubscription(arguments, requester);
            case CREATE_QUEUE:
            case CREATE_TOPIC:
            case DESTINATION_SETTINGS:
            case SET_DESTINATION_SETTINGS:
            case RESET_DESTINATION_SETTINGS:
                return SettingsManagement.execute(broker, op, arguments, requester);
            case DELETE_DESTINATION:
                return delete(arguments, requester);
            case PAUSE:
            case RESUME:
                return pause(arguments, Operation.PAUSE == op, requester);
            case RETENTION:
            case REPLAY:
            case REPLAYS:
            case RETAINED:
                return RetentionManagement.execute(broker, op, arguments, requester);
            case GROUP:
                throw new ManagementException(ManagementException.ILLEGAL_STATE, "group: this is a single broker, " +
                    "not a member of a broker group (aeolus.cluster.members is not set)");
            default:
                return executeMessageOperation(op, arguments, requester);
        }
    }

    private Map<String, Object> executeMessageOperation(
        final Operation op, final Map<String, Object> arguments, final Requester requester)
    {
        switch (op)
        {
            case PURGE:
                return messages.purge(arguments, requester);
            case BROWSE:
                return messages.browse(arguments, requester);
            case SEARCH:
                return search.search(arguments, requester);
            case GET_MESSAGE:
                return search.getMessage(arguments, requester, messages.located());
            case SEND_MESSAGE:
                return sender.send(arguments, requester);
            case MOVE:
                return messages.move(arguments, requester);
            case COPY:
                return messages.copy(arguments, requester);
            case DELETE_MESSAGES:
                return messages.delete(arguments, requester);
            case RETRY_DEAD_LETTERS:
                return messages.retryDeadLetters(arguments, requester);
            case TRIAGE:
                return triage.triage(arguments, requester);
            case TRASH:
                return trash.list(requester);
            case RESTORE_TRASH:
                return trash.restore(arguments, requester);
            case START_JOB:
                return jobs.start(arguments, requester);
            case JOBS:
                return jobs.list();
            case PAUSE_JOB:
                return jobs.control(arguments, JobState.PAUSED);
            case RESUME_JOB:
                return jobs.control(arguments, JobState.RUNNING);
            case CANCEL_JOB:
                return jobs.control(arguments, JobState.CANCELLED);
            case HISTORY:
                return history.query(arguments, requester);
            case STATUS:
                return status();
            case XA_BRANCHES:
            case COMMIT_XA_BRANCH:
            case ROLLBACK_XA_BRANCH:
                return xaBranches(op, arguments, requester);
            case ROUTES:
            case CREATE_ROUTE:
            case DELETE_ROUTE:
            case LAST_VALUES:
                return RouteManagement.execute(broker, op, arguments);
            case BRIDGES:
            case CREATE_BRIDGE:
            case DELETE_BRIDGE:
            case PAUSE_BRIDGE:
            case RESUME_BRIDGE:
                return extensionOperation(op, arguments);
            default:
                throw new ManagementException(ManagementException.UNKNOWN_OPERATION, "unknown operation '" + op + "'");
        }
    }

    /**
     * The timer tick: runs what other threads posted, publishes the metrics snapshot and samples the metrics
     * history when due. Conductor thread.
     *
     * @param nowMs the conductor's epoch time.
     * @return the work done.
     */
    public int onTimer(final long nowMs)
    {
        return proxy.drain(this) + jobs.onTimer(nowMs) + metrics.onTimer(nowMs) + history.onTimer(nowMs);
    }

    /**
     * Publishes a complete metrics snapshot on {@code aeolus.metrics} now, whatever its schedule and however many
     * destinations there are: a broker group's member does, at the points of the group's log that its timer events
     * set, so every member routes a message of the same size there (a snapshot of changes only would differ in size
     * between members, whose figures are their own).
     * The thread that owns the engine.
     *
     * @param nowMs the time now, the snapshot's.
     * @return 1 if it published, 0 if the topic has no subscriber.
     */
    public int publishMetrics(final long nowMs)
    {
        return metrics.publishComplete(nowMs);
    }

    private Map<String, Object> status()
    {
        int sessions = 0;
        for (final ManagedBroker.ConnectionView connection : broker.connections())
        {
            sessions += connection.sessions();
        }
        final Runtime runtime = Runtime.getRuntime();
        final JournalStatistics journal = broker.journalStatistics();
        final long nowMs = broker.nowMs();
        final Map<String, Object> reply = new LinkedHashMap<>();
        new BrokerStatus(Broker.VERSION, startedMs, nowMs - startedMs, runtime.totalMemory() - runtime.freeMemory(),
            runtime.maxMemory(), broker.connections().size(), sessions, broker.queues().size(), broker.topics().size(),
            broker.journalPending(), null == journal ? -1 : journal.fileBytes()).write(reply);
        return reply;
    }

    /**
     * Lists the XA branches, or completes one heuristically: for whoever may use the management queue at all (as
     * closing a connection).
     */
    private Map<String, Object> xaBranches(final Operation op, final Map<String, Object> arguments,
        final Requester requester)
    {
        if (Operation.XA_BRANCHES == op)
        {
            return Reply.putRows(new LinkedHashMap<>(), broker.xaBranches(), PreparedBranch::write);
        }
        final Object xid = arguments.get(Argument.NAME);
        final String problem = xid instanceof String ?
            broker.completeXaBranch((String)xid, Operation.COMMIT_XA_BRANCH == op) : "the branch's xid is missing";
        if (null != problem)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, problem);
        }
        return Map.of();
    }

    private Map<String, Object> closeConnection(final Map<String, Object> arguments)
    {
        final long id = Arguments.longValue(arguments, Argument.CONNECTION_ID, -1);
        if (!broker.closeConnection(id, "closed by an administrator"))
        {
            throw new ManagementException(ManagementException.UNKNOWN_CONNECTION, "no connection " + id);
        }
        return Map.of();
    }

    private Map<String, Object> pause(
        final Map<String, Object> arguments, final boolean pause, final Requester requester)
    {
        Arguments.requireKnown(arguments, NAME_ARGUMENT);
        final MessageQueue queue = MessageOperations.queue(broker, arguments, Argument.NAME);
        requester.require(Permission.MANAGE, queue.name());
        if (isBuiltIn(queue.name()))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + queue.name() + "' is a built-in destination and cannot be paused");
        }
        final boolean changed = queue.isPaused() != pause;
        broker.paused(queue, pause);
        return Map.of(Reply.PAUSED, pause, Reply.CHANGED, changed);
    }

    /**
     * Deletes a durable subscription as {@code Session.unsubscribe} would, given its topic, its subscriber's client
     * id (empty or absent for a shared one made without) and its name; {@code shared} picks the kind when both
     * exist. Answers how many messages it held.
     */
    private Map<String, Object> dropSubscription(final Map<String, Object> arguments, final Requester requester)
    {
        Arguments.requireKnown(arguments, DROP_ARGUMENTS);
        final String topic = Arguments.string(arguments, Argument.TOPIC_NAME);
        final String name = Arguments.string(arguments, Argument.NAME);
        final String clientId = Arguments.optionalString(arguments, Argument.CLIENT_ID);
        final Boolean shared = Arguments.optionalBoolean(arguments, Argument.SHARED);
        requester.require(Permission.DELETE_DURABLE, topic);
        final MessageQueue subscription = broker.durableSubscription(null == clientId ? "" : clientId, name, shared);
        if (null == subscription || !topic.equals(subscription.topicName()))
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION, "no durable subscription '" + name +
                "' of client id '" + (null == clientId ? "" : clientId) + "' on topic '" + topic + "'");
        }
        if (!subscription.consumers().isEmpty())
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, "durable subscription '" + name +
                "' has " + subscription.consumers().size() + " active consumer(s); close them first");
        }
        final long held = (long)subscription.depth() + subscription.scheduledCount() + subscription.pagedCount();
        broker.deleteDurableSubscription(subscription);
        return Map.of(Reply.DROPPED, held);
    }

    private Map<String, Object> delete(final Map<String, Object> arguments, final Requester requester)
    {
        final String name = Arguments.string(arguments, Argument.NAME);
        requester.require(Permission.DELETE_DESTINATION, name);
        final boolean topic = Argument.TOPIC.equalsIgnoreCase(Arguments.optionalString(arguments, Argument.TYPE));
        final MessageQueue queue = topic ? null : broker.queues().get(name);
        final Topic theTopic = topic ? broker.topics().get(name) : null;
        if (null == queue && null == theTopic)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION,
                "no " + (topic ? "topic" : "queue") + " named '" + name + "'");
        }
        final DestinationType type = topic ? theTopic.type() : queue.destinationType();
        if (type != DestinationType.QUEUE && type != DestinationType.TOPIC || isBuiltIn(name))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + name + "' is a temporary or built-in destination and cannot be deleted");
        }
        final boolean inUse = topic ? theTopic.subscriptionCount() > 0 :
            !queue.consumers().isEmpty() || queue.inFlightCount() > 0;
        if (inUse)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + name + "' has " + (topic ? "subscriptions" : "consumers") + "; close them first");
        }
        broker.deleteDestination(name, topic);
        return Map.of();
    }

    /**
     * @return true for the broker's own management queue and metrics topic.
     */
    static boolean isBuiltIn(final String name)
    {
        return AccessPolicy.isReserved(name);
    }
}
