package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

/**
 * The {@code settings}, {@code set} and {@code reset} commands of {@code aeolus queue} and {@code aeolus topic}: a
 * destination's own settings (those it was given at creation with {@code --set}, or since), over the broker's.
 * Each prints the settings in force afterwards, with {@code overridden} true for the destination's own.
 */
final class SettingsCommands
{
    private SettingsCommands()
    {
    }

    /**
     * {@code settings NAME}: the settings in force.
     */
    abstract static class Show extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the destination's name")
        String name;

        abstract boolean topic();

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.destinationSettings(name, topic()), "name", "value", "overridden");
            return 0;
        }
    }

    /**
     * {@code set NAME --set name=value...}: gives the destination settings of its own, applied at once.
     */
    abstract static class Set extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the destination's name")
        String name;

        @Option(names = "--set", paramLabel = "SETTING=VALUE", required = true, description = "a setting, e.g. " +
            "max.delivery.attempts=3 or memory.limit=16m (repeatable)")
        Map<String, String> settings;

        abstract boolean topic();

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.setDestinationSettings(name, topic(), settings), "name", "value", "overridden");
            return 0;
        }
    }

    /**
     * {@code reset NAME [--setting name...]}: takes the destination's own settings back.
     */
    abstract static class Reset extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "the destination's name")
        String name;

        @Option(names = "--setting", paramLabel = "SETTING", description = "only this setting (repeatable; " +
            "default all)")
        List<String> only;

        abstract boolean topic();

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(admin.resetDestinationSettings(name, topic(), null == only ? List.of() : only), "name",
                "value", "overridden");
            return 0;
        }
    }
}
