package io.aeolus.store;

import java.util.Objects;

/**
 * A replay of a retained topic into a queue, as the journal keeps it: what it copies and how far it got. The broker
 * writes it when the replay starts and again, in the same atomic group as the copies, after each slice it copies, so
 * that a restart resumes it from exactly where its last committed copy left it.
 *
 * @param id           the replay's id, its key.
 * @param topic        the topic replayed.
 * @param queue        the queue copied into.
 * @param fromMs       the earliest publication time, epoch ms, inclusive.
 * @param toMs         the latest, exclusive.
 * @param startedMs    when it started, epoch ms.
 * @param nextSequence the retention log's sequence of the next message to copy.
 * @param endSequence  the first sequence not to copy.
 * @param total        messages in the range when it started.
 * @param replayed     messages copied so far.
 * @param skipped      messages skipped so far (expired, or dropped from the window before their turn).
 * @param state        {@code running}, {@code done} or {@code failed}.
 * @param problem      why it failed; empty otherwise.
 * @param finishedMs   when it finished, epoch ms; 0 while running.
 */
public record StoredReplay(long id, String topic, String queue, long fromMs, long toMs, long startedMs,
    long nextSequence, long endSequence, long total, long replayed, long skipped, String state, String problem,
    long finishedMs)
{
    /** Longest state text. */
    public static final int MAX_STATE_LENGTH = 16;
    /** Longest problem text kept; longer ones are cut. */
    public static final int MAX_PROBLEM_LENGTH = 4000;

    /**
     * Checks the fields.
     */
    public StoredReplay
    {
        Destination.requireName(topic, "topic");
        Destination.requireName(queue, "queue");
        Objects.requireNonNull(state, "state");
        if (state.isEmpty() || state.length() > MAX_STATE_LENGTH)
        {
            throw new IllegalArgumentException("replay state must be 1 to " + MAX_STATE_LENGTH + " characters: '" +
                state + "'");
        }
        problem = null == problem ? "" : problem.length() > MAX_PROBLEM_LENGTH ?
            problem.substring(0, MAX_PROBLEM_LENGTH) : problem;
        if (id < 1)
        {
            throw new IllegalArgumentException("replay id must be at least 1: " + id);
        }
    }
}
