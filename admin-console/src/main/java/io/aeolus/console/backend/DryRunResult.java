package io.aeolus.console.backend;

/**
 * What a job would take, counted without changing anything; immutable.
 *
 * @param matched  messages in memory the job would take.
 * @param skipped  of those, messages it would pass over (dead letters that do not say where they came from).
 * @param pagedOut messages of the queue paged out to the journal; a job takes those it selects as they page in.
 */
public record DryRunResult(long matched, long skipped, long pagedOut)
{
}
