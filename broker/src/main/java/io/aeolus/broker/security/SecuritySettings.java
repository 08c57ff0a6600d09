package io.aeolus.broker.security;

import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The broker's security options, resolved from its context. Immutable; thread-safe.
 *
 * @param mode              {@link SecurityMode#ON} or {@link SecurityMode#DEV}.
 * @param usersFile         the users file.
 * @param auditFile         the audit log.
 * @param mechanisms        the mechanisms clients may use.
 * @param loginModule       {@code file}, {@code jaas} or a class name.
 * @param jaasEntry         the JAAS login configuration entry for {@code jaas}.
 * @param iterations        PBKDF2 iterations for passwords stored from now on (the generated admin's).
 * @param failureDelayNs    the answer delay after a second failed login.
 * @param maxFailureDelayNs the longest answer delay.
 * @param policy            roles and permissions.
 * @param limits            limits against abuse.
 * @param minPasswordLength the shortest password that the user command and management accept.
 */
public record SecuritySettings(
    SecurityMode mode,
    Path usersFile,
    Path auditFile,
    Set<AuthMechanism> mechanisms,
    String loginModule,
    String jaasEntry,
    int iterations,
    long failureDelayNs,
    long maxFailureDelayNs,
    AccessPolicy policy,
    Limits limits,
    int minPasswordLength)
{
    /** The login module reading the users file. */
    public static final String FILE_LOGIN_MODULE = "file";

    /** The login module delegating to JAAS. */
    public static final String JAAS_LOGIN_MODULE = "jaas";

    /**
     * @param mode              the security mode.
     * @param usersFile         the users file.
     * @param auditFile         the audit log.
     * @param mechanisms        the mechanisms clients may use; copied.
     * @param loginModule       the login module.
     * @param jaasEntry         the JAAS entry.
     * @param iterations        PBKDF2 iterations for new passwords.
     * @param failureDelayNs    base answer delay.
     * @param maxFailureDelayNs maximum answer delay.
     * @param policy            roles and permissions.
     * @param limits            limits against abuse.
     * @param minPasswordLength the shortest password accepted for a new or changed user.
     */
    public SecuritySettings
    {
        mechanisms = mechanisms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(mechanisms));
    }

    /**
     * Settings with the default shortest password, {@value UserCommand#MIN_PASSWORD_LENGTH} characters.
     *
     * @param mode              the security mode.
     * @param usersFile         the users file.
     * @param auditFile         the audit log.
     * @param mechanisms        the mechanisms clients may use; copied.
     * @param loginModule       the login module.
     * @param jaasEntry         the JAAS entry.
     * @param iterations        PBKDF2 iterations for new passwords.
     * @param failureDelayNs    base answer delay.
     * @param maxFailureDelayNs maximum answer delay.
     * @param policy            roles and permissions.
     * @param limits            limits against abuse.
     */
    public SecuritySettings(
        final SecurityMode mode,
        final Path usersFile,
        final Path auditFile,
        final Set<AuthMechanism> mechanisms,
        final String loginModule,
        final String jaasEntry,
        final int iterations,
        final long failureDelayNs,
        final long maxFailureDelayNs,
        final AccessPolicy policy,
        final Limits limits)
    {
        this(mode, usersFile, auditFile, mechanisms, loginModule, jaasEntry, iterations, failureDelayNs,
            maxFailureDelayNs, policy, limits, UserCommand.MIN_PASSWORD_LENGTH);
    }

    /**
     * Resolves the security options of a broker context.
     *
     * @param option        the value of a broker option by its property name (setter, system property, config file
     *                      or default, already in that order of precedence).
     * @param dataDirectory the broker's data directory, where the users file and audit log live by default.
     * @param roleSettings  the {@value AccessPolicy#KEY_PREFIX} keys and their values.
     * @return the settings.
     * @throws IllegalArgumentException naming the option whose value is invalid.
     */
    public static SecuritySettings resolve(
        final UnaryOperator<String> option, final Path dataDirectory, final Map<String, String> roleSettings)
    {
        final String usersFile = option.apply("aeolus.broker.security.users.file");
        final String auditFile = option.apply("aeolus.broker.security.audit.file");
        final long failureDelayNs = TransportConfiguration.parseDurationNs("aeolus.broker.security.failure.delay",
            option.apply("aeolus.broker.security.failure.delay"), 0);
        final long maxFailureDelayNs = TransportConfiguration.parseDurationNs(
            "aeolus.broker.security.failure.delay.max", option.apply("aeolus.broker.security.failure.delay.max"), 0);
        if (failureDelayNs < 0 || maxFailureDelayNs < failureDelayNs)
        {
            throw new IllegalArgumentException("aeolus.broker.security.failure.delay.max: must be at least " +
                "aeolus.broker.security.failure.delay, both not negative");
        }
        final Limits limits = new Limits(
            number(option, "aeolus.broker.max.connections.per.user", 1, 1_000_000),
            number(option, "aeolus.broker.max.sessions.per.connection", 1, 1_000_000),
            number(option, "aeolus.broker.max.consumers.per.session", 1, 1_000_000),
            number(option, "aeolus.broker.max.destinations", 1, 100_000_000));
        return new SecuritySettings(
            SecurityMode.parse("aeolus.broker.security", option.apply("aeolus.broker.security")),
            usersFile.isBlank() ? dataDirectory.resolve(UsersFile.DEFAULT_NAME) :
                path("aeolus.broker.security.users.file", usersFile.trim()),
            auditFile.isBlank() ? dataDirectory.resolve("audit.log") :
                path("aeolus.broker.security.audit.file", auditFile.trim()),
            parseMechanisms("aeolus.broker.security.mechanisms", option.apply("aeolus.broker.security.mechanisms")),
            option.apply("aeolus.broker.security.login.module").trim(),
            option.apply("aeolus.broker.security.jaas.entry").trim(),
            number(option, "aeolus.broker.security.iterations", Scram.MIN_ITERATIONS, Scram.MAX_ITERATIONS),
            failureDelayNs,
            maxFailureDelayNs,
            AccessPolicy.parse(roleSettings),
            limits,
            null == option.apply(UserCommand.MIN_PASSWORD_LENGTH_PROP_NAME) ? UserCommand.MIN_PASSWORD_LENGTH :
                number(option, UserCommand.MIN_PASSWORD_LENGTH_PROP_NAME, 1, 1024));
    }

    /**
     * @return the path, or an error naming the option if the text cannot be one (a NUL, say).
     */
    public static Path path(final String option, final String text)
    {
        try
        {
            return Path.of(text);
        }
        catch (final InvalidPathException ex)
        {
            throw new IllegalArgumentException(option + ": not a path: '" + text + "' (" + ex.getReason() + ")", ex);
        }
    }

    private static int number(final UnaryOperator<String> option, final String name, final int min, final int max)
    {
        final String text = option.apply(name);
        final int value;
        try
        {
            value = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + ": not a number: '" + text + "'", ex);
        }
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * @param option the option's name, for the error message.
     * @param text   mechanism names separated by commas.
     * @return the mechanisms.
     * @throws IllegalArgumentException naming the option if a name is unknown or none is given.
     */
    public static Set<AuthMechanism> parseMechanisms(final String option, final String text)
    {
        final Set<AuthMechanism> mechanisms = EnumSet.noneOf(AuthMechanism.class);
        for (final String part : text.split(","))
        {
            if (part.isBlank())
            {
                continue;
            }
            final AuthMechanism mechanism = AuthMechanism.byName(part);
            if (null == mechanism)
            {
                throw new IllegalArgumentException(option + ": unknown mechanism '" + part.trim() +
                    "'; expected SCRAM-SHA-256 or PLAIN");
            }
            mechanisms.add(mechanism);
        }
        if (mechanisms.isEmpty())
        {
            throw new IllegalArgumentException(option + ": name at least one mechanism");
        }
        return mechanisms;
    }
}
