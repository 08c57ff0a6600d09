package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class AdminSecurityIT
{
    private static final int TEST_ITERATIONS = 4096;

    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseAUserWithoutTheManagePermission() throws Exception
    {
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("carol", ScramCredential.derive("carol-secret", TEST_ITERATIONS), Set.of("app")));
        users.put(new UserAccount("root", ScramCredential.derive("root-secret", TEST_ITERATIONS), Set.of("admin")));
        users.save();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "#")
            .securityRole("app", "deny.manage", "#")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(TEST_ITERATIONS)));
            Connection app = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("carol", "carol-secret");
            Connection admin = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("root", "root-secret"))
        {
            app.start();
            admin.start();

            assertThrows(JMSSecurityException.class, () -> new AdminClient(app, Duration.ofSeconds(10)).destinations());
            try (AdminClient client = new AdminClient(admin, Duration.ofSeconds(10)))
            {
                assertTrue(client.destinations().stream().anyMatch((d) -> d.name().equals("aeolus.management")));
            }
        }
    }
}
