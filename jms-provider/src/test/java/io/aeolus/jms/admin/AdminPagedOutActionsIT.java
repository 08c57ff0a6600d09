package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.MessageDetail;
import io.aeolus.management.MessageInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 2: acting by JMSMessageID on messages paged out to the journal (getMessage, delete, move, copy,
 * resend, export) finds them there; a queue of 1,000 messages of which a paging window of 100 is in memory. Each test
 * has its own queue on one broker.
 */
@Timeout(180)
class AdminPagedOutActionsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int COUNT = 1000;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
    }

    @AfterAll
    static void stop()
    {
        broker.close();
    }

    @Test
    void shouldReadAPagedOutMessageById() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("paged.get");
            final String id = idOf(admin, "paged.get", 950);

            final MessageDetail detail = admin.getMessage("paged.get", id, 1, 100);

            assertEquals(id, detail.messageId());
            assertEquals("950", new String(detail.body(), StandardCharsets.UTF_8), "the body from its second byte");
            assertEquals(950, ((Number)detail.properties().get("n")).intValue());
        }
    }

    @Test
    void shouldDeletePagedOutMessagesByIdForGood() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("paged.delete");
            final List<String> ids = List.of(idOf(admin, "paged.delete", 10), idOf(admin, "paged.delete", 900),
                idOf(admin, "paged.delete", 999));

            assertEquals(3, admin.deleteMessages("paged.delete", ids, null), "one in memory, two paged out");

            assertEquals(COUNT - 3, admin.browsePage("paged.delete", "", 0, 1).total());
            final List<String> left = receiveAll("paged.delete");
            assertEquals(COUNT - 3, left.size());
            assertFalse(left.contains("m900") || left.contains("m999") || left.contains("m10"), "deleted for good");
            assertEquals("m998", left.get(left.size() - 1));
        }
    }

    @Test
    void shouldMoveAndCopyPagedOutMessagesById() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("paged.move");
            final String moved = idOf(admin, "paged.move", 800);
            final String copied = idOf(admin, "paged.move", 801);

            assertEquals(1, admin.move("paged.move", "paged.moved", List.of(moved), null));
            assertEquals(1, admin.copy("paged.move", "paged.copied", List.of(copied), null));

            assertEquals(List.of("m800"), bodies(admin.browse("paged.moved", "", 0, 10)));
            assertEquals(List.of("m801"), bodies(admin.browse("paged.copied", "", 0, 10)));
            assertEquals(COUNT - 1, admin.browsePage("paged.move", "", 0, 1).total(), "the copied one stays");
            assertEquals(0, admin.browsePage("paged.move", "n = 800", 0, 1).total(), "the moved one left");
            assertEquals(List.of("m801"), bodies(admin.browse("paged.move", "n = 801", 0, 10)));
        }
    }

    @Test
    void shouldResendAndExportPagedOutMessages() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("paged.export");
            final String id = idOf(admin, "paged.export", 970);

            assertEquals(1, new AdminMessages(admin).resend("paged.export", List.of(id), "paged.resent", false));
            final Path file = dataDir.resolve("export.jsonl");
            final int exported = admin.exportMessages("paged.export", "n >= 990", file);

            assertEquals(List.of("m970"), bodies(admin.browse("paged.resent", "", 0, 10)));
            assertEquals(10, exported, "ten messages from the journal");
            final List<String> lines = Files.readAllLines(file);
            assertEquals(1 + 10, lines.size(), "a header and the ten messages");
            final String lastBody = java.util.Base64.getEncoder().encodeToString(
                "m999".getBytes(StandardCharsets.UTF_8));
            assertTrue(lines.get(10).contains(lastBody), "the last message's body: " + lines.get(10));
        }
    }

    private static String idOf(final AdminClient admin, final String queue, final int index) throws JMSException
    {
        final List<MessageInfo> page = admin.browse(queue, "", index, 1);
        assertEquals("m" + index, page.get(0).body());
        return page.get(0).messageId();
    }

    private static void fill(final String queue) throws JMSException
    {
        try (Connection connection = connect())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < COUNT; i++)
            {
                final TextMessage message = session.createTextMessage("m" + i);
                message.setIntProperty("n", i);
                producer.send(message);
            }
        }
    }

    private static List<String> receiveAll(final String queue) throws JMSException
    {
        final List<String> bodies = new ArrayList<>();
        try (Connection connection = connect())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message;
            while (null != (message = consumer.receive(3000)))
            {
                bodies.add(message.getBody(String.class));
            }
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

    private static Connection connect() throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }
}
