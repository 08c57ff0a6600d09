package io.aeolus.jms.security;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Permission;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.NewMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For each permission, through the JMS API and through the management protocol: a user whose role grants it
 * succeeds, and a user whose role grants everything but it gets a {@link JMSSecurityException} naming the operation
 * and the destination. Both users may use the management queue ({@code manage} on {@code aeolus.management}); the
 * permission under test is granted or withheld on the {@code matrix.} destinations only.
 */
@Timeout(120)
class AuthorizationMatrixIT
{
    private static final String PASSWORD = "a long enough password";
    private static final String QUEUE = "matrix.queue";
    private static final String TOPIC = "matrix.topic";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(value = Permission.class, names = {"SEND", "CONSUME", "BROWSE", "CREATE_DURABLE", "DELETE_DURABLE",
        "CREATE_DESTINATION"})
    void shouldAllowTheHolderOfAPermissionAndDenyEveryoneElse(final Permission permission) throws Exception
    {
        try (EmbeddedBroker broker = start(permission))
        {
            prepare(broker, permission);
            try (Connection granted = connect(broker, "granted"))
            {
                perform(granted, permission);
            }
            try (Connection denied = connect(broker, "denied"))
            {
                final JMSSecurityException ex = assertThrows(JMSSecurityException.class,
                    () -> perform(denied, permission));

                assertTrue(ex.getMessage().contains(permission.configName()), ex.getMessage());
                assertTrue(ex.getMessage().contains("matrix."), ex.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Permission.class, names = {"SEND", "BROWSE", "DELETE_DURABLE", "CREATE_DESTINATION",
        "DELETE_DESTINATION", "MANAGE"})
    void shouldCheckEachManagementOperationAgainstTheRequestersPermissionOnItsDestination(
        final Permission permission) throws Exception
    {
        try (EmbeddedBroker broker = start(permission))
        {
            try (Connection setup = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("setup", PASSWORD);
                AdminClient admin = new AdminClient(setup, Duration.ofSeconds(10)))
            {
                setup.start();
                admin.createQueue(QUEUE);
                admin.createQueue(QUEUE + ".granted");
                admin.createQueue(QUEUE + ".denied");
            }
            if (permission == Permission.DELETE_DURABLE)
            {
                createDurableSubscriptions(broker);
            }
            for (final String user : new String[]{"granted", "denied"})
            {
                try (Connection connection = connect(broker, user);
                    AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
                {
                    connection.start();
                    if ("granted".equals(user))
                    {
                        manage(admin, permission, user);
                    }
                    else
                    {
                        final JMSSecurityException ex = assertThrows(JMSSecurityException.class,
                            () -> manage(admin, permission, user));
                        assertTrue(ex.getMessage().contains(permission.configName()), ex.getMessage());
                        assertTrue(ex.getMessage().contains("matrix."), ex.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void shouldLetOnlyManagersReadTheMetricsTopic() throws Exception
    {
        try (EmbeddedBroker broker = start(Permission.MANAGE))
        {
            try (Connection granted = connect(broker, "granted"))
            {
                consumeMetrics(granted);
            }
            try (Connection denied = connect(broker, "denied"))
            {
                assertThrows(JMSSecurityException.class, () -> consumeMetrics(denied));
            }
        }
    }

    private EmbeddedBroker start(final Permission permission)
    {
        SecureBroker.addUser(dataDir, "granted", PASSWORD, "granted", "operator");
        SecureBroker.addUser(dataDir, "denied", PASSWORD, "denied", "operator");
        SecureBroker.addUser(dataDir, "setup", PASSWORD, AccessPolicy.ADMIN_ROLE);
        final Broker.Context context = SecureBroker.context(dataDir)
            .securityRole("granted", permission.configName(), "matrix.#," + AccessPolicy.METRICS_TOPIC)
            .securityRole("denied", "all", "matrix.#," + AccessPolicy.METRICS_TOPIC)
            .securityRole("denied", "deny." + permission.configName(), "matrix.#," + AccessPolicy.METRICS_TOPIC)
            .securityRole("operator", "manage", AccessPolicy.MANAGEMENT_QUEUE);
        // What each operation needs besides the permission under test: the destination exists (setup creates it).
        if (permission == Permission.CREATE_DURABLE)
        {
            context.securityRole("granted", "consume", "matrix.#");
        }
        if (permission == Permission.CREATE_DESTINATION)
        {
            context.securityRole("granted", "send", "matrix.#");
        }
        return EmbeddedBroker.start(context);
    }

    private static Connection connect(final EmbeddedBroker broker, final String user) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection(user, PASSWORD);
        connection.setClientID(user + "-client");
        return connection;
    }

    private static void prepare(final EmbeddedBroker broker, final Permission permission) throws JMSException
    {
        if (permission == Permission.CREATE_DESTINATION)
        {
            return;
        }
        try (Connection setup = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("setup", PASSWORD))
        {
            final Session session = setup.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("ready"));
            session.createConsumer(session.createTopic(TOPIC)).close();
        }
        if (permission == Permission.DELETE_DURABLE)
        {
            createDurableSubscriptions(broker);
        }
    }

    /**
     * One durable subscription named {@code durable} on the matrix topic for each user's client id, made by the
     * setup user: what the user under test then deletes.
     */
    private static void createDurableSubscriptions(final EmbeddedBroker broker) throws JMSException
    {
        for (final String user : new String[]{"granted", "denied"})
        {
            try (Connection owner = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("setup", PASSWORD))
            {
                owner.setClientID(user + "-client");
                final Session session = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableSubscriber(session.createTopic(TOPIC), "durable").close();
            }
        }
    }

    private static void perform(final Connection connection, final Permission permission) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Topic topic = session.createTopic(TOPIC);
        switch (permission)
        {
            case SEND:
                session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("m"));
                break;
            case CONSUME:
                session.createConsumer(session.createQueue(QUEUE)).close();
                break;
            case BROWSE:
                final QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE));
                browser.getEnumeration().hasMoreElements();
                browser.close();
                break;
            case CREATE_DURABLE:
                session.createDurableSubscriber(topic, "durable").close();
                break;
            case DELETE_DURABLE:
                session.unsubscribe("durable");
                break;
            case CREATE_DESTINATION:
                session.createProducer(session.createQueue("matrix.new." + connection.getClientID()))
                    .send(session.createTextMessage("creates the queue"));
                break;
            default:
                throw new IllegalArgumentException("not through the JMS API: " + permission);
        }
    }

    private static void manage(final AdminClient admin, final Permission permission, final String user)
        throws JMSException
    {
        switch (permission)
        {
            case SEND:
                admin.sendMessage(QUEUE, false, NewMessage.text("sent through management"));
                break;
            case BROWSE:
                admin.browse(QUEUE, null, 0, 10);
                break;
            case DELETE_DURABLE:
                admin.dropSubscription(TOPIC, user + "-client", "durable");
                break;
            case CREATE_DESTINATION:
                admin.createQueue("matrix.created." + user);
                break;
            case DELETE_DESTINATION:
                admin.deleteDestination(QUEUE + "." + user, false);
                break;
            case MANAGE:
                admin.purge(QUEUE);
                break;
            default:
                throw new IllegalArgumentException("no management operation for " + permission);
        }
    }

    private static void consumeMetrics(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createTopic(AccessPolicy.METRICS_TOPIC)).close();
    }
}
