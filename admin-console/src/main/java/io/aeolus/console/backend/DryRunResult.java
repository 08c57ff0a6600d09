package io.aeolus.console.backend;

/**
 * What a job would take, counted without changing anything; immutable.
 *
 * @param matched  messages the job would take, by selector or by ids, in memory and paged out to the journal.
 * @param skipped  of those, messages it would pass over (dead letters that do not say where they came from).
 * @param pagedOut how many of the matched are paged out to the journal (the job reads them from there).
 */
public record DryRunResult(long matched, long skipped, long pagedOut)
{
}
