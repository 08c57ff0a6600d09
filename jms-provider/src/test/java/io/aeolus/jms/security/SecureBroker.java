package io.aeolus.jms.security;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.transport.auth.ScramCredential;

import java.nio.file.Path;
import java.util.Set;

/**
 * Test fixtures for a broker with security on: users written to the users file of a temporary data directory
 * (with the RFC minimum iteration count, to keep tests quick), and an isolated context with security on.
 */
final class SecureBroker
{
    static final int TEST_ITERATIONS = 4096;

    private SecureBroker()
    {
    }

    static void addUser(final Path dataDir, final String name, final String password, final String... roles)
    {
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount(name, ScramCredential.derive(password, TEST_ITERATIONS), Set.of(roles)));
        users.save();
    }

    static Broker.Context context(final Path dataDir)
    {
        return EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "#")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(TEST_ITERATIONS));
    }
}
