/**
 * Measuring Aeolus: {@code perf} holds aeolus-perf, the JMS-level load tool that drives any Jakarta Messaging
 * provider side by side with ActiveMQ Artemis and bare Aeron, and {@code jmh} the JMH benchmarks of the hot paths.
 * Nothing here is used by the broker or the client; benchmarks never run in the test suite.
 */
package io.aeolus.benchmarks;
