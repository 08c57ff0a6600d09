package io.aeolus.broker.security;

import io.aeolus.transport.auth.ScramCredential;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Changes the users of the users file while the broker runs, for management (the console, JMX): add a user, change a
 * password or the roles, remove a user. Deriving a SCRAM credential is slow on purpose (PBKDF2, a fraction of a
 * second) and writing the file is I/O, so neither runs on the conductor: the conductor checks the arguments and
 * {@link #submit submits} a {@link Change}, one worker thread ({@code aeolus-user-admin}) reads the users file afresh
 * (changes made meanwhile by {@code aeolus-broker user} are kept), applies the change, writes the file and swaps the
 * new users into the login module, so new logins use them at once; the conductor then {@link #drainResults drains}
 * the finished changes and answers. A change that would leave the users file without an administrator, or take
 * the administrator role from the user who asks for it, is refused.
 */
public final class UserAdministration implements AutoCloseable
{
    /** Most changes waiting for, or running on, the worker. */
    static final int CAPACITY = 16;

    private final SecuritySettings settings;
    private final UsersFileLoginModule module;
    private final OneToOneConcurrentArrayQueue<Change> results = new OneToOneConcurrentArrayQueue<>(CAPACITY);
    private final ThreadPoolExecutor worker;
    private int inFlight;

    /**
     * @param settings the security settings: the users file, the PBKDF2 iterations, the roles, the shortest password.
     * @param module   the login module that reads the users file, which is given each new set of users.
     */
    public UserAdministration(final SecuritySettings settings, final UsersFileLoginModule module)
    {
        this.settings = settings;
        this.module = module;
        // The conductor never has more than CAPACITY changes in flight, so the worker's queue never refuses one.
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY),
            (runnable) ->
            {
                final Thread thread = new Thread(runnable, "aeolus-user-admin");
                thread.setDaemon(true);
                return thread;
            });
    }

    /**
     * @return the users the login module holds now, by name; any thread.
     */
    public Map<String, UserAccount> users()
    {
        return new TreeMap<>(module.users());
    }

    /**
     * Checks a change's arguments. Any thread; cheap.
     *
     * @param kind     what to change.
     * @param name     the user.
     * @param password the new password (add, password), else ignored.
     * @param roles    the roles, comma-separated (add, roles), else ignored.
     * @param byUser   who asks, empty if not a user of this broker (a local JMX caller).
     * @return the change, to {@link #submit}.
     * @throws IllegalArgumentException naming the problem: an invalid user name, a password shorter than the
     *                                  configured minimum, an invalid role name or a role the configuration does not
     *                                  define.
     */
    public Change change(final Kind kind, final String name, final String password, final String roles,
        final String byUser)
    {
        UserAccount.checkUserName(name);
        if (kind == Kind.ADD || kind == Kind.PASSWORD)
        {
            if (null == password || password.length() < settings.minPasswordLength())
            {
                throw new IllegalArgumentException("the password must have at least " + settings.minPasswordLength() +
                    " characters (" + UserCommand.MIN_PASSWORD_LENGTH_PROP_NAME + ")");
            }
        }
        Set<String> roleSet = Set.of();
        if (kind == Kind.ADD || kind == Kind.ROLES)
        {
            roleSet = UserAccount.parseRoles(null == roles ? "" : roles);
            for (final String role : roleSet)
            {
                if (!settings.policy().hasRole(role))
                {
                    throw new IllegalArgumentException("role '" + role + "' is not defined: the configuration " +
                        "grants it nothing (" + AccessPolicy.KEY_PREFIX + role + ".<permission>=<patterns>)");
                }
            }
        }
        return new Change(kind, name, password, roleSet, null == byUser ? "" : byUser);
    }

    /**
     * Hands a change to the worker. Conductor thread.
     *
     * @param change the checked change.
     * @return false if too many changes are in flight (the change is not made).
     */
    public boolean submit(final Change change)
    {
        if (inFlight >= CAPACITY)
        {
            return false;
        }
        try
        {
            worker.execute(() -> run(change));
        }
        catch (final RejectedExecutionException ex)
        {
            return false;
        }
        inFlight++;
        return true;
    }

    /**
     * Hands the finished changes to the consumer. Conductor thread.
     *
     * @param consumer told of each finished change; {@link Change#problem()} says whether it was made.
     * @return how many finished.
     */
    public int drainResults(final Consumer<Change> consumer)
    {
        final int count = results.drain(consumer);
        inFlight -= count;
        return count;
    }

    /**
     * Stops the worker; a change under way is finished first, waiting ones are dropped.
     */
    public void close()
    {
        worker.shutdownNow();
        try
        {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run(final Change change)
    {
        try
        {
            apply(change);
        }
        catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException ex)
        {
            change.problem = ex.getMessage();
            change.refused = ex instanceof IllegalStateException;
        }
        catch (final RuntimeException ex)
        {
            change.problem = "the users file was not changed: " + ex;
        }
        change.password = null;
        // Cannot fail: no more than CAPACITY changes are in flight.
        results.offer(change);
    }

    private void apply(final Change change)
    {
        // Derived before the file is read: the slow part, and it needs nothing from the file.
        final ScramCredential credential = null == change.password ? null :
            ScramCredential.derive(change.password, settings.iterations());
        final UsersFile file = UsersFile.loadOrCreate(settings.usersFile());
        final UserAccount current = file.users().get(change.name);
        if (change.kind == Kind.ADD && null != current)
        {
            throw new IllegalStateException("user '" + change.name + "' already exists; change its password or " +
                "roles instead");
        }
        if (change.kind != Kind.ADD && null == current)
        {
            throw new IllegalStateException("no user '" + change.name + "'");
        }
        final UserAccount changed = switch (change.kind)
        {
            case ADD -> new UserAccount(change.name, credential, change.roles);
            case PASSWORD -> new UserAccount(change.name, credential, current.roles());
            case ROLES -> new UserAccount(change.name, current.credential(), change.roles);
            case REMOVE -> null;
        };
        checkAdministrators(file.users(), change, changed);
        if (null == changed)
        {
            file.remove(change.name);
        }
        else
        {
            file.put(changed);
        }
        file.save();
        module.reload(file);
    }

    /**
     * Refuses a change that takes the admin role from the user asking, or leaves no user with it.
     */
    private static void checkAdministrators(
        final Map<String, UserAccount> users, final Change change, final UserAccount changed)
    {
        final boolean wasAdmin = users.containsKey(change.name) &&
            users.get(change.name).roles().contains(AccessPolicy.ADMIN_ROLE);
        final boolean staysAdmin = null != changed && changed.roles().contains(AccessPolicy.ADMIN_ROLE);
        if (!wasAdmin || staysAdmin)
        {
            return;
        }
        if (change.name.equals(change.byUser))
        {
            throw new IllegalStateException("you cannot " + (null == changed ? "remove yourself" :
                "take the admin role from yourself") + " ('" + change.name + "'): you would lose the rights to " +
                "manage this broker; another administrator can do it");
        }
        final List<String> admins = new ArrayList<>();
        for (final UserAccount user : users.values())
        {
            if (user.roles().contains(AccessPolicy.ADMIN_ROLE) && !user.name().equals(change.name))
            {
                admins.add(user.name());
            }
        }
        if (admins.isEmpty())
        {
            throw new IllegalStateException("'" + change.name + "' is the last user with the admin role: give " +
                "another user the admin role first");
        }
    }

    /**
     * What a change does.
     */
    public enum Kind
    {
        /** Adds a user with a password and roles. */
        ADD,
        /** Sets a user's password. */
        PASSWORD,
        /** Replaces a user's roles. */
        ROLES,
        /** Removes a user. */
        REMOVE
    }

    /**
     * One change of the users, from the conductor to the worker and back. Made by {@link #change}; the worker sets
     * its outcome before handing it back.
     */
    public static final class Change
    {
        private final Kind kind;
        private final String name;
        private final Set<String> roles;
        private final String byUser;
        private String password;
        private String problem;
        private boolean refused;
        private Object attachment;

        Change(final Kind kind, final String name, final String password, final Set<String> roles,
            final String byUser)
        {
            this.kind = kind;
            this.name = name;
            this.password = password;
            this.roles = roles;
            this.byUser = byUser;
        }

        /**
         * @return what the change does.
         */
        public Kind kind()
        {
            return kind;
        }

        /**
         * @return the user changed.
         */
        public String name()
        {
            return name;
        }

        /**
         * @return why the change was not made, null once it was.
         */
        public String problem()
        {
            return problem;
        }

        /**
         * @return true if the change was refused because of the users' state (the user exists already or not at
         *         all, the last administrator), false if it failed (the file could not be written) or succeeded.
         */
        public boolean refused()
        {
            return refused;
        }

        /**
         * @return what the submitter attached (how to answer); conductor thread.
         */
        public Object attachment()
        {
            return attachment;
        }

        /**
         * @param attachment what the submitter needs to answer once the change is done; conductor thread.
         * @return this change.
         */
        public Change attachment(final Object attachment)
        {
            this.attachment = attachment;
            return this;
        }
    }
}
