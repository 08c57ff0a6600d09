package io.aeolus.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that only groups subcommands ({@code queue}, {@code topic}, ...): without one it is a usage error
 * naming the subcommands.
 */
abstract class GroupCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        throw new CliException(AeolusCli.USAGE, "a subcommand is needed: " +
            String.join(", ", spec.subcommands().keySet()) + " (see " + spec.qualifiedName() + " --help)");
    }
}
