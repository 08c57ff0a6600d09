package io.aeolus.console.backend;

/**
 * What a job would take, counted without changing anything; immutable.
 *
 * @param matched  messages the job would take: by selector, in memory and paged out to the journal; by ids, in
 *                 memory.
 * @param skipped  of those, messages it would pass over (dead letters that do not say where they came from).
 * @param pagedOut by selector, how many of the matched are paged out to the journal; by ids, how many messages of
 *                 the queue are, not counted (a job takes those it names as they page in).
 */
public record DryRunResult(long matched, long skipped, long pagedOut)
{
}
