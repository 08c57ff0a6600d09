package io.aeolus.broker.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Users from the {@link UsersFile}: SCRAM-SHA-256 from the stored credentials, and PLAIN (where enabled) by deriving
 * the credential from the offered password. Immutable after construction; thread-safe.
 */
public final class UsersFileLoginModule implements LoginModule
{
    private final Map<String, UserAccount> users;
    private final int typicalIterations;

    /**
     * @param usersFile the loaded users file.
     */
    public UsersFileLoginModule(final UsersFile usersFile)
    {
        this.users = Map.copyOf(usersFile.users());
        final Map<Integer, Integer> counts = new HashMap<>();
        int typical = io.aeolus.transport.auth.Scram.DEFAULT_ITERATIONS;
        int best = 0;
        for (final UserAccount account : users.values())
        {
            final int iterations = account.credential().iterations();
            final int count = counts.merge(iterations, 1, Integer::sum);
            if (count > best || (count == best && iterations > typical))
            {
                best = count;
                typical = iterations;
            }
        }
        this.typicalIterations = typical;
    }

    /**
     * {@inheritDoc}
     */
    public UserAccount lookup(final String user)
    {
        return users.get(user);
    }

    /**
     * {@inheritDoc}
     */
    public Set<String> login(final String user, final String password)
    {
        final UserAccount account = users.get(user);
        return null != account && account.credential().matches(password) ? account.roles() : null;
    }

    /**
     * {@inheritDoc}
     */
    public boolean supportsScram()
    {
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public boolean supportsPlain()
    {
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public int typicalIterations()
    {
        return typicalIterations;
    }
}
