/**
 * The ActiveMQ Artemis server aeolus-perf measures side by side with Aeolus, run in its own JVM. Compiled only with
 * the Maven profile {@code artemis}, so the normal build does not depend on Artemis.
 */
package io.aeolus.benchmarks.perf.artemis;
