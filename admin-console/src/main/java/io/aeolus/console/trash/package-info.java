/**
 * The Trash tab: what the broker's trash holds (messages an administrator purged or deleted, kept for the broker's
 * retention), by the request that removed it, and restoring a batch to the queue it came from; also the undo a purge
 * notification offers.
 */
package io.aeolus.console.trash;
