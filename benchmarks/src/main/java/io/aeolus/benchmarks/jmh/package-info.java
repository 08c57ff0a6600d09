/**
 * JMH benchmarks of the hot paths: SBE codecs, the client's message encode and decode, selector evaluation, and one
 * message through an in-process broker. Run with {@code java -cp aeolus-perf.jar org.openjdk.jmh.Main}.
 */
package io.aeolus.benchmarks.jmh;
