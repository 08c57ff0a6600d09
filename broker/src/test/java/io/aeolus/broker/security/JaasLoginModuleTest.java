package io.aeolus.broker.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class JaasLoginModuleTest
{
    private static final Configuration CONFIGURATION = new Configuration()
    {
        public AppConfigurationEntry[] getAppConfigurationEntry(final String name)
        {
            return "aeolus".equals(name) ? new AppConfigurationEntry[]{new AppConfigurationEntry(
                OneUserModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())} :
                null;
        }
    };

    private final JaasLoginModule module = new JaasLoginModule("aeolus", CONFIGURATION);

    @Test
    void shouldLogInThroughTheJaasEntryAndTakeRolesFromThePrincipals()
    {
        assertEquals(Set.of("app", "ops"), module.login("jane", "jane's password"));
    }

    @Test
    void shouldRefuseAWrongPasswordOrAnUnknownEntry()
    {
        assertNull(module.login("jane", "guess"));
        assertNull(new JaasLoginModule("missing", CONFIGURATION).login("jane", "jane's password"));
    }

    @Test
    void shouldNeedTheClearPassword()
    {
        assertTrue(module.supportsPlain());
        assertFalse(module.supportsScram());
        assertNull(module.lookup("jane"));
    }

    /**
     * A JAAS module knowing one user, as a site's LDAP module would know many.
     */
    public static final class OneUserModule implements javax.security.auth.spi.LoginModule
    {
        private Subject subject;
        private CallbackHandler handler;
        private boolean succeeded;

        public void initialize(final Subject subject, final CallbackHandler handler, final Map<String, ?> sharedState,
            final Map<String, ?> options)
        {
            this.subject = subject;
            this.handler = handler;
        }

        public boolean login() throws LoginException
        {
            final NameCallback name = new NameCallback("user");
            final PasswordCallback password = new PasswordCallback("password", false);
            try
            {
                handler.handle(new Callback[]{name, password});
            }
            catch (final Exception ex)
            {
                throw new LoginException(ex.toString());
            }
            succeeded = "jane".equals(name.getName()) &&
                "jane's password".equals(new String(password.getPassword()));
            if (!succeeded)
            {
                throw new FailedLoginException("no");
            }
            return true;
        }

        public boolean commit()
        {
            if (succeeded)
            {
                subject.getPrincipals().add(named("jane"));
                subject.getPrincipals().add(named("app"));
                subject.getPrincipals().add(named("ops"));
            }
            return succeeded;
        }

        public boolean abort()
        {
            return true;
        }

        public boolean logout()
        {
            return true;
        }

        private static Principal named(final String name)
        {
            return new NamedPrincipal(name);
        }
    }

    record NamedPrincipal(String name) implements Principal
    {
        public String getName()
        {
            return name;
        }
    }
}
