package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.JMSException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The frame of a command that talks to a running broker: connect, run, print, close; failures become one line and
 * an exit code ({@link Failures}).
 */
abstract class RemoteCommand implements Callable<Integer>
{
    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        validate();
        try (BrokerOptions.Session session = broker.open())
        {
            return run(session.admin(), new Output(spec.commandLine().getOut(), broker.json));
        }
        catch (final JMSException ex)
        {
            throw Failures.of(ex);
        }
    }

    /**
     * Checks the arguments before connecting; throws {@link CliException} with {@link AeolusCli#USAGE}.
     */
    void validate()
    {
    }

    abstract int run(AdminClient admin, Output output) throws JMSException;

    static CliException usage(final String message)
    {
        return new CliException(AeolusCli.USAGE, message);
    }
}
