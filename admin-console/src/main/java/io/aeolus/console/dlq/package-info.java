/**
 * The Dead letters tab: the messages of a chosen dead-letter queue with their original destination, reason,
 * time and delivery count, and retry of chosen or all messages after confirmation, with progress.
 */
package io.aeolus.console.dlq;
