package io.aeolus.broker.security;

import io.aeolus.transport.ProgressiveIdleStrategy;
import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramCredential;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochClock;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The broker's security, assembled at start: the login module (the users file, created with a generated
 * {@code admin} at first start when security is on), the {@link Authenticator} and {@link Authorizer} the conductor
 * uses, the {@link Limits}, the {@link AuditLog}, and the security thread that writes the audit log and checks
 * PLAIN passwords. Start with {@link #start}; close after the conductor has stopped.
 */
public final class BrokerSecurity implements AutoCloseable
{
    private final SecuritySettings settings;
    private final AuditLog audit;
    private final Authorizer authorizer;
    private final Authenticator authenticator;
    private final AgentRunner runner;
    private final UserAdministration users;

    private BrokerSecurity(
        final SecuritySettings settings,
        final AuditLog audit,
        final Authorizer authorizer,
        final Authenticator authenticator,
        final AgentRunner runner,
        final UserAdministration users)
    {
        this.settings = settings;
        this.audit = audit;
        this.authorizer = authorizer;
        this.authenticator = authenticator;
        this.runner = runner;
        this.users = users;
    }

    /**
     * Loads the users (creating the users file with a generated admin password, printed once to {@code out}, when
     * security is on and there is none), opens the audit log and starts the security thread, which also reloads
     * the users file when it changes.
     *
     * @param settings     the security options.
     * @param clock        time for the audit log.
     * @param errorHandler told of the security thread's failures.
     * @param out          where the generated admin password and the development-mode warning are printed.
     * @return the running security.
     * @throws IllegalArgumentException if the users file is damaged or tampered with, or the login module and the
     *                                  mechanisms do not fit together.
     */
    public static BrokerSecurity start(
        final SecuritySettings settings, final EpochClock clock, final ErrorHandler errorHandler, final PrintStream out)
    {
        final AuditLog audit = new AuditLog(settings.auditFile(), clock, errorHandler);
        final byte[][] secret = new byte[1][];
        final LoginModule module = loginModule(settings, audit, out, secret);
        checkMechanisms(settings, module);
        final Authorizer authorizer = new Authorizer(settings.policy(), audit);
        final PlainVerifier plain = settings.mechanisms().contains(AuthMechanism.PLAIN) ?
            new PlainVerifier(module) : null;
        final Authenticator authenticator = new Authenticator(settings.mode(), settings.mechanisms(), module,
            authorizer, audit, new LoginThrottle(settings.failureDelayNs(), settings.maxFailureDelayNs()), plain,
            secret[0], Scram::nonce);
        final List<Agent> agents = new ArrayList<>(List.of(audit.writer()));
        if (null != plain)
        {
            agents.add(plain);
        }
        if (module instanceof UsersFileLoginModule)
        {
            agents.add(new UsersFileWatcher(settings.usersFile(), (UsersFileLoginModule)module, audit, clock,
                errorHandler));
        }
        final Agent agent = 1 == agents.size() ? agents.get(0) : new CompositeAgent(agents);
        // Audit events and PLAIN logins wake the thread; the users file is checked once a second, so a thread with
        // nothing handed over parks up to a second at a time (it woke 50 times a second before).
        final ProgressiveIdleStrategy idleStrategy = TransportConfiguration.handedOverIdleStrategy();
        audit.waker(idleStrategy::wake);
        if (null != plain)
        {
            plain.waker(idleStrategy::wake);
        }
        final AgentRunner runner = new AgentRunner(idleStrategy, errorHandler, null, agent);
        AgentRunner.startOnThread(runner);
        if (settings.mode() == SecurityMode.DEV)
        {
            out.println("WARNING: Aeolus broker in DEVELOPMENT mode (aeolus.broker.security=dev): anonymous " +
                "clients on this host connect with full access. Never use this on a shared host or network.");
        }
        return new BrokerSecurity(settings, audit, authorizer, authenticator, runner,
            module instanceof UsersFileLoginModule ? new UserAdministration(settings, (UsersFileLoginModule)module) :
            null);
    }

    /**
     * Security for a conductor built without a broker (tests driving the conductor by hand): development mode, no
     * users, nothing audited, no thread.
     *
     * @param clock the conductor's clock.
     * @return the security.
     */
    public static BrokerSecurity development(final EpochClock clock)
    {
        final AuditLog audit = AuditLog.discarding(clock);
        final AccessPolicy policy = AccessPolicy.defaults();
        final Authorizer authorizer = new Authorizer(policy, audit);
        final LoginModule noUsers = new LoginModule()
        {
            public boolean supportsScram()
            {
                return true;
            }

            public boolean supportsPlain()
            {
                return false;
            }
        };
        final Authenticator authenticator = new Authenticator(SecurityMode.DEV, Set.of(AuthMechanism.SCRAM_SHA_256),
            noUsers, authorizer, audit, new LoginThrottle(0, 0), null, Scram.randomBytes(32), Scram::nonce);
        final SecuritySettings settings = new SecuritySettings(SecurityMode.DEV, null, null,
            Set.of(AuthMechanism.SCRAM_SHA_256), SecuritySettings.FILE_LOGIN_MODULE, "", Scram.DEFAULT_ITERATIONS, 0, 0,
            policy, new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
        return new BrokerSecurity(settings, audit, authorizer, authenticator, null, null);
    }

    /**
     * @return the settings.
     */
    public SecuritySettings settings()
    {
        return settings;
    }

    /**
     * @return the security mode.
     */
    public SecurityMode mode()
    {
        return settings.mode();
    }

    /**
     * @return the logins; conductor thread only.
     */
    public Authenticator authenticator()
    {
        return authenticator;
    }

    /**
     * @return the permission checks; conductor thread only.
     */
    public Authorizer authorizer()
    {
        return authorizer;
    }

    /**
     * @return the administration of the users file's users, null if the login module is not the users file (JAAS,
     *         a class of the user's, a conductor built without a broker).
     */
    public UserAdministration users()
    {
        return users;
    }

    /**
     * @return the limits against abuse.
     */
    public Limits limits()
    {
        return settings.limits();
    }

    /**
     * @return the audit log.
     */
    public AuditLog audit()
    {
        return audit;
    }

    /**
     * Stops the security thread and writes out the audit log.
     */
    public void close()
    {
        if (null == authenticator)
        {
            return; // made by forAnotherThread(): the original owns the audit log and the thread
        }
        CloseHelper.quietClose(users);
        CloseHelper.quietClose(runner);
        if (null != audit.file())
        {
            audit.close();
        }
    }

    /**
     * The same security for a second single-writer thread beside the conductor (a broker group's service thread,
     * while its consensus module logs clients in with {@link #authenticator()}): its own {@link Authorizer} (whose
     * caches are single-threaded), the same settings, limits and audit log; no authenticator and no user
     * administration. Closing it closes nothing: close this one.
     *
     * @return the security for the other thread.
     */
    public BrokerSecurity forAnotherThread()
    {
        return new BrokerSecurity(settings, audit, new Authorizer(settings.policy(), audit), null, null, null);
    }

    private static LoginModule loginModule(
        final SecuritySettings settings, final AuditLog audit, final PrintStream out, final byte[][] secret)
    {
        final String name = settings.loginModule().trim();
        if (SecuritySettings.FILE_LOGIN_MODULE.equals(name))
        {
            final UsersFile users = UsersFile.loadOrCreate(settings.usersFile());
            if (settings.mode() == SecurityMode.ON && !Files.exists(settings.usersFile()))
            {
                createAdmin(settings, users, audit, out);
            }
            secret[0] = users.derivedSecret();
            return new UsersFileLoginModule(users);
        }
        secret[0] = Scram.randomBytes(32);
        if (SecuritySettings.JAAS_LOGIN_MODULE.equals(name))
        {
            return new JaasLoginModule(settings.jaasEntry(), null);
        }
        try
        {
            final Object module = Class.forName(name).getConstructor().newInstance();
            if (!(module instanceof LoginModule))
            {
                throw new IllegalArgumentException("aeolus.broker.security.login.module: " + name + " does not " +
                    "implement " + LoginModule.class.getName());
            }
            return (LoginModule)module;
        }
        catch (final ReflectiveOperationException | LinkageError ex)
        {
            throw new IllegalArgumentException("aeolus.broker.security.login.module: cannot create '" + name +
                "' (expected file, jaas or the name of a LoginModule class with a public no-argument constructor): " +
                ex, ex);
        }
    }

    private static void createAdmin(
        final SecuritySettings settings, final UsersFile users, final AuditLog audit, final PrintStream out)
    {
        final String password = Base64.getUrlEncoder().withoutPadding().encodeToString(Scram.randomBytes(18));
        users.put(new UserAccount("admin", ScramCredential.derive(password, settings.iterations()),
            Set.of(AccessPolicy.ADMIN_ROLE)));
        users.save();
        audit.userChanged("admin", "user.add", "generated at first start, roles=admin");
        out.println("Aeolus broker: security is on and there was no users file, so " + settings.usersFile() +
            " was created with the user 'admin' (role admin).");
        out.println("  admin password: " + password);
        // The full path: run from another working directory, a bare 'user passwd admin' would miss this file.
        out.println("  It is shown only this once and stored only as a SCRAM-SHA-256 hash. Change it with " +
            "'java -jar aeolus-broker.jar user passwd admin --users-file " +
            settings.usersFile().toAbsolutePath().normalize() + "'.");
    }

    private static void checkMechanisms(final SecuritySettings settings, final LoginModule module)
    {
        if (settings.mechanisms().contains(AuthMechanism.SCRAM_SHA_256) && !module.supportsScram())
        {
            throw new IllegalArgumentException("aeolus.broker.security.login.module=" + settings.loginModule() +
                " cannot verify SCRAM-SHA-256 (it needs the clear password): set " +
                "aeolus.broker.security.mechanisms=PLAIN, which sends passwords in clear (use IPC or a tunnel)");
        }
        if (settings.mechanisms().contains(AuthMechanism.PLAIN) && !module.supportsPlain())
        {
            throw new IllegalArgumentException("aeolus.broker.security.login.module=" + settings.loginModule() +
                " cannot check clear passwords: remove PLAIN from aeolus.broker.security.mechanisms");
        }
    }
}
