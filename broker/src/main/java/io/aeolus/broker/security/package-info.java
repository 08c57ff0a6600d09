/**
 * Who may connect and what they may do. Authentication happens in the Connect handshake (SCRAM-SHA-256 against
 * stored credentials, or PLAIN where enabled for login modules such as JAAS that need the clear password), with
 * growing answer delays after failures; authorisation checks a principal's roles against permissions per
 * destination pattern, cached per role set. Both record to an append-only audit log written by a background
 * thread. Conductor-thread classes here never block: files, JAAS and slow password hashes run on the security
 * thread, reached through Agrona queues. Also the limits that protect the broker from abuse, and the users file.
 */
package io.aeolus.broker.security;
