package io.aeolus.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the samples jar: {@code java -jar samples/target/aeolus-samples.jar <sample> [options]}.
 */
@Command(name = "aeolus-samples", mixinStandardHelpOptions = true, version = "Aeolus samples 0.1.0",
    description = "Runnable Aeolus samples.",
    subcommands = {Demo.class, Orders.class, Payments.class, Ticker.class, Iot.class, EmailRouting.class,
        RequestReply.class, LowLatency.class, Delayed.class, Replay.class})
public final class Samples implements Runnable
{
    /**
     * Runs the chosen sample.
     *
     * @param args the sample's name and options.
     */
    public static void main(final String[] args)
    {
        final int exitCode = new CommandLine(new Samples()).execute(args);
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    /**
     * Without a sample name, prints the usage.
     */
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }
}
