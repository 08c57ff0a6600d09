package io.aeolus.samples;

import io.aeolus.broker.BrokerConfiguration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What every sample shares, mixed into its command: the {@code --url} option and the output it prints to (the
 * command line's, which a test may replace).
 */
public final class SampleOptions
{
    @Option(names = "--url", paramLabel = "URL", description = "connect to a running broker instead of starting " +
        "one, e.g. aeolus:udp://127.0.0.1:5150 or 'aeolus:udp://127.0.0.1:5150?user=admin&password=...'")
    private String url;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    /**
     * @return where the sample prints what happens; safe to call from any thread.
     */
    public PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    /**
     * Connects to {@code --url}, or starts an embedded broker with the given settings.
     *
     * @param settings broker options for an embedded broker.
     * @return the broker, to close at the end.
     */
    public SampleBroker openBroker(final Map<BrokerConfiguration, String> settings)
    {
        return SampleBroker.open(url, out(), settings);
    }

    /**
     * Connects to {@code --url}, or starts an embedded broker with the given per-destination settings.
     *
     * @param destinationSettings per destination name, a setting and its value (a broker at {@code --url} needs
     *                            them in its config file).
     * @return the broker, to close at the end.
     */
    public SampleBroker openBrokerWith(final Map<String, Map<String, String>> destinationSettings)
    {
        return SampleBroker.open(url, out(), Map.of(), destinationSettings);
    }

    /**
     * Connects to {@code --url}, or starts an embedded broker on its defaults.
     *
     * @return the broker, to close at the end.
     */
    public SampleBroker openBroker()
    {
        return openBroker(Map.of());
    }
}
