package io.aeolus.jms.routing;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.RouteInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing rules and composite destinations through the JMS API (#17 item 2): rules of the config file (copy,
 * exclusive with a selector, a topic pattern, a composite), rules made through management surviving a restart, JMX,
 * and bad rules refused naming the problem.
 */
@Timeout(90)
class RoutingIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void shouldRouteByTheRulesAndCompositesOfTheConfigFile() throws Exception
    {
        final Path config = Files.writeString(dataDir.resolve("broker.properties"), String.join("\n",
            "aeolus.route.eu.source=queue:orders",
            "aeolus.route.eu.selector=region = 'EU'",
            "aeolus.route.eu.targets=queue:orders.eu",
            "aeolus.route.eu.mode=exclusive",
            "aeolus.route.audit.source=queue:orders",
            "aeolus.route.audit.targets=queue:orders.audit",
            "aeolus.route.ticks.source=topic:stock.#",
            "aeolus.route.ticks.targets=queue:ticks",
            "aeolus.composite.queue.notify.all=queue:notify.mail,topic:notify.feed",
            ""));
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated(dataDir.resolve("data")).configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer feed = context.createConsumer(context.createTopic("notify.feed"));

            send(context, context.createQueue("orders"), "EU", "o1");
            send(context, context.createQueue("orders"), "US", "o2");
            send(context, context.createTopic("stock.us.AAPL"), "US", "t1");
            send(context, context.createQueue("notify.all"), "US", "n1");

            assertEquals(List.of("o2"), receiveAll(context, "orders", 1));
            assertEquals(List.of("o1"), receiveAll(context, "orders.eu", 1));
            assertEquals(List.of("o1", "o2"), receiveAll(context, "orders.audit", 2));
            assertEquals(List.of("t1"), receiveAll(context, "ticks", 1));
            assertEquals(List.of("n1"), receiveAll(context, "notify.mail", 1));
            assertEquals("n1", feed.receive(RECEIVE_MS).getStringProperty("id"));
            assertEquals(List.of(), receiveAll(context, "notify.all", 0));
        }
    }

    @Test
    void shouldKeepRulesMadeThroughManagementAcrossARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final AdminRoutes routes = new AdminRoutes(new AdminClient(connection, TIMEOUT));
            routes.create("big", "queue:payments", "amount > 1000", "queue:payments.review,topic:alerts",
                "exclusive");
            routes.create("gone", "queue:x", null, "queue:y", null);
            routes.delete("gone");

            assertEquals(List.of(new RouteInfo("big", "queue:payments", "amount > 1000",
                "queue:payments.review,topic:alerts", "exclusive", false)), routes.list());
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.createProducer().setProperty("amount", 5000).setProperty("id", "p1")
                .send(context.createQueue("payments"), "big");
            context.createProducer().setProperty("amount", 5).setProperty("id", "p2")
                .send(context.createQueue("payments"), "small");

            assertEquals(List.of("p1"), receiveAll(context, "payments.review", 1));
            assertEquals(List.of("p2"), receiveAll(context, "payments", 1));
            assertEquals(List.of(), receiveAll(context, "y", 0));
        }
    }

    @Test
    void shouldManageRulesThroughJmx() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName name = broker.broker().managementName();
            final String[] signature = {"java.lang.String", "java.lang.String", "java.lang.String",
                "java.lang.String", "java.lang.String"};

            server.invoke(name, "createRoute", new Object[]{"jmx", "queue:jmx.in", "", "queue:jmx.out", "copy"},
                signature);
            send(context, context.createQueue("jmx.in"), "EU", "j1");
            final CompositeData[] rows = (CompositeData[])server.invoke(name, "listRoutes", null, null);
            final Exception loop = assertThrows(Exception.class, () -> server.invoke(name, "createRoute",
                new Object[]{"back", "queue:jmx.out", "", "queue:jmx.in", "copy"}, signature));
            server.invoke(name, "deleteRoute", new Object[]{"jmx"}, new String[]{"java.lang.String"});

            assertEquals(List.of("j1"), receiveAll(context, "jmx.out", 1));
            assertEquals(1, rows.length);
            assertEquals("queue:jmx.in", rows[0].get("source"));
            assertTrue(String.valueOf(loop.getCause()).contains("would make a loop") ||
                String.valueOf(loop.getMessage()).contains("would make a loop"), loop.toString());
            assertEquals(0, ((CompositeData[])server.invoke(name, "listRoutes", null, null)).length);
        }
    }

    @Test
    void shouldRefuseBadRulesNamingTheProblemAndKeepTheGoodOnes() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final AdminRoutes routes = new AdminRoutes(new AdminClient(connection, TIMEOUT));
            routes.create("a-to-b", "queue:a", null, "queue:b", "copy");

            assertRefused(() -> routes.create("b-to-a", "queue:b", null, "queue:a", "copy"),
                "would make a loop: queue:b -> queue:a (rule 'b-to-a') -> queue:b (rule 'a-to-b')");
            assertRefused(() -> routes.create("r", "queue:a", null, "queue:c", "maybe"), "unknown mode 'maybe'");
            assertRefused(() -> routes.create("r", "queue:a", "x = ", "queue:c", "copy"), "invalid selector");
            assertRefused(() -> routes.create("r", "queue:a", null, "topic:c.*", "copy"), "contains a wildcard");
            assertRefused(() -> routes.create("r", "a", null, "queue:c", "copy"), "must start with queue:");
            assertRefused(() -> routes.delete("none"), "no routing rule 'none'");
            assertEquals(1, routes.list().size());
        }
        final Path config = Files.writeString(dataDir.resolve("loop.properties"), String.join("\n",
            "aeolus.route.r1.source=queue:a", "aeolus.route.r1.targets=queue:b",
            "aeolus.route.r2.source=queue:b", "aeolus.route.r2.targets=queue:a", ""));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> EmbeddedBroker.start(isolated(dataDir.resolve("loop")).configFile(config)).close());
        assertTrue(ex.getMessage().contains("would make a loop"), ex.getMessage());
    }

    @Test
    void shouldLetALastValueQueueKeepTheLatestPerKeyAcrossARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(lastValue(dataDir));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            price(context, "AAPL", "1");
            price(context, "MSFT", "1");
            price(context, "AAPL", "2");
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start(lastValue(dataDir));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            price(context, "MSFT", "2");
            final List<LastValueInfo> listed;
            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                connection.start();
                listed = new AdminRoutes(new AdminClient(connection, TIMEOUT)).lastValueQueues();
            }
            final CompositeData[] jmx = (CompositeData[])ManagementFactory.getPlatformMBeanServer().invoke(
                broker.broker().managementName(), "listLastValueQueues", null, null);
            final JMSConsumer consumer = context.createConsumer(context.createQueue("prices"));

            final List<String> received = new ArrayList<>();
            for (Message message = consumer.receive(RECEIVE_MS); null != message;
                message = consumer.receive(ABSENT_MS))
            {
                received.add(message.getStringProperty("symbol") + "=" + message.getBody(String.class));
            }
            assertEquals(List.of("AAPL=2", "MSFT=2"), received);
            assertEquals(List.of(new LastValueInfo("prices", "symbol", 2, 2, "AAPL,MSFT")), listed);
            assertEquals(1, jmx.length);
            assertEquals("AAPL,MSFT", jmx[0].get("values"));
        }
    }

    @Test
    void shouldRedeliverOnlyTheLatestPerKeyAfterARecover() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(lastValue(dataDir));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("prices"));
            final MessageConsumer consumer = session.createConsumer(session.createQueue("prices"));
            sendPrice(session, producer, "AAPL", "1");
            final Message first = consumer.receive(RECEIVE_MS);
            sendPrice(session, producer, "AAPL", "2");
            final Message second = consumer.receive(RECEIVE_MS);

            session.recover();

            assertEquals("1", first.getBody(String.class));
            assertEquals("2", second.getBody(String.class));
            final Message again = consumer.receive(RECEIVE_MS);
            assertEquals("2", again.getBody(String.class), "the older price was replaced when both waited again");
            assertTrue(again.getJMSRedelivered());
            assertNull(consumer.receive(ABSENT_MS));
            again.acknowledge();
        }
    }

    private static void sendPrice(final Session session, final MessageProducer producer, final String symbol,
        final String price) throws JMSException
    {
        final Message message = session.createTextMessage(price);
        message.setStringProperty("symbol", symbol);
        producer.send(message);
    }

    private static Broker.Context lastValue(final Path dataDir)
    {
        return EmbeddedBroker.isolatedContext(dataDir).destinationSetting("prices", "last.value.key", "symbol");
    }

    private static void price(final JMSContext context, final String symbol, final String price)
    {
        context.createProducer().setProperty("symbol", symbol).send(context.createQueue("prices"), price);
    }

    private static Broker.Context isolated(final Path dataDir) throws Exception
    {
        return EmbeddedBroker.isolatedContext(Files.createDirectories(dataDir));
    }

    private static void send(final JMSContext context, final jakarta.jms.Destination destination,
        final String region, final String id)
    {
        context.createProducer().setProperty("region", region).setProperty("id", id).send(destination, id);
    }

    private static List<String> receiveAll(final JMSContext context, final String queue, final int count)
        throws JMSException
    {
        final List<String> ids = new ArrayList<>();
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue)))
        {
            for (int i = 0; i < count; i++)
            {
                final Message message = consumer.receive(RECEIVE_MS);
                if (null == message)
                {
                    break;
                }
                ids.add(message.getStringProperty("id"));
            }
            assertNull(consumer.receive(ABSENT_MS), "more in " + queue + " than " + ids);
        }
        return ids;
    }

    private static void assertRefused(final Call call, final String expected)
    {
        final JMSException ex = assertThrows(JMSException.class, call::run);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertFalse(ex.getMessage().isEmpty());
    }

    @FunctionalInterface
    private interface Call
    {
        void run() throws JMSException;
    }
}
