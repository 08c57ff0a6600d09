/**
 * The H2 journal: destinations, persistent messages (opaque byte arrays), their references per queue and durable
 * subscription with delivery counts, and durable subscription definitions. {@link io.aeolus.store.H2Journal} writes
 * batches of {@link io.aeolus.store.JournalCommand}s in one transaction with one sync (group commit) and reads them
 * back for recovery and paging; {@link io.aeolus.store.JournalAgent} is the one thread that touches H2 while the
 * broker runs, fed through {@link io.aeolus.store.JournalProxy} and answering with
 * {@link io.aeolus.store.JournalCompletion}s. Knows nothing of JMS or of the wire codecs. Measurements and design
 * choices: store-h2/JOURNAL.md.
 */
package io.aeolus.store;
