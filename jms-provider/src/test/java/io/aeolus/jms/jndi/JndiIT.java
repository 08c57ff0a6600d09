package io.aeolus.jms.jndi;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.AeolusObjectFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(60)
class JndiIT
{
    @TempDir
    Path dir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dir.resolve("data"));
    }

    @AfterEach
    void stopBroker()
    {
        broker.close();
    }

    @Test
    void shouldLookUpFactoryQueueAndTopicFromTheEnvironmentAndExchangeAMessage() throws Exception
    {
        final Context context = new InitialContext(environment());

        final ConnectionFactory factory = (ConnectionFactory)context.lookup("myFactory");
        final Queue queue = (Queue)context.lookup("orders");
        final Topic topic = (Topic)context.lookup("prices");

        assertEquals("sales.orders", queue.getQueueName());
        assertEquals("market.prices", topic.getTopicName());
        try (Connection connection = factory.createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("via jndi"));
            assertEquals("via jndi", ((TextMessage)consumer.receive(5_000)).getText());
        }
    }

    @Test
    void shouldReadEntriesFromAPropertiesFileNamedByTheProviderUrl() throws Exception
    {
        final Path file = dir.resolve("aeolus-jndi.properties");
        Files.writeString(file, "connectionFactory.fromFile=" + broker.ipcUrl() + "\nqueue.q=file.queue\n");
        final Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, AeolusInitialContextFactory.class.getName());
        env.put(Context.PROVIDER_URL, file.toString());

        final Context context = new InitialContext(env);

        assertInstanceOf(AeolusConnectionFactory.class, context.lookup("fromFile"));
        assertEquals("file.queue", ((Queue)context.lookup("q")).getQueueName());
    }

    @Test
    void shouldBindDefaultFactoriesWhenNoneIsConfigured() throws Exception
    {
        final Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, AeolusInitialContextFactory.class.getName());

        final Context context = new InitialContext(env);

        assertEquals("aeolus:ipc", ((AeolusConnectionFactory)context.lookup("ConnectionFactory")).getUrl());
        assertInstanceOf(AeolusConnectionFactory.class, context.lookup("QueueConnectionFactory"));
        assertInstanceOf(AeolusConnectionFactory.class, context.lookup("TopicConnectionFactory"));
        assertInstanceOf(jakarta.jms.XAConnectionFactory.class, context.lookup("XAConnectionFactory"));
        assertInstanceOf(jakarta.jms.XAQueueConnectionFactory.class, context.lookup("QueueConnectionFactory"));
    }

    @Test
    void shouldNameTheMissingEntry() throws Exception
    {
        final Context context = new InitialContext(environment());

        final NameNotFoundException ex = assertThrows(NameNotFoundException.class, () -> context.lookup("nope"));

        assertEquals(true, ex.getMessage().contains("nope"));
    }

    @Test
    void shouldRefuseChanges() throws Exception
    {
        final Context context = new InitialContext(environment());

        assertThrows(OperationNotSupportedException.class, () -> context.bind("x", "y"));
    }

    @Test
    void shouldRefuseAnInvalidUrlNamingTheEntry()
    {
        final Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, AeolusInitialContextFactory.class.getName());
        env.put("connectionFactory.bad", "http://nowhere");

        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> new InitialContext(env));

        assertEquals(true, ex.getMessage().contains("connectionFactory.bad"), ex.getMessage());
    }

    @Test
    void shouldSerializeAndRebuildTheFactoryFromItsReference() throws Exception
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
        factory.setPrefetch(7);
        factory.setClientId("jndi-client");

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(factory);
        }
        final AeolusConnectionFactory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            copy = (AeolusConnectionFactory)in.readObject();
        }
        final Reference reference = factory.getReference();
        final AeolusConnectionFactory rebuilt = (AeolusConnectionFactory)new AeolusObjectFactory()
            .getObjectInstance(reference, null, null, null);

        assertEquals(factory.getUrl(), copy.getUrl());
        assertEquals(factory.getUrl(), rebuilt.getUrl());
        try (Connection connection = rebuilt.createConnection())
        {
            assertEquals("jndi-client", connection.getClientID());
        }
    }

    private Hashtable<String, String> environment()
    {
        final Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, AeolusInitialContextFactory.class.getName());
        env.put("connectionFactory.myFactory", broker.ipcUrl());
        env.put("queue.orders", "sales.orders");
        env.put("topic.prices", "market.prices");
        return env;
    }
}
