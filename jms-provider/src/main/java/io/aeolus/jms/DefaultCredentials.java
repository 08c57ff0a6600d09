package io.aeolus.jms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where a connection made without explicit credentials finds them, so that no password has to sit in a URL (where
 * {@code ps}, logs and shell history show it). The user, highest first: the URL's {@code user}, the factory's
 * {@code setUser} (or JNDI {@code connectionFactory.<name>.user}), the system property {@code aeolus.client.user},
 * the environment variable {@value #USER_ENV}. The password: a password given the same ways ({@code password}),
 * then a password file given the same ways ({@code passwordFile}), then the environment variables
 * {@value #PASSWORD_ENV} and {@value #PASSWORD_FILE_ENV}. A password file holds the password alone; one trailing
 * line break is not part of it. Stateless.
 */
final class DefaultCredentials
{
    /** Environment variable with the user name. */
    static final String USER_ENV = "AEOLUS_USER";

    /** Environment variable with the password. */
    static final String PASSWORD_ENV = "AEOLUS_PASSWORD";

    /** Environment variable naming a file that holds the password. */
    static final String PASSWORD_FILE_ENV = "AEOLUS_PASSWORD_FILE";

    private DefaultCredentials()
    {
    }

    /**
     * @param configured  the user from the URL, setter or system property, or null.
     * @param environment reads environment variables.
     * @return the user, or null for an anonymous connection.
     */
    static String user(final String configured, final UnaryOperator<String> environment)
    {
        return null != configured ? configured : environment.apply(USER_ENV);
    }

    /**
     * @param configured     the password from the URL, setter or system property, or null.
     * @param configuredFile the password file from the URL, setter or system property, or null.
     * @param environment    reads environment variables.
     * @return the password, or null.
     * @throws IllegalArgumentException naming the option and the file when a password file cannot be read.
     */
    static String password(
        final String configured, final String configuredFile, final UnaryOperator<String> environment)
    {
        if (null != configured)
        {
            return configured;
        }
        if (null != configuredFile)
        {
            return readPasswordFile("passwordFile", configuredFile);
        }
        final String fromEnvironment = environment.apply(PASSWORD_ENV);
        if (null != fromEnvironment)
        {
            return fromEnvironment;
        }
        final String file = environment.apply(PASSWORD_FILE_ENV);
        return null == file ? null : readPasswordFile(PASSWORD_FILE_ENV, file);
    }

    private static String readPasswordFile(final String option, final String file)
    {
        final String text;
        try
        {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException(option + ": cannot read the password file " + file + " (" +
                ex.getClass().getSimpleName() + ")", ex);
        }
        if (text.endsWith("\r\n"))
        {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
