package io.aeolus.jms.security;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.EndpointUri;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.codecs.ErrorCode;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class SecurityIT
{
    private static final String ALICE_PASSWORD = "alice has a long password";

    @TempDir
    Path dataDir;

    @Test
    void shouldConnectWithGoodCredentialsOverIpcAndUdp() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        SecureBroker.addUser(dataDir, "bob", "bob-secret-123", "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)))
        {
            roundTrip(new AeolusConnectionFactory(broker.ipcUrl()), "alice", ALICE_PASSWORD);
            roundTrip(new AeolusConnectionFactory(broker.udpUrl()), "alice", ALICE_PASSWORD);
            try (JMSContext context = new AeolusConnectionFactory(broker.ipcUrl() +
                (broker.ipcUrl().contains("?") ? "&" : "?") + "user=bob&password=bob-secret-123").createContext())
            {
                context.createProducer().send(context.createQueue("ctx"), "via JMSContext");
            }
        }
    }

    @Test
    void shouldTakeUsersAddedChangedAndRemovedWhileRunningWithoutARestart() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms")))
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("dave", "dave's new password"));

            SecureBroker.addUser(dataDir, "dave", "dave's new password", "app");
            awaitLogin(factory, "dave", "dave's new password");

            SecureBroker.addUser(dataDir, "dave", "dave changed it", "app");
            awaitLogin(factory, "dave", "dave changed it");
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("dave", "dave's new password"));

            // A damaged file changes nothing: the users loaded before stay.
            Files.writeString(dataDir.resolve("users"), "dave:this line is not a user\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() - deadlineNs < 0)
            {
                // For longer than the watcher's interval, logins keep working.
                factory.createConnection("alice", ALICE_PASSWORD).close();
            }
            factory.createConnection("dave", "dave changed it").close();
        }
        final String audit = Files.readString(dataDir.resolve("audit.log"), StandardCharsets.UTF_8);
        assertTrue(audit.contains("operation=users.reload "), audit);
        assertTrue(audit.contains("operation=users.reload.failed "), audit);
    }

    private static void awaitLogin(final AeolusConnectionFactory factory, final String user, final String password)
        throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            try
            {
                factory.createConnection(user, password).close();
                return;
            }
            catch (final JMSSecurityException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AssertionError("the broker did not take the changed users file within 20 s", ex);
                }
            }
        }
    }

    @Test
    void shouldRefuseAWrongPasswordAndAnUnknownUserWithTheSameMessage() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)))
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());

            final JMSSecurityException wrongPassword = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("alice", "not alice's password"));
            final JMSSecurityException unknownUser = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("mallory", ALICE_PASSWORD));
            final JMSSecurityRuntimeException viaContext = assertThrows(JMSSecurityRuntimeException.class,
                () -> factory.createContext("alice", "still not it"));

            assertEquals("authentication failed", wrongPassword.getMessage());
            assertEquals(wrongPassword.getMessage(), unknownUser.getMessage());
            assertEquals(wrongPassword.getMessage(), viaContext.getMessage());
            roundTrip(factory, "alice", ALICE_PASSWORD);
        }
    }

    @Test
    void shouldRefuseAnonymousClientsWhenSecurityIsOn() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)))
        {
            final JMSSecurityException ex = assertThrows(JMSSecurityException.class,
                () -> new AeolusConnectionFactory(broker.ipcUrl()).createConnection());

            assertTrue(ex.getMessage().contains("requires a user name and password"), ex.getMessage());
        }
    }

    @Test
    void shouldLimitTheConnectionsOfOneUser() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .set(BrokerConfiguration.MAX_CONNECTIONS_PER_USER, "2"));
            Connection first = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", ALICE_PASSWORD);
            Connection second = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", ALICE_PASSWORD))
        {
            final ResourceAllocationException ex = assertThrows(ResourceAllocationException.class,
                () -> new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", ALICE_PASSWORD));

            assertTrue(ex.getMessage().contains("aeolus.broker.max.connections.per.user=2"), ex.getMessage());
            second.close();
            roundTrip(new AeolusConnectionFactory(broker.ipcUrl()), "alice", ALICE_PASSWORD);
        }
    }

    @Test
    void shouldSlowDownRepeatedFailuresFromOneSource() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "1s")))
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
            final long firstStartNs = System.nanoTime();
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("eve", "guess number one"));
            final long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstStartNs);

            final long secondStartNs = System.nanoTime();
            assertThrows(JMSSecurityException.class, () -> factory.createConnection("eve", "guess number two"));
            final long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondStartNs);

            // A lower bound only: the broker holds the second answer for the configured delay.
            assertTrue(secondMs >= 1_000, "second failure answered after " + secondMs + " ms (first " + firstMs + ")");
        }
    }

    @Test
    void shouldAuthenticateWithPlainOnlyWhereTheBrokerEnablesIt() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        try (EmbeddedBroker secure = EmbeddedBroker.start(SecureBroker.context(dataDir)))
        {
            final TransportException refused = assertThrows(TransportException.class,
                () -> ClientEndpoint.connect(plainContext(secure.ipcUrl())).close());

            assertEquals(ErrorCode.SECURITY, refused.code());
            assertTrue(refused.getMessage().contains("PLAIN is not enabled"), refused.getMessage());
        }
        try (EmbeddedBroker plain = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .set(BrokerConfiguration.SECURITY_MECHANISMS, "SCRAM-SHA-256,PLAIN"));
            ClientEndpoint endpoint = ClientEndpoint.connect(plainContext(plain.ipcUrl())))
        {
            assertTrue(endpoint.connectionId() > 0);
        }
    }

    @Test
    void shouldAuditLoginsInTheDataDirectory() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)))
        {
            roundTrip(new AeolusConnectionFactory(broker.ipcUrl()), "alice", ALICE_PASSWORD);
            assertThrows(JMSSecurityException.class,
                () -> new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", "wrong password"));
        }

        // Closing the broker drains the audit writer.
        final List<String> lines = Files.readAllLines(dataDir.resolve("audit.log"), StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(line -> line.contains("event=AUTH_SUCCESS user=\"alice\"") &&
            line.contains("source=\"aeron:ipc\"")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("event=AUTH_FAILURE user=\"alice\"") &&
            line.contains("reason=\"wrong password\"")), lines.toString());
        assertFalse(Files.readString(dataDir.resolve("users")).contains(ALICE_PASSWORD));
    }

    @Test
    void shouldLetOnlyTheOwnerConsumeFromATemporaryQueue() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        SecureBroker.addUser(dataDir, "bob", "bob-secret-123", "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir));
            Connection owner = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("alice", ALICE_PASSWORD);
            Connection other = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("bob", "bob-secret-123"))
        {
            final Session ownerSession = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final TemporaryQueue replies = ownerSession.createTemporaryQueue();
            final MessageConsumer ownConsumer = ownerSession.createConsumer(replies);
            owner.start();

            final Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            otherSession.createProducer(replies).send(otherSession.createTextMessage("a reply"));
            assertThrows(InvalidDestinationException.class, () -> otherSession.createConsumer(replies));
            assertEquals("a reply", ((TextMessage)ownConsumer.receive(10_000)).getText());
        }
    }

    private static ClientEndpointContext plainContext(final String url)
    {
        return new ClientEndpointContext(EndpointUri.parse(url))
            .credentials("alice", ALICE_PASSWORD.getBytes(StandardCharsets.UTF_8))
            .authMechanism(AuthMechanism.PLAIN);
    }

    private static void roundTrip(final AeolusConnectionFactory factory, final String user, final String password)
        throws Exception
    {
        try (Connection connection = factory.createConnection(user, password))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("secure.roundtrip");
            final MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("hello " + user));
            final TextMessage received = (TextMessage)consumer.receive(10_000);
            assertNotNull(received, "no message back for " + user);
            assertEquals("hello " + user, received.getText());
        }
    }
}
