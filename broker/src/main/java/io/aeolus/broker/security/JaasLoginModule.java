package io.aeolus.broker.security;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Users from JAAS, the convention Java operators know: the broker runs the login configuration entry
 * {@code aeolus.broker.security.jaas.entry} (default {@code aeolus}) from the file named by the JVM's
 * {@code -Djava.security.auth.login.config=...}, answering its name and password callbacks. The user's roles are the
 * names of the principals the login adds to the subject, other than the user's own name.
 * <p>
 * JAAS modules need the clear password, so this works only with the PLAIN mechanism, which sends it in clear:
 * enable it deliberately ({@code aeolus.broker.security.mechanisms=SCRAM-SHA-256,PLAIN}) and only over IPC or a
 * trusted or tunnelled network. Runs on the security thread. Thread-safe.
 */
public final class JaasLoginModule implements LoginModule
{
    private final String entry;
    private final Configuration configuration;

    /**
     * @param entry         the login configuration entry's name.
     * @param configuration the JAAS configuration, or null for the JVM's.
     */
    public JaasLoginModule(final String entry, final Configuration configuration)
    {
        this.entry = entry;
        this.configuration = configuration;
    }

    /**
     * {@inheritDoc}
     */
    public Set<String> login(final String user, final String password)
    {
        final char[] secret = password.toCharArray();
        try
        {
            final Subject subject = new Subject();
            final LoginContext context = new LoginContext(entry, subject, callbacks -> answer(callbacks, user, secret),
                configuration);
            context.login();
            final Set<String> roles = new TreeSet<>();
            for (final java.security.Principal principal : subject.getPrincipals())
            {
                if (!user.equals(principal.getName()))
                {
                    roles.add(principal.getName());
                }
            }
            return roles;
        }
        catch (final LoginException | SecurityException ex)
        {
            return null;
        }
        finally
        {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /**
     * {@inheritDoc}
     */
    public boolean supportsScram()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public boolean supportsPlain()
    {
        return true;
    }

    private static void answer(final Callback[] callbacks, final String user, final char[] password)
        throws UnsupportedCallbackException
    {
        for (final Callback callback : callbacks)
        {
            if (callback instanceof NameCallback)
            {
                ((NameCallback)callback).setName(user);
            }
            else if (callback instanceof PasswordCallback)
            {
                ((PasswordCallback)callback).setPassword(password);
            }
            else
            {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }
}
