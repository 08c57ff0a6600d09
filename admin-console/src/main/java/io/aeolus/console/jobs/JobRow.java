package io.aeolus.console.jobs;

import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One row of the Jobs table; keeps its identity across polls so the table keeps its selection and only changed cells
 * repaint. FX thread only.
 */
public final class JobRow
{
    private final long id;
    private final JobKind kind;
    private final String queue;
    private final String target;
    private final String selector;
    private final long ratePerSec;
    private final long startedMs;
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>(this, "state");
    private final LongProperty total = new SimpleLongProperty(this, "total");
    private final LongProperty processed = new SimpleLongProperty(this, "processed");
    private final LongProperty skipped = new SimpleLongProperty(this, "skipped");
    private final LongProperty finishedMs = new SimpleLongProperty(this, "finishedMs");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private JobInfo info;

    /**
     * Creates a row from the job as first seen.
     *
     * @param info the job.
     */
    public JobRow(final JobInfo info)
    {
        id = info.id();
        kind = info.kind();
        queue = info.queue();
        target = info.target();
        selector = info.selector();
        ratePerSec = info.ratePerSec();
        startedMs = info.startedMs();
        update(info);
    }

    /**
     * Copies the job's figures into the properties; FX thread.
     *
     * @param newInfo the same job, as the broker reports it now.
     */
    public void update(final JobInfo newInfo)
    {
        info = newInfo;
        state.set(newInfo.state());
        total.set(newInfo.total());
        processed.set(newInfo.processed());
        skipped.set(newInfo.skipped());
        finishedMs.set(newInfo.finishedMs());
        progress.set(newInfo.fractionDone());
    }

    /**
     * The job as last reported.
     *
     * @return the record.
     */
    public JobInfo info()
    {
        return info;
    }

    /**
     * The broker's id of the job.
     *
     * @return the id.
     */
    public long id()
    {
        return id;
    }

    /**
     * What the job does.
     *
     * @return the kind.
     */
    public JobKind kind()
    {
        return kind;
    }

    /**
     * The queue it takes messages from.
     *
     * @return the name.
     */
    public String queue()
    {
        return queue;
    }

    /**
     * Where a move puts them.
     *
     * @return the name, empty for the other kinds.
     */
    public String target()
    {
        return target;
    }

    /**
     * The selector that chose the messages.
     *
     * @return the selector, empty if none or chosen by id.
     */
    public String selector()
    {
        return selector;
    }

    /**
     * Its rate limit.
     *
     * @return messages per second, 0 for none.
     */
    public long ratePerSec()
    {
        return ratePerSec;
    }

    /**
     * When it started.
     *
     * @return epoch milliseconds.
     */
    public long startedMs()
    {
        return startedMs;
    }

    /**
     * Running, paused, cancelled or done.
     *
     * @return the property.
     */
    public ReadOnlyObjectProperty<JobState> stateProperty()
    {
        return state;
    }

    /**
     * Messages chosen so far.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty totalProperty()
    {
        return total;
    }

    /**
     * Messages moved or removed.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty processedProperty()
    {
        return processed;
    }

    /**
     * Messages passed over.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty skippedProperty()
    {
        return skipped;
    }

    /**
     * When it ended.
     *
     * @return the property, 0 while it runs.
     */
    public ReadOnlyLongProperty finishedMsProperty()
    {
        return finishedMs;
    }

    /**
     * Share handled, in [0, 1].
     *
     * @return the property.
     */
    public ReadOnlyDoubleProperty progressProperty()
    {
        return progress;
    }
}
