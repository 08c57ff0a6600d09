package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.MessageInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browsing a queue through management pages through every waiting message in queue order, those paged out to the
 * journal included (read from it and left there), before and after a restart.
 */
@Timeout(120)
class AdminBrowsePagedIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int COUNT = 1000;
    private static final String PAGING_WINDOW = "100";

    @TempDir
    Path dataDir;

    @Test
    void shouldBrowseThePagedOutMessagesInQueueOrderAndLeaveThemInTheQueue() throws Exception
    {
        try (EmbeddedBroker broker = start())
        {
            send(broker, "orders", COUNT);
            try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
            {
                assertPagedOut(admin);
                assertPages(admin);
            }
        }
    }

    @Test
    void shouldBrowseThePagedOutMessagesAfterARestart() throws Exception
    {
        try (EmbeddedBroker broker = start())
        {
            send(broker, "orders", COUNT);
        }
        try (EmbeddedBroker broker = start();
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            assertPagedOut(admin);
            assertPages(admin);
        }
    }

    @Test
    void shouldBrowseTheRestOfAQueueAfterSomeMessagesWereConsumed() throws Exception
    {
        try (EmbeddedBroker broker = start())
        {
            send(broker, "orders", COUNT);
            final List<String> consumed = receive(broker, "orders", 150);
            assertEquals("m149", consumed.get(149));
            try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
            {
                assertEquals(bodies(150, 200), bodies(admin.browse("orders", "", 0, 50)));
                assertEquals(bodies(COUNT - 50, COUNT), bodies(admin.browse("orders", "", COUNT - 150 - 50, 50)));
                assertEquals(List.of(), admin.browse("orders", "", COUNT - 150, 50));
            }
        }
    }

    private void assertPagedOut(final AdminClient admin) throws JMSException
    {
        final long pagedOut = pagedOut(admin);
        assertTrue(pagedOut >= COUNT - 100, "at most the paging window in memory: " + pagedOut + " paged out");
    }

    private static void assertPages(final AdminClient admin) throws JMSException
    {
        assertEquals(bodies(0, 50), bodies(admin.browse("orders", "", 0, 50)), "the first page, in memory");
        assertEquals(bodies(COUNT - 50, COUNT), bodies(admin.browse("orders", "", COUNT - 50, 50)),
            "the last page, paged out");
        assertEquals(bodies(80, 130), bodies(admin.browse("orders", "", 80, 50)), "a page across the boundary");
        assertEquals(bodies(500, 1000), bodies(admin.browse("orders", "", 500, 1000)), "a long page");
        assertEquals(List.of(), admin.browse("orders", "", COUNT, 50), "past the end");
        assertEquals(bodies(990, 1000), bodies(admin.browse("orders", "", 990, 50)), "a short last page");
        assertEquals(COUNT, depth(admin), "nothing paged in for good by the browse: still all there");
    }

    static long pagedOut(final AdminClient admin) throws JMSException
    {
        // A job's dry run counts the matching messages paged out to the journal.
        return new AdminJobs(admin).dryRun(io.aeolus.management.JobKind.MOVE, "orders", "orders.copy", null, null)
            .pagedOut();
    }

    private static long depth(final AdminClient admin) throws JMSException
    {
        for (final io.aeolus.management.DestinationInfo info : admin.destinations())
        {
            if (info.name().equals("orders"))
            {
                return info.depth();
            }
        }
        return -1;
    }

    private EmbeddedBroker start() throws Exception
    {
        return EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, PAGING_WINDOW));
    }

    private static List<String> bodies(final int from, final int to)
    {
        final List<String> bodies = new ArrayList<>();
        for (int i = from; i < to; i++)
        {
            bodies.add("m" + i);
        }
        return bodies;
    }

    private static List<String> bodies(final List<MessageInfo> page)
    {
        final List<String> bodies = new ArrayList<>();
        for (final MessageInfo info : page)
        {
            bodies.add(info.body());
        }
        return bodies;
    }

    private static Connection connect(final EmbeddedBroker broker) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }

    private static void send(final EmbeddedBroker broker, final String queue, final int count) throws JMSException
    {
        try (Connection connection = connect(broker))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    private static List<String> receive(final EmbeddedBroker broker, final String queue, final int count)
        throws JMSException
    {
        return receive(broker, queue, count, TIMEOUT.toMillis());
    }

    private static List<String> receive(final EmbeddedBroker broker, final String queue, final int count,
        final long timeoutMs) throws JMSException
    {
        final List<String> bodies = new ArrayList<>();
        try (Connection connection = connect(broker))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            while (bodies.size() < count)
            {
                final jakarta.jms.Message message = consumer.receive(timeoutMs);
                if (null == message)
                {
                    break;
                }
                bodies.add(message.getBody(String.class));
            }
        }
        return bodies;
    }
}
