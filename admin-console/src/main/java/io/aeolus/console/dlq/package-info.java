/**
 * The Dead letters tab: the messages of a chosen dead-letter queue with their original destination, reason,
 * time and delivery count; retry of chosen or all messages after confirmation, with progress; triage, which groups
 * the messages by cause with a histogram per group and retries one cause as a job; and bulk operations as jobs.
 */
package io.aeolus.console.dlq;
