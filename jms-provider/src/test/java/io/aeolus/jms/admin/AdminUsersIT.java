package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.UserInfo;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20, item 6, through the real API: an administrator adds, changes and removes users of a running broker
 * with security on, and the next login sees the change without a restart; JMX does the same.
 */
@Timeout(120)
class AdminUsersIT
{
    private static final int TEST_ITERATIONS = 4096;

    @TempDir
    Path dataDir;

    @Test
    void shouldAddChangeAndRemoveUsersForTheNextLoginWithoutARestart() throws Exception
    {
        addRoot();
        try (EmbeddedBroker broker = start();
            Connection root = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("root", "root-secret"))
        {
            root.start();
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
            try (AdminClient admin = new AdminClient(root, Duration.ofSeconds(30)))
            {
                final AdminUsers users = new AdminUsers(admin);
                assertThrows(JMSSecurityException.class, () -> factory.createConnection("dora", "dora-secret-1"));

                users.add("dora", "dora-secret-1", "app");
                factory.createConnection("dora", "dora-secret-1").close();
                assertEquals(List.of(new UserInfo("dora", "app", TEST_ITERATIONS),
                    new UserInfo("root", "admin", TEST_ITERATIONS)), users.list());

                users.changePassword("dora", "dora-secret-2");
                assertThrows(JMSSecurityException.class, () -> factory.createConnection("dora", "dora-secret-1"));
                factory.createConnection("dora", "dora-secret-2").close();

                users.setRoles("dora", "admin,app");
                try (Connection dora = factory.createConnection("dora", "dora-secret-2"))
                {
                    dora.start();
                    try (AdminClient doraAdmin = new AdminClient(dora, Duration.ofSeconds(30)))
                    {
                        assertEquals(2, new AdminUsers(doraAdmin).list().size(), "dora is an admin now");
                    }
                }

                users.remove("dora");
                assertThrows(JMSSecurityException.class, () -> factory.createConnection("dora", "dora-secret-2"));
                final JMSException self = assertThrows(JMSException.class, () -> users.remove("root"));
                assertTrue(self.getMessage().contains("cannot remove yourself"), self.getMessage());
                final JMSException role = assertThrows(JMSException.class, () -> users.add("eve", "eve-secret-1",
                    "operators"));
                assertTrue(role.getMessage().contains("role 'operators' is not defined"), role.getMessage());
            }
            final String audit = Files.readString(dataDir.resolve("audit.log"));
            assertTrue(audit.contains("operation=addUser arguments=\"name=dora password=(hidden) roles=app\""),
                audit);
            assertFalse(audit.contains("dora-secret"), "no password in the audit log");
        }
    }

    @Test
    void shouldManageUsersOverJmx() throws Exception
    {
        addRoot();
        try (EmbeddedBroker broker = start())
        {
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName brokerName = broker.broker().managementName();
            final ObjectName users = new ObjectName("io.aeolus:type=Users" +
                (null == brokerName.getKeyProperty("instance") ? "" :
                ",instance=" + brokerName.getKeyProperty("instance")));
            final String[] add = {String.class.getName(), String.class.getName(), String.class.getName()};

            server.invoke(users, "addUser", new Object[]{"fred", "fred-secret-1", "app"}, add);
            new AeolusConnectionFactory(broker.ipcUrl()).createConnection("fred", "fred-secret-1").close();
            final CompositeData[] listed = (CompositeData[])server.invoke(users, "listUsers", null, null);
            server.invoke(users, "removeUser", new Object[]{"fred"}, new String[]{String.class.getName()});

            assertEquals(2, listed.length);
            assertEquals("fred", listed[0].get("name"));
            assertEquals("app", listed[0].get("roles"));
            assertThrows(JMSSecurityException.class, () -> new AeolusConnectionFactory(broker.ipcUrl())
                .createConnection("fred", "fred-secret-1"));
        }
    }

    private void addRoot()
    {
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("root", ScramCredential.derive("root-secret", TEST_ITERATIONS), Set.of("admin")));
        users.save();
    }

    private EmbeddedBroker start()
    {
        return EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "orders.#")
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(TEST_ITERATIONS)));
    }
}
