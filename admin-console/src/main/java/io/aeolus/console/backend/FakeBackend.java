package io.aeolus.console.backend;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.JobState;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * An in-memory broker stand-in for tests, screenshots and the demo mode of the console. State is guarded by
 * this object's monitor, so any thread may call any method. Listeners are called on the caller's thread of
 * {@link #publishMetrics}, {@link #connect} and {@link #simulateConnectionLost}. Tests make any call fail with
 * {@link #failOn}, and require a login with {@link #requireLogin}. Purges go to a fake trash that restores them;
 * bulk jobs take their messages at their rate by the fake's {@link #clock} whenever jobs are listed; triage groups
 * the dead letters as the broker does; history is generated around the current figures unless given.
 */
public final class FakeBackend implements ConsoleBackend
{
    private final Map<String, DestinationInfo> destinations = new LinkedHashMap<>();
    private final Map<String, List<BrowsedMessage>> queueMessages = new LinkedHashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new LinkedHashMap<>();
    private final List<ConnectionInfo> connections = new ArrayList<>();
    private String ownClientId = "";
    private final List<SubscriptionInfo> subscriptions = new ArrayList<>();
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> retriedIds = new ArrayList<>();
    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final Map<String, Exception> failures = new HashMap<>();
    private final FakeTrash trash = new FakeTrash();
    private final FakeJobs fakeJobs = new FakeJobs();
    private final Map<String, Long> pagedOut = new HashMap<>();
    private final Map<String, List<HistoryPoint>> histories = new HashMap<>();
    private LongSupplier clock = System::currentTimeMillis;
    private String connectedUrl;
    private String requiredUser;
    private String requiredPassword;
    private int connectCalls;
    private long nextMessageId = 1;

    /**
     * Adds or replaces a destination.
     *
     * @param info the destination's statistics.
     * @return this for chaining.
     */
    public synchronized FakeBackend putDestination(final DestinationInfo info)
    {
        destinations.put(info.name(), info);
        return this;
    }

    /**
     * Appends a message to a queue's browsable content.
     *
     * @param queue   queue name.
     * @param message the message.
     * @return this for chaining.
     */
    public synchronized FakeBackend addMessage(final String queue, final BrowsedMessage message)
    {
        queueMessages.computeIfAbsent(queue, (name) -> new ArrayList<>()).add(message);
        return this;
    }

    /**
     * Appends a dead letter to a dead-letter queue.
     *
     * @param deadLetterQueue queue name.
     * @param deadLetter      the message.
     * @return this for chaining.
     */
    public synchronized FakeBackend addDeadLetter(final String deadLetterQueue, final DeadLetter deadLetter)
    {
        deadLetters.computeIfAbsent(deadLetterQueue, (name) -> new ArrayList<>()).add(deadLetter);
        return this;
    }

    /**
     * Adds a client connection.
     *
     * @param connection the connection.
     * @return this for chaining.
     */
    public synchronized FakeBackend addConnection(final ConnectionInfo connection)
    {
        connections.add(connection);
        return this;
    }

    /**
     * Says which connection is the console's own.
     *
     * @param clientId that connection's client id.
     * @return this backend.
     */
    public synchronized FakeBackend ownClientId(final String clientId)
    {
        this.ownClientId = clientId;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized String ownClientId()
    {
        return ownClientId;
    }

    /**
     * Adds a topic subscription.
     *
     * @param subscription the subscription.
     * @return this for chaining.
     */
    public synchronized FakeBackend addSubscription(final SubscriptionInfo subscription)
    {
        subscriptions.add(subscription);
        return this;
    }

    /**
     * Makes every later call of one operation fail, until called again with null.
     *
     * @param operation the method name, e.g. {@code purge} or {@code connections}.
     * @param failure   thrown by each call, or null to let calls succeed again.
     * @return this for chaining.
     */
    public synchronized FakeBackend failOn(final String operation, final Exception failure)
    {
        if (null == failure)
        {
            failures.remove(operation);
        }
        else
        {
            failures.put(operation, failure);
        }
        return this;
    }

    /**
     * Sets the clock the trash, the jobs and the generated history go by; the system clock by default.
     *
     * @param clock epoch milliseconds.
     * @return this for chaining.
     */
    public synchronized FakeBackend clock(final LongSupplier clock)
    {
        this.clock = clock;
        return this;
    }

    /**
     * Sets how many messages of a queue a dry run reports as paged out to the journal.
     *
     * @param queue the queue.
     * @param count messages paged out.
     * @return this for chaining.
     */
    public synchronized FakeBackend pagedOut(final String queue, final long count)
    {
        pagedOut.put(queue, count);
        return this;
    }

    /**
     * Sets the points {@link #history} returns for a destination and range, instead of generated ones.
     *
     * @param destination the destination, or an empty string for the broker as a whole.
     * @param range       the range.
     * @param points      the points, oldest first.
     * @return this for chaining.
     */
    public synchronized FakeBackend putHistory(
        final String destination, final HistoryRange range, final List<HistoryPoint> points)
    {
        histories.put(destination + "|" + range.protocolName(), List.copyOf(points));
        return this;
    }

    /**
     * Adds a job with no messages behind it that only counts at its rate, as another console's job would look in
     * demo data.
     *
     * @param job the job as it is now; its id is replaced by the fake's next one.
     * @return this for chaining.
     */
    public synchronized FakeBackend addJob(final JobInfo job)
    {
        fakeJobs.addSynthetic(job);
        return this;
    }

    /**
     * Adds a trash batch with no messages behind it, as demo data: restoring it adds its count to the queue's depth.
     *
     * @param operation   {@code purge} or {@code delete}.
     * @param destination the queue the messages came from.
     * @param timeMs      when they were removed, epoch milliseconds.
     * @param count       how many.
     * @return this for chaining.
     */
    public synchronized FakeBackend addTrash(
        final String operation, final String destination, final long timeMs, final long count)
    {
        trash.add(operation, destination, timeMs, count, List.of(), List.of());
        return this;
    }

    /**
     * Messages in the fake trash, as the depth of its queue.
     *
     * @return the count.
     */
    public synchronized long trashCount()
    {
        long count = 0;
        for (final TrashBatch batch : trash.list(clock.getAsLong()))
        {
            count += batch.count();
        }
        return count;
    }

    /**
     * Makes {@link #connect} accept only this user and password, as a broker with security on would.
     *
     * @param user     the user name.
     * @param password the password.
     * @return this for chaining.
     */
    public synchronized FakeBackend requireLogin(final String user, final String password)
    {
        requiredUser = user;
        requiredPassword = password;
        return this;
    }

    /**
     * Messages passed to {@link #sendMessage} so far, for test assertions.
     *
     * @return a copy in call order.
     */
    public synchronized List<OutgoingMessage> sentMessages()
    {
        return List.copyOf(sent);
    }

    /**
     * Ids passed to the retry methods so far, for test assertions.
     *
     * @return a copy of the ids in call order.
     */
    public synchronized List<String> retriedIds()
    {
        return List.copyOf(retriedIds);
    }

    /**
     * Number of messages held in a dead-letter queue.
     *
     * @param deadLetterQueue queue name.
     * @return the count.
     */
    public synchronized long deadLetterCount(final String deadLetterQueue)
    {
        return deadLetters.getOrDefault(deadLetterQueue, List.of()).size();
    }

    /**
     * How often {@link #connect} was called.
     *
     * @return the count.
     */
    public synchronized int connectCalls()
    {
        return connectCalls;
    }

    /**
     * Publishes a metrics snapshot of the current destinations to all listeners, on the calling thread.
     *
     * @param timestampMs   snapshot time, epoch milliseconds.
     * @param inRatePerSec  inbound rate.
     * @param outRatePerSec outbound rate.
     */
    public void publishMetrics(final long timestampMs, final double inRatePerSec, final double outRatePerSec)
    {
        publish(snapshot(timestampMs, inRatePerSec, outRatePerSec));
    }

    /**
     * Takes a metrics snapshot of the current destinations without publishing it.
     *
     * @param timestampMs   snapshot time, epoch milliseconds.
     * @param inRatePerSec  inbound rate.
     * @param outRatePerSec outbound rate.
     * @return the snapshot.
     */
    public synchronized MetricsSnapshot snapshot(
        final long timestampMs, final double inRatePerSec, final double outRatePerSec)
    {
        // Plausible journal figures: a batch per 40 messages in, commits of a few hundred microseconds.
        final long batches = Math.round(inRatePerSec / 40);
        final MetricsSnapshot.JournalFigures journal = new MetricsSnapshot.JournalFigures(48L * 1_048_576L, batches,
            0 == batches ? 0 : inRatePerSec / batches, 300 + (timestampMs / 1000 % 7) * 20, 1_200);
        return new MetricsSnapshot(timestampMs, inRatePerSec, outRatePerSec, connections.size(),
            new ArrayList<>(destinations.values()), journal);
    }

    /**
     * Publishes a snapshot to all listeners, on the calling thread.
     *
     * @param snapshot the snapshot.
     */
    public void publish(final MetricsSnapshot snapshot)
    {
        for (final BackendListener listener : listeners)
        {
            listener.onMetrics(snapshot);
        }
    }

    /**
     * Makes the backend report a lost connection to its listeners, as a real one would when the broker stops.
     */
    public void simulateConnectionLost()
    {
        synchronized (this)
        {
            connectedUrl = null;
        }
        fireState(ConnectionState.DISCONNECTED, "");
    }

    /**
     * Makes the backend report that it reconnected by itself, as a real one does when the broker is back.
     *
     * @param url the URL it reconnected to.
     */
    public void simulateReconnected(final String url)
    {
        synchronized (this)
        {
            connectedUrl = url;
        }
        fireState(ConnectionState.CONNECTED, url);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void connect(final String url, final String user, final char[] password) throws Exception
    {
        synchronized (this)
        {
            connectCalls++;
            check("connect");
            if (null != requiredUser &&
                (!requiredUser.equals(user) || !requiredPassword.equals(new String(password))))
            {
                throw new ConsoleAccessException(
                    ConsoleAccessException.Reason.AUTHENTICATION_FAILED, user, "authentication failed", null);
            }
            connectedUrl = url;
        }
        fireState(ConnectionState.CONNECTED, url);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void disconnect()
    {
        simulateConnectionLost();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void addListener(final BackendListener listener)
    {
        listeners.add(listener);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<DestinationInfo> destinations() throws Exception
    {
        check("destinations");
        return new ArrayList<>(destinations.values());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<ConnectionInfo> connections() throws Exception
    {
        check("connections");
        return List.copyOf(connections);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized void closeConnection(final long connectionId) throws Exception
    {
        check("closeConnection");
        if (!connections.removeIf((connection) -> connection.id() == connectionId))
        {
            throw new IllegalArgumentException("no connection " + connectionId);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<SubscriptionInfo> subscriptions() throws Exception
    {
        check("subscriptions");
        return List.copyOf(subscriptions);
    }

    /**
     * {@inheritDoc} A message sent to a queue becomes browsable there.
     */
    @Override
    public synchronized void sendMessage(final OutgoingMessage message) throws Exception
    {
        check("sendMessage");
        sent.add(message);
        if (message.destinationType() != DestinationType.QUEUE)
        {
            return;
        }
        final String id = "ID:fake-sent-" + nextMessageId++;
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", id);
        headers.put("JMSType", message.jmsType());
        headers.put("JMSCorrelationID", message.correlationId());
        headers.put("JMSPriority", Integer.toString(message.priority()));
        headers.put("JMSDeliveryMode", message.persistent() ? "PERSISTENT" : "NON_PERSISTENT");
        final Map<String, String> properties = new LinkedHashMap<>();
        message.properties().forEach((name, value) -> properties.put(name, String.valueOf(value)));
        final BrowsedMessage browsed = switch (message.bodyType())
        {
            case BYTES -> new BrowsedMessage(id, 0, headers, properties, BodyType.BYTES, "", message.bytes(),
                message.bytes().length, false);
            case MAP -> new BrowsedMessage(id, 0, headers, properties, BodyType.MAP, message.map().toString(), null,
                message.map().toString().length(), false);
            default -> new BrowsedMessage(id, 0, headers, properties, BodyType.TEXT, message.text(), null,
                message.text().getBytes(StandardCharsets.UTF_8).length, false);
        };
        addMessage(message.destination(), browsed);
        final DestinationInfo info = destinations.get(message.destination());
        final int depth = queueMessages.get(message.destination()).size();
        destinations.put(message.destination(), null == info ?
            new DestinationInfo(message.destination(), DestinationType.QUEUE, depth, 0, 0, depth, 0, false) :
            info.withDepth(depth));
    }

    /**
     * {@inheritDoc} The fake does not parse selectors: a non-blank selector matches the messages whose
     * properties contain it as text, which is enough for tests of the paging and selector plumbing.
     */
    @Override
    public synchronized List<BrowsedMessage> browse(
        final String queue, final String selector, final int offset, final int limit) throws Exception
    {
        check("browse");
        final List<BrowsedMessage> matching = new ArrayList<>();
        for (final BrowsedMessage message : queueMessages.getOrDefault(queue, List.of()))
        {
            if (selector.isBlank() || message.properties().toString().contains(selector.strip()))
            {
                matching.add(message);
            }
        }
        final int from = Math.min(offset, matching.size());
        final int to = Math.min(from + limit, matching.size());
        return new ArrayList<>(matching.subList(from, to));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<DeadLetter> deadLetters(final String deadLetterQueue, final int limit) throws Exception
    {
        check("deadLetters");
        final List<DeadLetter> all = deadLetters.getOrDefault(deadLetterQueue, List.of());
        return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * {@inheritDoc} The messages go to the fake trash as one batch; a queue with a depth but no messages behind it
     * (demo data) counts its depth.
     */
    @Override
    public synchronized PurgeResult purge(final String queue) throws Exception
    {
        check("purge");
        final List<BrowsedMessage> removed = queueMessages.remove(queue);
        final List<DeadLetter> removedDeadLetters = deadLetters.remove(queue);
        final DestinationInfo info = destinations.get(queue);
        final long held = (null == removed ? 0 : removed.size()) +
            (null == removedDeadLetters ? 0 : removedDeadLetters.size());
        final long count = held > 0 || null == info ? held : info.depth();
        if (null != info)
        {
            destinations.put(queue, info.withDepth(0));
        }
        if (count == 0)
        {
            return new PurgeResult(0, "");
        }
        final FakeTrash.Batch batch = trash.add(TrashBatch.PURGE, queue, clock.getAsLong(), count,
            null == removed ? List.of() : removed, null == removedDeadLetters ? List.of() : removedDeadLetters);
        return new PurgeResult(count, batch.id);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<TrashBatch> trashBatches() throws Exception
    {
        check("trashBatches");
        advanceJobs();
        return trash.list(clock.getAsLong());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized long restoreTrash(final String batchId) throws Exception
    {
        check("restoreTrash");
        final FakeTrash.Batch batch = trash.take(batchId);
        if (null == batch)
        {
            return 0;
        }
        if (!batch.messages.isEmpty())
        {
            queueMessages.computeIfAbsent(batch.destination, (name) -> new ArrayList<>()).addAll(0, batch.messages);
        }
        if (!batch.deadLetters.isEmpty())
        {
            deadLetters.computeIfAbsent(batch.destination, (name) -> new ArrayList<>()).addAll(0, batch.deadLetters);
        }
        final DestinationInfo info = destinations.get(batch.destination);
        if (null != info)
        {
            destinations.put(batch.destination, info.withDepth(info.depth() + batch.count));
        }
        return batch.count;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized DryRunResult dryRun(final JobRequest request) throws Exception
    {
        check("dryRun");
        validate(request);
        final List<String> ids = select(request);
        long skipped = 0;
        if (request.kind() == JobKind.RETRY)
        {
            for (final DeadLetter deadLetter : deadLetters.getOrDefault(request.queue(), List.of()))
            {
                skipped += ids.contains(deadLetter.messageId()) && deadLetter.originalDestination().isEmpty() ? 1 : 0;
            }
        }
        final long paged = pagedOut.getOrDefault(request.queue(), 0L);
        if (null != request.messageIds())
        {
            // By ids the broker looks the named messages up in the journal too; the fake's are all in its lists.
            return new DryRunResult(ids.size(), skipped, 0);
        }
        // By selector the broker counts the paged-out matches too; the fake's paged-out messages have no properties,
        // so only the empty selector matches them.
        final long pagedMatches = null == request.selector() || request.selector().isBlank() ? paged : 0;
        return new DryRunResult(ids.size() + pagedMatches, skipped, pagedMatches);
    }

    /**
     * {@inheritDoc} The job takes its messages whenever the fake is next asked about jobs, at its rate by the
     * fake's clock.
     */
    @Override
    public synchronized long startJob(final JobRequest request) throws Exception
    {
        check("startJob");
        validate(request);
        advanceJobs();
        return fakeJobs.start(request, select(request), clock.getAsLong()).id;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized List<JobInfo> jobs() throws Exception
    {
        check("jobs");
        return advanceJobs();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized JobInfo pauseJob(final long jobId) throws Exception
    {
        check("pauseJob");
        return fakeJobs.control(jobId, JobState.PAUSED, clock.getAsLong(), this::take);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized JobInfo resumeJob(final long jobId) throws Exception
    {
        check("resumeJob");
        return fakeJobs.control(jobId, JobState.RUNNING, clock.getAsLong(), this::take);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized JobInfo cancelJob(final long jobId) throws Exception
    {
        check("cancelJob");
        return fakeJobs.control(jobId, JobState.CANCELLED, clock.getAsLong(), this::take);
    }

    /**
     * {@inheritDoc} Groups the fake's dead letters as the broker would, with the same kind of selectors.
     */
    @Override
    public synchronized TriageResult triage(
        final String deadLetterQueue, final TriageGrouping grouping, final String property, final int buckets)
        throws Exception
    {
        check("triage");
        return FakeTriage.triage(deadLetters.getOrDefault(deadLetterQueue, List.of()), grouping, property, buckets);
    }

    /**
     * {@inheritDoc} Points given with {@link #putHistory}, else plausible ones around the current figures.
     */
    @Override
    public synchronized List<HistoryPoint> history(
        final String destination, final boolean topic, final HistoryRange range) throws Exception
    {
        check("history");
        final List<HistoryPoint> given = histories.get(destination + "|" + range.protocolName());
        if (null != given)
        {
            return given;
        }
        if (!destination.isEmpty())
        {
            final DestinationInfo info = destinations.get(destination);
            if (null == info)
            {
                throw new IllegalArgumentException("no history of '" + destination + "'");
            }
            return FakeHistory.generate(range, clock.getAsLong(), info.depth(), info.inRatePerSec(),
                info.outRatePerSec());
        }
        long depth = 0;
        double inRate = 0;
        for (final DestinationInfo info : destinations.values())
        {
            depth += info.depth();
            inRate += info.inRatePerSec();
        }
        return FakeHistory.generate(range, clock.getAsLong(), depth, inRate, 0);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized long retryDeadLetters(
        final String deadLetterQueue, final List<String> messageIds, final ProgressSink progress) throws Exception
    {
        check("retryDeadLetters");
        final List<DeadLetter> all = deadLetters.getOrDefault(deadLetterQueue, new ArrayList<>());
        long moved = 0;
        for (final String id : messageIds)
        {
            if (all.removeIf((deadLetter) -> deadLetter.messageId().equals(id)))
            {
                moved++;
                retriedIds.add(id);
            }
            progress.onProgress(moved, messageIds.size());
        }
        updateDepth(deadLetterQueue, all.size());
        return moved;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized long retryAllDeadLetters(final String deadLetterQueue, final ProgressSink progress)
        throws Exception
    {
        final List<String> ids = new ArrayList<>();
        for (final DeadLetter deadLetter : deadLetters.getOrDefault(deadLetterQueue, List.of()))
        {
            ids.add(deadLetter.messageId());
        }
        return retryDeadLetters(deadLetterQueue, ids, progress);
    }

    private List<JobInfo> advanceJobs()
    {
        return fakeJobs.advance(clock.getAsLong(), this::take);
    }

    private void validate(final JobRequest request)
    {
        if (!destinations.containsKey(request.queue()) && !queueMessages.containsKey(request.queue()) &&
            !deadLetters.containsKey(request.queue()))
        {
            throw new IllegalArgumentException("no queue named '" + request.queue() + "'");
        }
        if (request.kind() == JobKind.MOVE && (request.target().isBlank() || request.target().equals(request.queue())))
        {
            throw new IllegalArgumentException("argument 'target' must name another queue");
        }
    }

    private List<String> select(final JobRequest request)
    {
        final List<String> ids = new ArrayList<>();
        for (final BrowsedMessage message : queueMessages.getOrDefault(request.queue(), List.of()))
        {
            if (request.byIds() ? request.messageIds().contains(message.messageId()) :
                FakeSelector.matches(request.selector(), message.properties()))
            {
                ids.add(message.messageId());
            }
        }
        for (final DeadLetter deadLetter : deadLetters.getOrDefault(request.queue(), List.of()))
        {
            if (request.byIds() ? request.messageIds().contains(deadLetter.messageId()) :
                FakeSelector.matches(request.selector(), FakeTriage.selectable(deadLetter)))
            {
                ids.add(deadLetter.messageId());
            }
        }
        return ids;
    }

    private boolean take(final FakeJobs.Job job, final String id)
    {
        final String queue = job.request.queue();
        final DeadLetter deadLetter = find(deadLetters.get(queue), id);
        final BrowsedMessage message = null == deadLetter ? findMessage(queueMessages.get(queue), id) : null;
        if (null == deadLetter && null == message ||
            job.request.kind() == JobKind.RETRY && (null == deadLetter || deadLetter.originalDestination().isEmpty()))
        {
            return false;
        }
        if (null != deadLetter)
        {
            deadLetters.get(queue).remove(deadLetter);
        }
        else
        {
            queueMessages.get(queue).remove(message);
        }
        updateDepth(queue, held(queue));
        switch (job.request.kind())
        {
            case RETRY -> retriedIds.add(id);
            case MOVE -> moveTo(job.request.target(), message, deadLetter);
            default -> trashFor(job, message, deadLetter);
        }
        return true;
    }

    private void moveTo(final String target, final BrowsedMessage message, final DeadLetter deadLetter)
    {
        if (null != message)
        {
            queueMessages.computeIfAbsent(target, (name) -> new ArrayList<>()).add(message);
        }
        else
        {
            deadLetters.computeIfAbsent(target, (name) -> new ArrayList<>()).add(deadLetter);
        }
        final DestinationInfo info = destinations.get(target);
        destinations.put(target, null == info ?
            new DestinationInfo(target, DestinationType.QUEUE, held(target), 0, 0, held(target), 0, false) :
            info.withDepth(info.depth() + 1));
    }

    private void trashFor(final FakeJobs.Job job, final BrowsedMessage message, final DeadLetter deadLetter)
    {
        FakeTrash.Batch batch = trash.find(job.trashBatch);
        if (null == batch)
        {
            batch = trash.add(TrashBatch.PURGE, job.request.queue(), clock.getAsLong(), 0, List.of(), List.of());
            job.trashBatch = batch.id;
        }
        batch.count++;
        if (null != message)
        {
            batch.messages.add(message);
        }
        else
        {
            batch.deadLetters.add(deadLetter);
        }
    }

    private long held(final String queue)
    {
        return queueMessages.getOrDefault(queue, List.of()).size() + deadLetters.getOrDefault(queue, List.of()).size();
    }

    private static DeadLetter find(final List<DeadLetter> list, final String id)
    {
        for (final DeadLetter deadLetter : null == list ? List.<DeadLetter>of() : list)
        {
            if (deadLetter.messageId().equals(id))
            {
                return deadLetter;
            }
        }
        return null;
    }

    private static BrowsedMessage findMessage(final List<BrowsedMessage> list, final String id)
    {
        for (final BrowsedMessage message : null == list ? List.<BrowsedMessage>of() : list)
        {
            if (message.messageId().equals(id))
            {
                return message;
            }
        }
        return null;
    }

    private void updateDepth(final String queue, final long depth)
    {
        final DestinationInfo info = destinations.get(queue);
        if (null != info)
        {
            destinations.put(queue, info.withDepth(depth));
        }
    }

    private void check(final String operation) throws Exception
    {
        final Exception failure = failures.get(operation);
        if (null != failure)
        {
            throw failure;
        }
    }

    private void fireState(final ConnectionState state, final String detail)
    {
        for (final BackendListener listener : listeners)
        {
            listener.onConnectionState(state, detail);
        }
    }
}
