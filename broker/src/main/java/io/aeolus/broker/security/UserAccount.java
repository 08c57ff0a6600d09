package io.aeolus.broker.security;

import io.aeolus.transport.auth.ScramCredential;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A user as a login module knows it: the name, the SCRAM credential (never the password) and the roles.
 * Immutable; thread-safe.
 *
 * @param name       the user name.
 * @param credential what the broker stores to verify the user's SCRAM proof, or null for a module that only
 *                   checks clear passwords.
 * @param roles      the user's roles.
 */
public record UserAccount(String name, ScramCredential credential, Set<String> roles)
{
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * @param name       the user name.
     * @param credential the SCRAM credential, or null.
     * @param roles      the roles; copied, sorted.
     */
    public UserAccount
    {
        roles = Set.copyOf(new TreeSet<>(roles));
    }

    /**
     * @param name a user name.
     * @return the name.
     * @throws IllegalArgumentException unless 1 to 64 letters, digits or {@code . _ @ + -}.
     */
    public static String checkUserName(final String name)
    {
        if (null == name || !USER_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("invalid user name '" + name +
                "': 1 to 64 letters, digits or . _ @ + -");
        }
        return name;
    }

    /**
     * @param role a role name.
     * @return the name.
     * @throws IllegalArgumentException unless 1 to 64 letters, digits, {@code _} or {@code -}.
     */
    public static String checkRoleName(final String role)
    {
        if (null == role || !ROLE_NAME.matcher(role).matches())
        {
            throw new IllegalArgumentException("invalid role name '" + role + "': 1 to 64 letters, digits, _ or -");
        }
        return role;
    }

    /**
     * @param text roles separated by commas; blanks ignored.
     * @return the checked role names.
     */
    public static Set<String> parseRoles(final String text)
    {
        final Set<String> roles = new TreeSet<>();
        for (final String part : text.split(","))
        {
            if (!part.isBlank())
            {
                roles.add(checkRoleName(part.trim()));
            }
        }
        return roles;
    }
}
