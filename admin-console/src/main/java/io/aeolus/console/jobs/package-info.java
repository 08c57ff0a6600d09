/**
 * Bulk operations as broker-side jobs: the dialog that chooses retry, move or purge, a selector or the selected
 * messages and a rate, counts with a dry run and starts the job; and the Jobs tab, which polls the broker's jobs
 * (whichever console started them) while any runs and pauses, resumes or cancels them.
 */
package io.aeolus.console.jobs;
