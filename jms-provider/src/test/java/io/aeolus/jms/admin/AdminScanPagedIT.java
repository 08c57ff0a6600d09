package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.ErrorCode;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.MessagePage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 2: a browse with a selector and a search cover the whole queue, the messages paged out to the
 * journal included, with exact totals and pages through to the last one; a queue of 1,000 messages of which a paging
 * window of 100 is in memory.
 */
@Timeout(120)
class AdminScanPagedIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int COUNT = 1000;
    private static final String QUEUE = "orders";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void fill() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
        try (Connection connection = connect())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            for (int i = 0; i < COUNT; i++)
            {
                final TextMessage message = session.createTextMessage(i % 100 == 42 ? "needle " + i : "m" + i);
                message.setIntProperty("n", i);
                message.setStringProperty("kind", i % 10 == 3 ? "odd" : "even");
                producer.send(message);
            }
        }
    }

    @AfterAll
    static void stop()
    {
        broker.close();
    }

    @Test
    void shouldBrowseWithASelectorThroughThePagedOutMessagesWithAnExactTotal() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            assertTrue(AdminBrowsePagedIT.pagedOut(admin) >= COUNT - 100, "most of the queue is paged out");

            final MessagePage first = admin.browsePage(QUEUE, "kind = 'odd'", 0, 5);
            assertEquals(COUNT / 10, first.total(), "every match, paged out or not");
            assertEquals(List.of("m3", "m13", "m23", "m33", "m43"), bodies(first.messages()));

            final MessagePage last = admin.browsePage(QUEUE, "kind = 'odd'", 95, 10);
            assertEquals(List.of("m953", "m963", "m973", "m983", "m993"), bodies(last.messages()), "the last page");
            assertEquals(COUNT / 10, last.total());

            final MessagePage across = admin.browsePage(QUEUE, "n >= 90 AND n < 110", 5, 10);
            assertEquals(20, across.total());
            assertEquals(bodies(95, 105), bodies(across.messages()), "a page across memory and journal");

            assertEquals(List.of(), admin.browsePage(QUEUE, "kind = 'odd'", 100, 10).messages(), "past the end");
            assertEquals(List.of("m999"), bodies(admin.browse(QUEUE, "n = 999", 0, 10)), "the plain browse too");
            assertEquals(COUNT, admin.browsePage(QUEUE, "", 0, 1).total(), "without a selector: every message");
        }
    }

    @Test
    void shouldSearchThePagedOutMessagesWithAnExactTotal() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            final MessagePage found = admin.searchPage(QUEUE, "NEEDLE", null, 0, 100);
            assertEquals(COUNT / 100, found.total());
            assertEquals(List.of("needle 42", "needle 142", "needle 242", "needle 342", "needle 442", "needle 542",
                "needle 642", "needle 742", "needle 842", "needle 942"), bodies(found.messages()));

            final MessagePage narrowed = admin.searchPage(QUEUE, "needle", "n > 500", 3, 2);
            assertEquals(5, narrowed.total(), "542 to 942");
            assertEquals(List.of("needle 842", "needle 942"), bodies(narrowed.messages()), "the last page");

            assertEquals(List.of("needle 942"), bodies(admin.search(QUEUE, "needle 9", null, 0, 10)));
        }
    }

    @Test
    void shouldRefuseATimeLimitOutOfRange() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            final JMSException refused = assertThrows(JMSException.class, () -> admin.call(
                io.aeolus.management.Request.of(io.aeolus.management.Operation.SEARCH, "name", QUEUE, "text", "x",
                "timeLimitMs", 0)));

            assertEquals(ErrorCode.INVALID_ARGUMENT, refused.getErrorCode());
            assertTrue(refused.getMessage().contains("timeLimitMs"), refused.getMessage());
        }
    }

    private static Connection connect() throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
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
}
