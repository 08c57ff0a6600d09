package io.aeolus.broker.security;

import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramCredential;
import org.agrona.concurrent.SystemEpochClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code aeolus-broker user ...}: adds, removes and changes the users of the users file, which keeps SCRAM-SHA-256
 * credentials and never a password. Passwords are read from {@code --password-file} or standard input (the
 * terminal, without echo, asking twice), never from the command line, where other users could see them. The
 * users file is found as the broker finds it ({@code --users-file}, else {@code --config} and {@code --data-dir} as
 * the broker is started); a running broker reloads it within a second. The command refuses to create a users file
 * in the default data directory {@code ./aeolus-data} when none is there (it would not be the broker's), and warns
 * of roles that the config file grants nothing.
 * <pre>
 * java -jar aeolus-broker.jar user add alice --roles admin,app        # asks for the password
 * java -jar aeolus-broker.jar user add svc --roles app --password-file /run/secrets/svc
 * java -jar aeolus-broker.jar user roles alice app
 * java -jar aeolus-broker.jar user passwd alice
 * java -jar aeolus-broker.jar user remove alice
 * java -jar aeolus-broker.jar user list
 * </pre>
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Manage broker users (the users file, found as the broker finds it: give --config and " +
        "--data-dir as the broker has them; a running broker reloads the file within a second).",
    subcommands = {
        UserCommand.Add.class, UserCommand.Remove.class, UserCommand.Roles.class, UserCommand.Passwd.class,
        UserCommand.ListUsers.class})
public final class UserCommand implements Callable<Integer>
{
    /** Shortest password accepted unless {@code aeolus.broker.security.min.password.length} says otherwise. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** The option that sets the shortest password the command accepts. */
    public static final String MIN_PASSWORD_LENGTH_PROP_NAME = "aeolus.broker.security.min.password.length";

    /**
     * Without a subcommand: explains the subcommands.
     *
     * @return 2, a usage error.
     */
    public Integer call()
    {
        System.err.println("usage: user add|remove|roles|passwd|list ... (see user --help)");
        return 2;
    }

    /**
     * Where the users file is: {@code --users-file}, else the option {@code aeolus.broker.security.users.file}, else
     * {@code users} in the data directory ({@code --data-dir} or {@code aeolus.broker.data.dir}); options come from a
     * system property, then the {@code --config} file.
     */
    static final class Location
    {
        @Option(names = "--users-file", description = "the users file (default: users in the data directory)")
        Path usersFile;

        @Option(names = {"-d", "--data-dir"}, description = "the broker's data directory (default ./aeolus-data)")
        Path dataDirectory;

        @Option(names = {"-c", "--config"}, description = "the broker's config file, for the paths and iterations")
        Path configFile;

        private Properties config;

        Path usersFile()
        {
            if (null != usersFile)
            {
                return usersFile;
            }
            final String configured = option("aeolus.broker.security.users.file", "");
            return configured.isBlank() ? dataDirectory().resolve(UsersFile.DEFAULT_NAME) : Path.of(configured);
        }

        /**
         * The users file to create or change: refuses to create one in the default data directory, where a
         * command run from another working directory than the broker's would write a file the broker never reads.
         */
        Path usersFileToWrite()
        {
            final Path file = usersFile();
            final boolean named = null != usersFile || null != dataDirectory ||
                !option("aeolus.broker.security.users.file", "").isBlank() ||
                !option("aeolus.broker.data.dir", "").isBlank();
            if (!named && !Files.exists(file))
            {
                throw new IllegalArgumentException("no users file at " + file.toAbsolutePath().normalize() +
                    " (the default data directory): name the broker's with --data-dir or --config, as the broker " +
                    "is started, or --users-file");
            }
            return file;
        }

        /**
         * @param roles roles given to a user.
         * @return one warning per role, other than {@code admin}, that the config grants nothing.
         */
        List<String> roleWarnings(final Set<String> roles)
        {
            final List<String> warnings = new ArrayList<>();
            for (final String role : roles)
            {
                if (!AccessPolicy.ADMIN_ROLE.equals(role) && !isRoleDefined(role))
                {
                    warnings.add("warning: role '" + role + "' grants nothing: " + (null == configFile ?
                        "no --config given, and no system property " : configFile + " has no ") +
                        AccessPolicy.KEY_PREFIX + role + ".<permission> (see the README, Authorization)");
                }
            }
            return warnings;
        }

        private boolean isRoleDefined(final String role)
        {
            final String prefix = AccessPolicy.KEY_PREFIX + role + ".";
            for (final Properties source : new Properties[]{config(), System.getProperties()})
            {
                for (final String key : source.stringPropertyNames())
                {
                    if (key.startsWith(prefix))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        Path auditFile()
        {
            final String configured = option("aeolus.broker.security.audit.file", "");
            return configured.isBlank() ? dataDirectory().resolve("audit.log") : Path.of(configured);
        }

        int iterations()
        {
            final String text = option("aeolus.broker.security.iterations", Integer.toString(Scram.DEFAULT_ITERATIONS));
            try
            {
                return Integer.parseInt(text.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("aeolus.broker.security.iterations: not a number: '" + text + "'",
                    ex);
            }
        }

        /**
         * @return the shortest password accepted: {@value #MIN_PASSWORD_LENGTH_PROP_NAME}, default
         *         {@value #MIN_PASSWORD_LENGTH}; test environments and legacy suites may need shorter ones.
         */
        int minPasswordLength()
        {
            final String text = option(MIN_PASSWORD_LENGTH_PROP_NAME, Integer.toString(MIN_PASSWORD_LENGTH));
            final int length;
            try
            {
                length = Integer.parseInt(text.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(MIN_PASSWORD_LENGTH_PROP_NAME + ": not a number: '" + text + "'",
                    ex);
            }
            if (length < 1 || length > 1024)
            {
                throw new IllegalArgumentException(
                    MIN_PASSWORD_LENGTH_PROP_NAME + ": must be 1 to 1024, got " + length);
            }
            return length;
        }

        private Path dataDirectory()
        {
            return null != dataDirectory ? dataDirectory : Path.of(option("aeolus.broker.data.dir", "aeolus-data"));
        }

        private String option(final String name, final String defaultValue)
        {
            final String property = System.getProperty(name);
            return null != property ? property : config().getProperty(name, defaultValue);
        }

        private Properties config()
        {
            if (null == config)
            {
                config = new Properties();
                if (null != configFile)
                {
                    try (InputStream in = Files.newInputStream(configFile))
                    {
                        config.load(in);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException("cannot read config file " + configFile, ex);
                    }
                }
            }
            return config;
        }
    }

    /**
     * Where a new password comes from.
     */
    static final class PasswordSource
    {
        @Option(names = "--password-file", description = "read the password from the first line of this file " +
            "(default: standard input)")
        Path passwordFile;

        String read(final String user, final int minLength)
        {
            final String password;
            if (null != passwordFile)
            {
                password = firstLine(passwordFile);
            }
            else
            {
                final Console console = System.console();
                password = null != console ? fromConsole(console, user) : fromStdin();
            }
            if (null == password || password.isEmpty() || password.length() < minLength)
            {
                throw new IllegalArgumentException("the password must have at least " + minLength + " characters (" +
                    MIN_PASSWORD_LENGTH_PROP_NAME + ")");
            }
            return password;
        }

        private static String firstLine(final Path file)
        {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                return in.readLine();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read password file " + file, ex);
            }
        }

        private static String fromConsole(final Console console, final String user)
        {
            final char[] first = console.readPassword("Password for %s: ", user);
            final char[] second = console.readPassword("Again: ");
            try
            {
                if (null == first || !Arrays.equals(first, second))
                {
                    throw new IllegalArgumentException("the passwords do not match");
                }
                return new String(first);
            }
            finally
            {
                if (null != first)
                {
                    Arrays.fill(first, '\0');
                }
                if (null != second)
                {
                    Arrays.fill(second, '\0');
                }
            }
        }

        private static String fromStdin()
        {
            try
            {
                return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the password from standard input", ex);
            }
        }
    }

    /**
     * The common frame of a subcommand: report errors on stderr, return 1.
     */
    abstract static class Change implements Callable<Integer>
    {
        static final String APPLIED = "; a running broker that uses this file applies it within a second";

        @Mixin
        Location location;

        static Path absolute(final Path file)
        {
            return file.toAbsolutePath().normalize();
        }

        public Integer call()
        {
            try
            {
                run();
                return 0;
            }
            catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException ex)
            {
                System.err.println("aeolus-broker user: " + ex.getMessage());
                return 1;
            }
        }

        abstract void run();

        void audit(final String user, final String operation, final String detail)
        {
            final AuditLog audit = new AuditLog(location.auditFile(), SystemEpochClock.INSTANCE,
                ex -> System.err.println("aeolus-broker user: " + ex.getMessage()));
            audit.userChanged(user, operation, detail);
            audit.close();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static final class Add extends Change
    {
        @Parameters(index = "0", description = "the user name")
        String name;

        @Option(names = "--roles", description = "roles, comma-separated", defaultValue = "")
        String roles;

        @Option(names = "--iterations", description = "PBKDF2 iterations (default 600000, at least 4096)")
        Integer iterations;

        @Mixin
        PasswordSource passwordSource;

        void run()
        {
            UserAccount.checkUserName(name);
            final Set<String> roleSet = UserAccount.parseRoles(roles);
            final UsersFile users = UsersFile.loadOrCreate(location.usersFileToWrite());
            if (users.users().containsKey(name))
            {
                throw new IllegalArgumentException("user '" + name + "' exists; use 'user passwd' or 'user roles'");
            }
            final String password = passwordSource.read(name, location.minPasswordLength());
            final int count = null != iterations ? iterations : location.iterations();
            users.put(new UserAccount(name, ScramCredential.derive(password, count), roleSet));
            users.save();
            audit(name, "user.add", "roles=" + String.join(",", roleSet));
            System.out.println("user '" + name + "' added to " + absolute(users.file()) + " with roles " +
                roleSet + APPLIED);
            location.roleWarnings(roleSet).forEach(System.err::println);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
    static final class Remove extends Change
    {
        @Parameters(index = "0", description = "the user name")
        String name;

        void run()
        {
            final UsersFile users = UsersFile.load(location.usersFile());
            if (!users.remove(name))
            {
                throw new IllegalArgumentException("no user '" + name + "' in " + users.file());
            }
            users.save();
            audit(name, "user.remove", null);
            System.out.println("user '" + name + "' removed from " + absolute(users.file()) + APPLIED);
        }
    }

    @Command(name = "roles", mixinStandardHelpOptions = true, description = "Set a user's roles.")
    static final class Roles extends Change
    {
        @Parameters(index = "0", description = "the user name")
        String name;

        @Parameters(index = "1", description = "roles, comma-separated (empty for none)", defaultValue = "")
        String roles;

        void run()
        {
            final UsersFile users = UsersFile.load(location.usersFile());
            final UserAccount account = users.users().get(name);
            if (null == account)
            {
                throw new IllegalArgumentException("no user '" + name + "' in " + users.file());
            }
            final Set<String> roleSet = UserAccount.parseRoles(roles);
            users.put(new UserAccount(name, account.credential(), roleSet));
            users.save();
            audit(name, "user.roles", "roles=" + String.join(",", roleSet));
            System.out.println("user '" + name + "' now has roles " + roleSet + " in " + absolute(users.file()) +
                APPLIED);
            location.roleWarnings(roleSet).forEach(System.err::println);
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Change a user's password.")
    static final class Passwd extends Change
    {
        @Parameters(index = "0", description = "the user name")
        String name;

        @Option(names = "--iterations", description = "PBKDF2 iterations (default 600000, at least 4096)")
        Integer iterations;

        @Mixin
        PasswordSource passwordSource;

        void run()
        {
            final UsersFile users = UsersFile.load(location.usersFile());
            final UserAccount account = users.users().get(name);
            if (null == account)
            {
                throw new IllegalArgumentException("no user '" + name + "' in " + users.file());
            }
            final String password = passwordSource.read(name, location.minPasswordLength());
            final int count = null != iterations ? iterations : location.iterations();
            users.put(new UserAccount(name, ScramCredential.derive(password, count), account.roles()));
            users.save();
            audit(name, "user.passwd", null);
            System.out.println("password of '" + name + "' changed in " + absolute(users.file()) + APPLIED);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their roles.")
    static final class ListUsers extends Change
    {
        void run()
        {
            final UsersFile users = UsersFile.load(location.usersFile());
            for (final UserAccount account : users.users().values())
            {
                System.out.println(account.name() + " roles=" + String.join(",", account.roles()) +
                    " iterations=" + account.credential().iterations());
            }
        }
    }
}
