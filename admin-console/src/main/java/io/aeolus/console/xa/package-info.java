/**
 * The XA branches tab: the XA branches the broker holds (Xid, state, age, held sends and acknowledgements), and an
 * administrator's heuristic commit or rollback of a prepared branch whose transaction manager never returned.
 */
package io.aeolus.console.xa;
