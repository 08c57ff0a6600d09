/**
 * The JMS-level load tool and JMH benchmarks.
 */
package io.aeolus.benchmarks;
