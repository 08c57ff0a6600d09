package io.aeolus.broker.security;

import io.aeolus.transport.auth.Scram;

import java.util.Set;

/**
 * A source of users for the broker. Two kinds of source exist, and a module may be either or both:
 * <ul>
 * <li>one that holds SCRAM credentials ({@link #lookup(String)}), as the users file does: clients log in with
 *     SCRAM-SHA-256 and the password never crosses the network;</li>
 * <li>one that must see the clear password ({@link #login(String, String)}), as a JAAS {@code LoginModule} or an
 *     LDAP bind does: clients must use the PLAIN mechanism, which the broker accepts only when
 *     {@code aeolus.broker.security.mechanisms} names it, and which sends the password in clear.</li>
 * </ul>
 * Select one with {@code aeolus.broker.security.login.module}: {@code file}, {@code jaas}, or the name of a class
 * implementing this interface with a public no-argument constructor.
 * <p>
 * {@link #lookup(String)} runs on the broker's conductor thread and must answer from memory, without blocking.
 * {@link #login(String, String)} runs on the security thread and may block (a directory lookup) — while it does,
 * other PLAIN logins wait.
 */
public interface LoginModule
{
    /**
     * Finds a user's stored SCRAM credential. Conductor thread: answer from memory.
     *
     * @param user the user name from the client.
     * @return the account with its credential and roles, or null if there is no such user (or the module cannot
     *         do SCRAM).
     */
    default UserAccount lookup(final String user)
    {
        return null;
    }

    /**
     * Checks a clear password (mechanism PLAIN). Security thread; may block.
     *
     * @param user     the user name from the client.
     * @param password the password from the client.
     * @return the user's roles if the password is right, null otherwise.
     */
    default Set<String> login(final String user, final String password)
    {
        return null;
    }

    /**
     * @return true if {@link #lookup(String)} is supported, so SCRAM-SHA-256 logins can work.
     */
    boolean supportsScram();

    /**
     * @return true if {@link #login(String, String)} is supported, so PLAIN logins can work.
     */
    boolean supportsPlain();

    /**
     * @return the iteration count the broker shows for users it does not know, which should be the one most of its
     *         real users have, so the answer does not reveal whether a user exists.
     */
    default int typicalIterations()
    {
        return Scram.DEFAULT_ITERATIONS;
    }
}
