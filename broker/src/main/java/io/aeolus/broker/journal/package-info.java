/**
 * The engine's one door to durability: every state change that must survive a restart goes through
 * {@link io.aeolus.broker.journal.BrokerJournal}, which hands it to the H2 journal thread and tells the conductor when
 * it is on disk, so that persistent sends are confirmed only then.
 */
package io.aeolus.broker.journal;
