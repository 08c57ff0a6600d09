package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One replay of a retained topic into a queue, with its progress.
 *
 * @param id         the replay's id.
 * @param topic      the topic replayed.
 * @param queue      the queue it copies into.
 * @param fromMs     the earliest publication time replayed, epoch ms, inclusive.
 * @param toMs       the latest, exclusive.
 * @param state      {@code running}, {@code done} or {@code failed}.
 * @param total      messages in the range when it started.
 * @param replayed   messages copied so far.
 * @param skipped    messages not copied: expired, or dropped from the window before their turn.
 * @param startedMs  when it started, epoch ms.
 * @param finishedMs when it finished, epoch ms; 0 while it runs.
 * @param problem    why it failed; empty otherwise.
 */
public record ReplayInfo(long id, String topic, String queue, long fromMs, long toMs, String state, long total,
    long replayed, long skipped, long startedMs, long finishedMs, String problem)
{
    private static final String ID = "id";
    private static final String TOPIC = "topic";
    private static final String QUEUE = "queue";
    private static final String FROM_MS = "fromMs";
    private static final String TO_MS = "toMs";
    private static final String STATE = "state";
    private static final String TOTAL = "total";
    private static final String REPLAYED = "replayed";
    private static final String SKIPPED = "skipped";
    private static final String STARTED_MS = "startedMs";
    private static final String FINISHED_MS = "finishedMs";
    private static final String PROBLEM = "problem";

    /**
     * Checks that the texts are present.
     */
    public ReplayInfo
    {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * @return true once the replay has copied all it will.
     */
    public boolean isFinished()
    {
        return !"running".equals(state);
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + ID, id);
        out.put(prefix + TOPIC, topic);
        out.put(prefix + QUEUE, queue);
        out.put(prefix + FROM_MS, fromMs);
        out.put(prefix + TO_MS, toMs);
        out.put(prefix + STATE, state);
        out.put(prefix + TOTAL, total);
        out.put(prefix + REPLAYED, replayed);
        out.put(prefix + SKIPPED, skipped);
        out.put(prefix + STARTED_MS, startedMs);
        out.put(prefix + FINISHED_MS, finishedMs);
        out.put(prefix + PROBLEM, problem);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the row written there.
     */
    public static ReplayInfo read(final Map<String, Object> in, final String prefix)
    {
        return new ReplayInfo(Reply.longValue(in, prefix + ID), Reply.string(in, prefix + TOPIC),
            Reply.string(in, prefix + QUEUE), Reply.longValue(in, prefix + FROM_MS),
            Reply.longValue(in, prefix + TO_MS), Reply.string(in, prefix + STATE),
            Reply.longValue(in, prefix + TOTAL), Reply.longValue(in, prefix + REPLAYED),
            Reply.longValue(in, prefix + SKIPPED), Reply.longValue(in, prefix + STARTED_MS),
            Reply.longValue(in, prefix + FINISHED_MS), Reply.string(in, prefix + PROBLEM));
    }
}
