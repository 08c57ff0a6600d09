package io.aeolus.broker.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Users from the {@link UsersFile}: SCRAM-SHA-256 from the stored credentials, and PLAIN (where enabled) by deriving
 * the credential from the offered password. {@link #reload(UsersFile)} swaps in a newly read file while the broker
 * runs (see {@link UsersFileWatcher}); a login sees either the old users or the new ones, never a mix. Thread-safe.
 */
public final class UsersFileLoginModule implements LoginModule
{
    private volatile Snapshot snapshot;

    /**
     * @param usersFile the loaded users file.
     */
    public UsersFileLoginModule(final UsersFile usersFile)
    {
        this.snapshot = new Snapshot(usersFile);
    }

    /**
     * Replaces the users with those of a newly read file. Logins from now on use them; connections already logged in
     * keep the roles they logged in with.
     *
     * @param usersFile the newly loaded users file.
     */
    public void reload(final UsersFile usersFile)
    {
        snapshot = new Snapshot(usersFile);
    }

    /**
     * @return how many users there are.
     */
    public int userCount()
    {
        return snapshot.users.size();
    }

    /**
     * @return the users now in force, by name; unmodifiable. Any thread.
     */
    public Map<String, UserAccount> users()
    {
        return snapshot.users;
    }

    /**
     * {@inheritDoc}
     */
    public UserAccount lookup(final String user)
    {
        return snapshot.users.get(user);
    }

    /**
     * {@inheritDoc}
     */
    public Set<String> login(final String user, final String password)
    {
        final UserAccount account = snapshot.users.get(user);
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
        return snapshot.typicalIterations;
    }

    private static final class Snapshot
    {
        private final Map<String, UserAccount> users;
        private final int typicalIterations;

        Snapshot(final UsersFile usersFile)
        {
            users = Map.copyOf(usersFile.users());
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
            typicalIterations = typical;
        }
    }
}
