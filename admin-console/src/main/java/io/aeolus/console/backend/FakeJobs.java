package io.aeolus.console.backend;

import io.aeolus.management.JobState;
import io.aeolus.management.JobInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fake backend's bulk jobs. A job holds the ids it chose when it started and takes them, at its rate, whenever
 * the fake is asked about jobs (time comes from the fake's clock), through a {@link Taker} that moves the messages. A
 * job added with {@link #addSynthetic} has no messages behind it and only counts, for demo data. Not thread-safe:
 * {@link FakeBackend} calls it under its own monitor.
 */
final class FakeJobs
{
    /** Most finished jobs kept, as the broker keeps the last ones. */
    static final int KEEP_FINISHED = 50;

    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long nextId = 1;

    /**
     * Takes one message for a job.
     */
    interface Taker
    {
        /**
         * Acts on one chosen message.
         *
         * @param job the job.
         * @param id  the message's id.
         * @return true when it was processed, false when it was skipped (gone, or a dead letter with no origin).
         */
        boolean take(Job job, String id);
    }

    Job start(final JobRequest request, final List<String> ids, final long nowMs)
    {
        final Job job = new Job(nextId++, request, ids, nowMs, false);
        jobs.put(job.id, job);
        forgetOld();
        return job;
    }

    void addSynthetic(final JobInfo info)
    {
        final Job job = new Job(nextId++, new JobRequest(info.kind(), info.queue(), info.target(), info.selector(),
            null, info.ratePerSec()), List.of(), info.startedMs(), true);
        job.total = info.total();
        job.processed = info.processed();
        job.skipped = info.skipped();
        job.state = info.state();
        job.finishedMs = info.finishedMs();
        jobs.put(job.id, job);
    }

    List<JobInfo> advance(final long nowMs, final Taker taker)
    {
        final List<JobInfo> rows = new ArrayList<>(jobs.size());
        for (final Job job : jobs.values())
        {
            job.advance(nowMs, taker);
            rows.add(job.info());
        }
        return rows;
    }

    JobInfo control(final long id, final JobState requested, final long nowMs, final Taker taker)
    {
        final Job job = jobs.get(id);
        if (null == job)
        {
            throw new IllegalArgumentException("no job " + id);
        }
        job.advance(nowMs, taker);
        if (job.state.finished())
        {
            throw new IllegalStateException(
                "job " + id + " is " + job.state.name().toLowerCase(Locale.ROOT) + " already");
        }
        job.state = requested;
        job.lastMs = nowMs;
        if (requested == JobState.CANCELLED)
        {
            job.finishedMs = nowMs;
        }
        return job.info();
    }

    private void forgetOld()
    {
        int finished = 0;
        for (final Job job : jobs.values())
        {
            finished += job.state.finished() ? 1 : 0;
        }
        final int excess = finished - KEEP_FINISHED;
        if (excess > 0)
        {
            final List<Long> old = new ArrayList<>();
            for (final Job job : jobs.values())
            {
                if (job.state.finished() && old.size() < excess)
                {
                    old.add(job.id);
                }
            }
            old.forEach(jobs::remove);
        }
    }

    /**
     * One fake job and its progress.
     */
    static final class Job
    {
        final long id;
        final JobRequest request;
        final List<String> ids;
        final long startedMs;
        final boolean synthetic;
        String trashBatch = "";
        JobState state = JobState.RUNNING;
        long total;
        long processed;
        long skipped;
        long finishedMs;
        long lastMs;
        double budget;
        int cursor;

        Job(final long id, final JobRequest request, final List<String> ids, final long startedMs,
            final boolean synthetic)
        {
            this.id = id;
            this.request = request;
            this.ids = List.copyOf(ids);
            this.startedMs = startedMs;
            this.synthetic = synthetic;
            this.total = ids.size();
            this.lastMs = startedMs;
        }

        void advance(final long nowMs, final Taker taker)
        {
            if (state != JobState.RUNNING)
            {
                return;
            }
            long allowed = Long.MAX_VALUE;
            if (request.ratePerSec() > 0)
            {
                budget = Math.min(budget + request.ratePerSec() * (nowMs - lastMs) / 1000.0,
                    Math.max(request.ratePerSec(), 1) * 60.0);
                allowed = (long)budget;
            }
            lastMs = nowMs;
            long done = 0;
            while (done < allowed && processed + skipped < total)
            {
                if (synthetic)
                {
                    processed++;
                }
                else if (taker.take(this, ids.get(cursor++)))
                {
                    processed++;
                }
                else
                {
                    skipped++;
                }
                done++;
            }
            budget -= request.ratePerSec() > 0 ? done : 0;
            if (processed + skipped >= total)
            {
                state = JobState.DONE;
                finishedMs = nowMs;
            }
        }

        JobInfo info()
        {
            return new JobInfo(id, request.kind(), request.queue(), request.target(),
                request.byIds() ? "" : request.selector(), state, total, processed, skipped, request.ratePerSec(),
                startedMs, finishedMs);
        }
    }
}
