/**
 * Runnable programs for the use cases in the README, using only the jakarta.jms API.
 */
package io.aeolus.samples;
