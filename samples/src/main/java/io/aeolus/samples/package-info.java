/**
 * Runnable samples of the classic messaging use cases, one picocli subcommand each, run from the samples jar
 * ({@code java -jar samples/target/aeolus-samples.jar <sample>}). Each sample uses only the jakarta.jms API and
 * reads as a guide to its pattern; {@link io.aeolus.samples.SampleBroker} is the one place that knows how to
 * start an embedded broker when no {@code --url} is given (the demo embeds one itself).
 */
package io.aeolus.samples;
