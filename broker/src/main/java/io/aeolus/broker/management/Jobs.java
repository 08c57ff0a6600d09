package io.aeolus.broker.management;

import io.aeolus.management.TrashBatch;
import io.aeolus.management.Reply;
import io.aeolus.management.Argument;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.Permission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk operations as broker-side jobs: retry dead letters, move, or purge (into the trash) the messages of a queue
 * chosen by ids or a selector. {@code startJob} with {@code dryRun} only counts what a job would touch; otherwise the
 * job runs on the conductor's timer, a slice per tick, at most {@code rate} messages per second (0: as fast as the
 * journal keeps up), and can be paused, resumed and cancelled. A job belongs to the broker, not to the client that
 * started it, so it goes on when that client disconnects. It acts on the messages the queue held when it started:
 * those waiting in memory, then those paged out to the journal, through a {@link JournalPass}: chosen by a selector,
 * every match; by ids, the named messages not found in memory, each once, reading no further once all are found, and
 * reporting the ids found nowhere when it is done ({@link JobInfo#notFound}); the job's total grows as they come;
 * never messages sent after it started. One that is no longer
 * waiting when its turn comes (consumed, or moved by another job) is skipped, so running the same retry twice cannot
 * duplicate a message. A dry run counts the messages paged out too ({@link #startDryRun}). Permissions are
 * checked when the job starts, as for the one-shot operations. Jobs live in memory: a broker restart forgets them
 * (what they did is journaled). Conductor thread only.
 */
final class Jobs
{
    static final int MAX_PER_TICK = 500;
    /** Most paged-out messages a job looks at per tick, matching or not. */
    static final int JOURNAL_LOOK_PER_TICK = 4 * ManagementService.SCAN_JOURNAL_BATCH;
    static final long JOURNAL_BACKLOG_LIMIT = 20_000;
    static final int KEEP_FINISHED = 50;

    private final ManagedBroker broker;
    private final MessageMover mover;
    private final MessageView view;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long nextId = 1;

    Jobs(final ManagedBroker broker, final MessageMover mover, final MessageView view)
    {
        this.broker = broker;
        this.mover = mover;
        this.view = view;
    }

    Map<String, Object> start(final Map<String, Object> arguments, final Requester requester)
    {
        final JobKind kind = kind(arguments);
        final MessageQueue source = queue(Arguments.string(arguments, Argument.NAME));
        final String target = JobKind.MOVE == kind ? Arguments.destinationName(arguments, Argument.TARGET) : "";
        final long rate = Arguments.longValue(arguments, Argument.RATE, 0);
        if (rate < 0)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument 'rate' must be 0 (no limit) or a number of messages per second, not " + rate);
        }
        final MessageSelection selection = MessageSelection.of(arguments);
        final long afterSequence = source.pageCursor();
        final List<QueueEntry> entries = selection.pick(source, view, Long.MIN_VALUE, source.nextSequence());
        final int skipped = authorize(kind, source, target, entries, requester);
        if (Arguments.flag(arguments, Argument.DRY_RUN, false))
        {
            // Counts what is in memory. A dry run of a queue with messages paged out counts those too, in slices:
            // startDryRun, which also names the ids found nowhere.
            return null == selection.ids() ? Map.of(Reply.DRY_RUN, true, Reply.MATCHED, entries.size(),
                Reply.SKIPPED, skipped, Reply.PAGED_OUT, source.pagedCount()) : Map.of(Reply.DRY_RUN, true,
                Reply.MATCHED, entries.size(), Reply.SKIPPED, skipped, Reply.PAGED_OUT, 0, Reply.NOT_FOUND,
                String.join("\n", notInMemory(Arguments.ids(arguments), entries, view)));
        }
        final Job job = new Job(nextId++, kind, source, target, Arguments.optionalString(arguments, Argument.SELECTOR),
            selection, rate, entries, broker.nowMs());
        job.requester = requester;
        job.afterSequence = afterSequence;
        if (null != selection.ids())
        {
            job.named(Arguments.ids(arguments), entries, view);
        }
        job.throughJournal = (null == job.wanted || !job.wanted.isEmpty()) && JournalPass.isNeeded(source);
        jobs.put(job.id, job);
        forgetOldJobs();
        return Map.of(Reply.JOB_ID, job.id, Reply.TOTAL, job.total);
    }

    /**
     * The dry run of a job of a queue with messages paged out to the journal: counts the messages in memory at once,
     * then those paged out in a {@link JournalPass} ({@link JobDryRun}: by selector, every match; by ids, the named
     * messages not in memory), and answers once it is done, with {@code matched} the whole count, {@code pagedOut}
     * how many of them were paged out, {@code skipped} the dead letters among them that do not say where they came
     * from (a retry skips them) and, by ids, {@code notFound}. The request's {@code timeLimitMs} (as a scan's) bounds
     * the pass.
     *
     * @return the pass to run, or null if the request is not such a dry run: it then runs at once.
     * @throws ManagementException if the request cannot be honoured.
     */
    JournalPass startDryRun(final Map<String, Object> arguments, final Requester requester,
        final MessageOperations.PendingReply onReply)
    {
        if (!Arguments.flag(arguments, Argument.DRY_RUN, false))
        {
            return null;
        }
        final Object name = arguments.get(Argument.NAME);
        final MessageQueue source = name instanceof String ? broker.queues().get(name) : null;
        if (null == source || !JournalPass.isNeeded(source))
        {
            return null;
        }
        final MessageSelection selection = MessageSelection.of(arguments);
        final Set<String> wanted = null == selection.ids() ? null :
            notInMemory(Arguments.ids(arguments), selection.pick(source, view), view);
        if (null != wanted && wanted.isEmpty())
        {
            return null; // every named message is in memory
        }
        final long timeLimitMs = MessageSearch.timeLimitMs(arguments);
        final JobKind kind = kind(arguments);
        final long afterSequence = source.pageCursor();
        final long endSequence = source.nextSequence();
        final JobDryRun count = new JobDryRun(kind, start(arguments, requester), wanted, view, onReply);
        return count.run(new JournalPass(broker, mover, source, selection.selector(), afterSequence, endSequence,
            timeLimitMs, "the dry run of a job on queue '" + source.name() + "'", count, count));
    }

    /**
     * @return those of the ids (in the order named, each once) that none of the entries has.
     */
    static Set<String> notInMemory(final List<String> ids, final List<QueueEntry> entries, final MessageView view)
    {
        final Set<String> missing = new LinkedHashSet<>(ids);
        for (final QueueEntry entry : entries)
        {
            missing.remove(view.messageId(entry));
        }
        return missing;
    }

    /**
     * @return true while a job walks the messages paged out to the journal (running or paused): it may hold
     *         messages read from there that another operation removes meanwhile.
     */
    boolean isReadingJournal()
    {
        if (jobs.isEmpty())
        {
            // Asked every duty cycle: no iterator when there is no job.
            return false;
        }
        for (final Job job : jobs.values())
        {
            if (null != job.pass && !job.pass.isDone())
            {
                return true;
            }
        }
        return false;
    }

    Map<String, Object> list()
    {
        final List<JobInfo> rows = new ArrayList<>();
        for (final Job job : jobs.values())
        {
            rows.add(job.info());
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, JobInfo::write);
    }

    private static JobKind kind(final Map<String, Object> arguments)
    {
        final String kind = Arguments.string(arguments, Argument.KIND);
        for (final JobKind candidate : JobKind.values())
        {
            if (candidate.wireName().equals(kind))
            {
                return candidate;
            }
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument 'kind' must be retry, move or purge, not '" + kind + "'");
    }

    Map<String, Object> control(final Map<String, Object> arguments, final JobState requested)
    {
        final long id = Arguments.longValue(arguments, Argument.JOB_ID, -1);
        final Job job = jobs.get(id);
        if (null == job)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "no job " + id);
        }
        if (job.state == JobState.DONE || job.state == JobState.CANCELLED)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "job " + id + " is " + job.state.name().toLowerCase() + " already");
        }
        switch (requested)
        {
            case RUNNING:
                job.state = JobState.RUNNING;
                job.lastTickMs = broker.nowMs();
                break;
            case PAUSED:
                job.state = JobState.PAUSED;
                break;
            default:
                job.state = JobState.CANCELLED;
                job.finishedMs = broker.nowMs();
                job.entries = List.of();
                job.cursor = 0;
                if (null != job.pass)
                {
                    job.pass.cancel();
                }
                break;
        }
        final Map<String, Object> reply = new LinkedHashMap<>();
        job.info().write(reply, "");
        return reply;
    }

    /**
     * Advances every running job by one slice. Conductor thread, on the timer.
     */
    int onTimer(final long nowMs)
    {
        int work = 0;
        for (final Job job : jobs.values())
        {
            if (job.state == JobState.RUNNING && broker.journalPending() < JOURNAL_BACKLOG_LIMIT)
            {
                work += step(job, nowMs);
            }
        }
        return work;
    }

    private int step(final Job job, final long nowMs)
    {
        int allowed = MAX_PER_TICK;
        if (job.rate > 0)
        {
            job.budget = Math.min(job.budget + job.rate * (nowMs - job.lastTickMs) / 1000.0, Math.max(job.rate, 1));
            allowed = (int)Math.min(job.budget, MAX_PER_TICK);
        }
        job.lastTickMs = nowMs;
        int done = 0;
        while (done < allowed && job.cursor < job.entries.size())
        {
            final QueueEntry entry = job.entries.get(job.cursor);
            job.entries.set(job.cursor++, null);
            if (entry.isWaiting() && apply(job, entry))
            {
                job.processed++;
            }
            else
            {
                job.skipped++;
            }
            done++;
        }
        if (job.cursor == job.entries.size() && job.throughJournal)
        {
            done += stepJournal(job, allowed - done);
        }
        job.budget -= done;
        if (job.cursor == job.entries.size() &&
            (job.throughJournal ? job.pass.isDone() : null != job.wanted || !followPages(job)))
        {
            job.state = JobState.DONE;
            job.finishedMs = nowMs;
            job.notFound = null == job.wanted ? "" : String.join("\n", job.wanted);
        }
        return done;
    }

    /**
     * A job takes the messages that were paged out when it started through a {@link JournalPass}, once it is done
     * with those that were in memory: they come into memory only as consumers drain the queue, which may never happen
     * while the memory holds messages it does not select. A job by selector takes every match; one by ids, the
     * messages it names that were not in memory, and reads no further once it found them all.
     *
     * @return messages the job acted on or skipped.
     */
    private int stepJournal(final Job job, final int allowed)
    {
        if (null == job.pass)
        {
            final JournalVisitor visitor = new JournalVisitor(job);
            job.pass = new JournalPass(broker, mover, job.queue, job.selection.selector(), job.afterSequence,
                job.endSequence, 0, "job " + job.id, visitor, visitor);
        }
        final long before = job.processed + job.skipped;
        job.pass.step(JOURNAL_LOOK_PER_TICK, Math.max(0, allowed));
        return (int)(job.processed + job.skipped - before);
    }

    /**
     * What a job does with the messages its {@link JournalPass} hands it.
     */
    private final class JournalVisitor implements JournalPass.Visitor, JournalPass.Outcome
    {
        private final Job job;

        JournalVisitor(final Job job)
        {
            this.job = job;
        }

        public boolean wants(final BrokerMessage message, final int deliveryCount)
        {
            if (null == job.wanted)
            {
                return true;
            }
            // Found: taken off the ids looked for, so each is done once, and counted as skipped until handed on (one
            // consumed, or removed by another operation, before its turn is never handed on).
            final boolean named = job.wanted.remove(view.messageId(message));
            if (named)
            {
                job.total++;
                job.skipped++;
            }
            return named;
        }

        public void onPagedOut(final BrokerMessage message, final int deliveryCount)
        {
            onHanded();
            count(applyPagedOut(job, message));
        }

        public void onInMemory(final QueueEntry entry)
        {
            onHanded();
            count(apply(job, entry));
        }

        private void onHanded()
        {
            if (null == job.wanted)
            {
                job.total++;
            }
            else
            {
                job.skipped--; // counted when found
            }
        }

        private void count(final boolean done)
        {
            if (done)
            {
                job.processed++;
            }
            else
            {
                job.skipped++;
            }
            if (null != job.wanted && job.wanted.isEmpty())
            {
                job.pass.stopEarly();
            }
        }

        public void done()
        {
        }

        public void failed(final ManagementException failure)
        {
            job.failure = failure.getMessage();
        }
    }

    private boolean applyPagedOut(final Job job, final BrokerMessage message)
    {
        switch (job.kind)
        {
            case RETRY:
                final String origin = MessageMover.deadLetterOrigin(message);
                if (null == origin || !mayRetryTo(job, origin))
                {
                    return false;
                }
                return mover.retryPagedOut(job.queue, message);
            case MOVE:
                mover.movePagedOut(job.queue, message, job.target);
                return true;
            default:
                mover.removePagedOut(job.queue, message, TrashBatch.PURGE, "job-" + job.id);
                return true;
        }
    }

    /**
     * @return true if the job's requester may send a dead letter back to where it came from (checked at the start
     *         for those in memory; a paged-out one to a destination the requester may not use is skipped).
     */
    private boolean mayRetryTo(final Job job, final String origin)
    {
        try
        {
            requireTarget(origin, job.requester);
            return true;
        }
        catch (final ManagementException ex)
        {
            return false;
        }
    }

    /**
     * Takes up what the queue paged in since the job last looked, if anything.
     *
     * @return false once nothing more will come: nothing paged out, or nothing will page in by itself.
     */
    private boolean followPages(final Job job)
    {
        if (broker.queues().get(job.source) != job.queue)
        {
            return false;
        }
        final long paged = job.queue.pagedCount();
        if (paged != job.lastPagedCount || job.queue.depth() != job.lastDepth)
        {
            job.lastPagedCount = paged;
            job.lastDepth = job.queue.depth();
            final List<QueueEntry> more = job.selection.pick(job.queue, view, job.lastSequence, job.endSequence);
            if (!more.isEmpty())
            {
                job.take(more);
                return true;
            }
        }
        // Done once no message from before the job's start is still paged out.
        return job.queue.pageCursor() < job.endSequence - 1 && broker.willPageIn(job.queue);
    }

    private boolean apply(final Job job, final QueueEntry entry)
    {
        switch (job.kind)
        {
            case RETRY:
                return mover.retry(entry);
            case MOVE:
                mover.move(entry, job.target);
                return true;
            default:
                mover.remove(entry, TrashBatch.PURGE, "job-" + job.id);
                return true;
        }
    }

    /**
     * Checks the requester's permissions for the whole job.
     *
     * @return how many of the entries the job will skip (dead letters that do not say where they came from).
     */
    private int authorize(final JobKind kind, final MessageQueue source, final String target,
        final List<QueueEntry> entries, final Requester requester)
    {
        requester.require(Permission.MANAGE, source.name());
        switch (kind)
        {
            case PURGE:
                return 0;
            case MOVE:
                if (target.equals(source.name()))
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                        "source and target are the same");
                }
                if (ManagementService.isBuiltIn(target))
                {
                    throw new ManagementException(ManagementException.ILLEGAL_STATE,
                        "'" + target + "' is a built-in destination: messages cannot be put there");
                }
                requireTarget(target, requester);
                return 0;
            case RETRY:
                int skipped = 0;
                final Set<String> origins = new HashSet<>();
                for (final QueueEntry entry : entries)
                {
                    final String origin = MessageMover.deadLetterOrigin(entry);
                    if (null == origin)
                    {
                        skipped++;
                    }
                    else if (origins.add(origin))
                    {
                        requireTarget(origin, requester);
                    }
                }
                return skipped;
            default:
                throw new IllegalStateException("unknown job kind " + kind);
        }
    }

    private void requireTarget(final String target, final Requester requester)
    {
        requester.require(Permission.SEND, target);
        if (!broker.queues().containsKey(target) && !broker.topics().containsKey(target))
        {
            requester.require(Permission.CREATE_DESTINATION, target);
        }
    }

    private MessageQueue queue(final String name)
    {
        final MessageQueue queue = broker.queues().get(name);
        if (null == queue)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION, "no queue named '" + name + "'");
        }
        return queue;
    }

    private void forgetOldJobs()
    {
        int finished = 0;
        for (final Job job : jobs.values())
        {
            finished += job.state == JobState.DONE || job.state == JobState.CANCELLED ? 1 : 0;
        }
        final Iterator<Job> iterator = jobs.values().iterator();
        while (finished > KEEP_FINISHED && iterator.hasNext())
        {
            final Job job = iterator.next();
            if (job.state == JobState.DONE || job.state == JobState.CANCELLED)
            {
                iterator.remove();
                finished--;
            }
        }
    }

    private static final class Job
    {
        final long id;
        final JobKind kind;
        final MessageQueue queue;
        final String source;
        final String target;
        final String selector;
        final MessageSelection selection;
        final long rate;
        List<QueueEntry> entries;
        long total;
        long lastSequence = Long.MIN_VALUE;
        final long endSequence;
        long lastPagedCount;
        long lastDepth;
        final long startedMs;
        JobState state = JobState.RUNNING;
        int cursor;
        long processed;
        long skipped;
        long finishedMs;
        long lastTickMs;
        double budget;
        Requester requester;
        long afterSequence;
        boolean throughJournal;
        JournalPass pass;
        String failure;
        /** A job by ids: the ids named that it has not found yet, in the order named; null for one by selector. */
        Set<String> wanted;
        String notFound = "";

        Job(final long id, final JobKind kind, final MessageQueue source, final String target, final String selector,
            final MessageSelection selection, final long rate, final List<QueueEntry> entries, final long startedMs)
        {
            this.id = id;
            this.kind = kind;
            this.queue = source;
            this.source = source.name();
            this.target = target;
            this.selector = null == selector ? "" : selector;
            this.selection = selection;
            this.rate = rate;
            this.startedMs = startedMs;
            this.lastTickMs = startedMs;
            this.endSequence = source.nextSequence();
            this.lastPagedCount = source.pagedCount();
            this.lastDepth = source.depth();
            this.entries = List.of();
            take(entries);
        }

        /**
         * A job by ids: what it looks for beyond the entries found in memory.
         */
        void named(final List<String> ids, final List<QueueEntry> inMemory, final MessageView view)
        {
            wanted = notInMemory(ids, inMemory, view);
        }

        void take(final List<QueueEntry> more)
        {
            entries = more;
            cursor = 0;
            total += more.size();
            for (final QueueEntry entry : more)
            {
                lastSequence = Math.max(lastSequence, entry.sequence());
            }
        }

        JobInfo info()
        {
            return new JobInfo(id, kind, source, target, selector, state, total, processed, skipped, rate, startedMs,
                finishedMs, notFound);
        }
    }
}
