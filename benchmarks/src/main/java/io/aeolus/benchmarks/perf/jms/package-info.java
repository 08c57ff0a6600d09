/**
 * The workloads on the {@code jakarta.jms} API, and the JMS providers they drive: Aeolus over IPC or UDP (with an
 * in-process broker or an external one), ActiveMQ Artemis in a separate JVM, and any provider through JNDI. The
 * workloads import nothing provider-specific.
 */
package io.aeolus.benchmarks.perf.jms;
