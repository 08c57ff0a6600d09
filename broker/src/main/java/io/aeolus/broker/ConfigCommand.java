package io.aeolus.broker;

import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.engine.routing.RoutingConfig;
import io.aeolus.broker.security.AccessPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code config check FILE}: validates every option of a broker config file as the broker would at start, without
 * starting one (no port, no driver, no journal is touched). Every bad option is reported, not only the first: a
 * failed check names an option, which is then left out and the rest checked again.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Broker config files.",
    subcommands = ConfigCommand.Check.class)
public final class ConfigCommand implements Callable<Integer>
{
    private static final Pattern ROUTING_RULE = Pattern.compile("routing rule '([^']+)'");
    private static final String ROUTE_PREFIX = "aeolus.route.";

    /**
     * Without a subcommand: explains the subcommands.
     *
     * @return 2, a usage error.
     */
    public Integer call()
    {
        System.err.println("usage: config check FILE (see config --help)");
        return 2;
    }

    /**
     * Checks a config file.
     *
     * @param file the config file.
     * @return one line per problem, each naming the option; empty when the broker would accept the file.
     * @throws IOException if the file cannot be read.
     */
    public static List<String> check(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        catch (final IllegalArgumentException ex)
        {
            return List.of("cannot read: " + ex.getMessage());
        }
        final TreeMap<String, String> options = new TreeMap<>();
        for (final String name : properties.stringPropertyNames())
        {
            options.put(name, properties.getProperty(name));
        }
        final List<BrokerExtension> extensions = BrokerExtension.installed();
        final List<String> problems = new ArrayList<>();
        for (final String name : new ArrayList<>(options.keySet()))
        {
            if (null == BrokerConfiguration.byPropertyName(name) &&
                !name.startsWith(DestinationPolicies.KEY_PREFIX) && !name.startsWith(AccessPolicy.KEY_PREFIX) &&
                !RoutingConfig.isRoutingKey(name) && !BrokerExtension.claims(extensions, name))
            {
                problems.add(name + ": unknown option");
                options.remove(name);
            }
        }
        problems.addAll(checkExtensions(extensions, options));
        // Each round either passes or names (at least) one option, which is then left out: at most one round more
        // than there are options.
        for (int round = 0; round <= properties.size(); round++)
        {
            final String problem = conclude(options);
            if (null == problem)
            {
                break;
            }
            final String culprit = culprit(problem, options);
            problems.add(null == culprit || problem.startsWith(culprit) ? problem : culprit + ": " + problem);
            if (null != culprit)
            {
                options.remove(culprit);
            }
            else if (!removeRule(problem, options))
            {
                break;
            }
        }
        return problems;
    }

    /**
     * Validates the options of each extension (the JMS bridge's) as the broker does, and takes them out of the
     * options the context checks (which does not know them).
     */
    private static List<String> checkExtensions(final List<BrokerExtension> extensions,
        final TreeMap<String, String> options)
    {
        final List<String> problems = new ArrayList<>();
        for (final BrokerExtension extension : extensions)
        {
            final TreeMap<String, String> own = new TreeMap<>();
            for (final String name : new ArrayList<>(options.keySet()))
            {
                if (name.startsWith(extension.optionPrefix()))
                {
                    own.put(name, options.remove(name));
                }
            }
            try
            {
                extension.validate(own);
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(ex.getMessage());
            }
        }
        return problems;
    }

    private static String conclude(final TreeMap<String, String> options)
    {
        final Broker.Context ctx = new Broker.Context();
        for (final var option : options.entrySet())
        {
            final String name = option.getKey();
            final BrokerConfiguration known = BrokerConfiguration.byPropertyName(name);
            if (null != known)
            {
                ctx.set(known, option.getValue());
            }
            else if (RoutingConfig.isRoutingKey(name))
            {
                ctx.routingSetting(name, option.getValue());
            }
            else
            {
                // The context rebuilds prefix + first + "." + rest, the key as it was in the file.
                final String prefix = name.startsWith(DestinationPolicies.KEY_PREFIX) ?
                    DestinationPolicies.KEY_PREFIX : AccessPolicy.KEY_PREFIX;
                final String rest = name.substring(prefix.length());
                final int dot = rest.indexOf('.');
                if (dot <= 0)
                {
                    return name + ": expected " + prefix + "<name>.<setting>";
                }
                if (DestinationPolicies.KEY_PREFIX.equals(prefix))
                {
                    ctx.destinationSetting(rest.substring(0, dot), rest.substring(dot + 1), option.getValue());
                }
                else
                {
                    ctx.securityRole(rest.substring(0, dot), rest.substring(dot + 1), option.getValue());
                }
            }
        }
        try
        {
            ctx.conclude();
            return null;
        }
        catch (final RuntimeException ex)
        {
            return null == ex.getMessage() ? ex.toString() : ex.getMessage();
        }
    }

    /**
     * A routing rule's problem names the rule ({@code routing rule 'r': ...}), not always one of its keys: leave out
     * every key of that rule, so that the other rules are checked too.
     *
     * @return whether a key was left out.
     */
    private static boolean removeRule(final String problem, final TreeMap<String, String> options)
    {
        final Matcher matcher = ROUTING_RULE.matcher(problem);
        if (!matcher.find())
        {
            return false;
        }
        final String prefix = ROUTE_PREFIX + matcher.group(1) + ".";
        return options.keySet().removeIf((name) -> name.startsWith(prefix));
    }

    private static String culprit(final String problem, final TreeMap<String, String> options)
    {
        String culprit = null;
        for (final String name : options.keySet())
        {
            if (problem.contains(name) && (null == culprit || name.length() > culprit.length()))
            {
                culprit = name;
            }
        }
        return culprit;
    }

    /**
     * {@code config check FILE}.
     */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate every option of a broker " +
        "config file without starting a broker; exit code 1 if any is wrong.")
    static final class Check implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "FILE", description = "the config file (properties)")
        Path file;

        @Option(names = "--json", description = "print the result as JSON")
        boolean json;

        /**
         * {@inheritDoc}
         */
        public Integer call()
        {
            final PrintStream out = System.out;
            final List<String> problems;
            try
            {
                // The plugins the broker would load with this file, so that their options (the bridge's) are known.
                Plugins.install(file);
                problems = check(file);
            }
            catch (final IllegalArgumentException | UncheckedIOException ex)
            {
                System.err.println("config check: " + ex.getMessage());
                return 1;
            }
            catch (final IOException ex)
            {
                System.err.println("config check: cannot read " + file + ": " + ex);
                return 1;
            }
            if (json)
            {
                final StringBuilder text = new StringBuilder("{\"file\":").append(quote(file.toString()))
                    .append(",\"valid\":").append(problems.isEmpty()).append(",\"problems\":[");
                for (int i = 0; i < problems.size(); i++)
                {
                    text.append(i > 0 ? "," : "").append(quote(problems.get(i)));
                }
                out.println(text.append("]}"));
            }
            else if (problems.isEmpty())
            {
                out.println(file + ": OK");
            }
            else
            {
                problems.forEach((problem) -> out.println(file + ": " + problem));
            }
            return problems.isEmpty() ? 0 : 1;
        }

        private static String quote(final String text)
        {
            final StringBuilder out = new StringBuilder("\"");
            for (final char c : text.toCharArray())
            {
                if (c == '"' || c == '\\')
                {
                    out.append('\\').append(c);
                }
                else if (c < 0x20)
                {
                    out.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
