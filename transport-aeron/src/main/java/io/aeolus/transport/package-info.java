/**
 * The Aeolus wire protocol and its Aeron plumbing: generated SBE codecs, the broker-side and client-side  *
 * endpoints, chunking of large frames, liveness, and the embedded media driver. Knows nothing of JMS.
 */
package io.aeolus.transport;
