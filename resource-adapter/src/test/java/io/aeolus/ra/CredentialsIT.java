package io.aeolus.ra;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.ra.fake.FakeBootstrapContext;
import io.aeolus.ra.fake.RecordingEndpointFactory;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.SecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter's credentials reach a broker with security on: the right ones connect, wrong ones are refused with the
 * Connectors' and Jakarta Messaging's security exceptions, and an endpoint with wrong ones keeps trying.
 */
@Timeout(60)
class CredentialsIT
{
    private static final String PASSWORD = "alice-has-a-long-password";

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private FakeBootstrapContext container;
    private AeolusResourceAdapter adapter;

    @BeforeEach
    void setUp() throws Exception
    {
        final UsersFile users = UsersFile.loadOrCreate(dir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("alice", ScramCredential.derive(PASSWORD, 4096), Set.of("app")));
        users.save();
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "#")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, "4096")
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms"));
        container = new FakeBootstrapContext();
        adapter = new AeolusResourceAdapter();
        adapter.setServerUrl(broker.ipcUrl());
        adapter.start(container);
    }

    @AfterEach
    void tearDown() throws Exception
    {
        adapter.stop();
        container.close();
        broker.close();
    }

    @Test
    void shouldConnectOutboundAsTheConfiguredUserAndRefuseAWrongPassword() throws Exception
    {
        final AeolusManagedConnectionFactory mcf = new AeolusManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        mcf.setUserName("alice");
        mcf.setPassword("wrong");

        final SecurityException refused = assertThrows(SecurityException.class,
            () -> mcf.createManagedConnection(null, null));
        assertTrue(refused.getMessage().contains("refused user alice"), refused.getMessage());

        mcf.setPassword(PASSWORD);
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        assertEquals("alice", managed.getMetaData().getUserName());
        managed.destroy();

        final ConnectionFactory factory = (ConnectionFactory)mcf.createConnectionFactory();
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "also wrong"));
        try (Connection connection = factory.createConnection("alice", PASSWORD))
        {
            connection.createSession().close();
        }
    }

    @Test
    void shouldDeliverToAnEndpointWithTheRightCredentialsAndKeepTryingWithWrongOnes() throws Exception
    {
        final RecordingEndpointFactory wrong = new RecordingEndpointFactory(true);
        final AeolusActivationSpec wrongSpec = spec("wrong");
        adapter.endpointActivation(wrong, wrongSpec);
        final RecordingEndpointFactory right = new RecordingEndpointFactory(true);
        final AeolusActivationSpec rightSpec = spec(PASSWORD);
        adapter.endpointActivation(right, rightSpec);

        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", PASSWORD))
        {
            final Session session = connection.createSession();
            session.createProducer(session.createQueue("secure.orders")).send(session.createTextMessage("one"));
        }

        final long deadline = System.currentTimeMillis() + 20_000;
        while (right.deliveries().isEmpty() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals("one", right.deliveries().get(0).text());
        assertEquals(0, adapter.connects(wrong, wrongSpec), "refused, retrying with back-off");
        assertEquals(0, wrong.endpointsCreated());
        assertEquals(2, adapter.activeEndpoints());
    }

    private AeolusActivationSpec spec(final String password) throws Exception
    {
        final AeolusActivationSpec spec = new AeolusActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination("secure.orders");
        spec.setUserName("alice");
        spec.setPassword(password);
        spec.setMaxSessions(1);
        spec.setReconnectInitialDelayMs(50);
        spec.setReconnectMaxDelayMs(200);
        return spec;
    }
}
