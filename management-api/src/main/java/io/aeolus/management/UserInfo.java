package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One user of the broker's users file as management lists it: never a password or a credential.
 *
 * @param name       the user name.
 * @param roles      the roles, comma-separated and sorted; empty for none.
 * @param iterations the PBKDF2 iteration count of the user's SCRAM-SHA-256 credential.
 */
public record UserInfo(String name, String roles, int iterations)
{
    private static final String NAME = "name";
    private static final String ROLES = "roles";
    private static final String ITERATIONS = "iterations";

    /**
     * Checks that the texts are present.
     */
    public UserInfo
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(roles, "roles");
    }

    /**
     * @param role a role name.
     * @return true if the user has that role.
     */
    public boolean hasRole(final String role)
    {
        for (final String held : roles.split(","))
        {
            if (held.equals(role))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + NAME, name);
        out.put(prefix + ROLES, roles);
        out.put(prefix + ITERATIONS, iterations);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the user written there.
     */
    public static UserInfo read(final Map<String, Object> in, final String prefix)
    {
        return new UserInfo(Reply.string(in, prefix + NAME), Reply.string(in, prefix + ROLES),
            Reply.intValue(in, prefix + ITERATIONS));
    }
}
