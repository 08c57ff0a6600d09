/**
 * Runnable programs for the use cases in the README, using only the jakarta.jms API (the demo also embeds a
 * broker).
 */
package io.aeolus.samples;
