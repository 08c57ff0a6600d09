/**
 * The broker process and its embeddable form: launches the media driver, the conductor and the journal, and owns
 * their configuration.
 */
package io.aeolus.broker;
