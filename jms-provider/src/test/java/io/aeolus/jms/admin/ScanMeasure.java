package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.MessagePage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A measurement, run by name (not part of the build's tests, never asserted): how long a browse with a selector, a
 * search and a getMessage take on a queue of 200,000 messages of which a paging window of 1,000 is in memory, so that
 * the scan reads the rest from the journal. Prints one line per round; see BENCHMARKS.md.
 */
@Timeout(600)
class ScanMeasure
{
    @TempDir
    Path dataDir;

    @Test
    void measure() throws Exception
    {
        final int count = 200_000;
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "1000")))
        {
            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                final MessageProducer producer = session.createProducer(session.createQueue("big"));
                for (int i = 0; i < count; i++)
                {
                    final TextMessage message = session.createTextMessage("order " + i + " ".repeat(100));
                    message.setIntProperty("n", i);
                    producer.send(message);
                    if (i % 1000 == 999)
                    {
                        session.commit();
                    }
                }
                session.commit();
            }
            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                connection.start();
                final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(120));
                for (int round = 0; round < 3; round++)
                {
                    long start = System.nanoTime();
                    final MessagePage selected = admin.browsePage("big", "n >= " + (count - 10), 0, 50);
                    final long selectorMs = (System.nanoTime() - start) / 1_000_000;
                    start = System.nanoTime();
                    final MessagePage found = admin.searchPage("big", "order " + (count - 1), null, 0, 50);
                    final long searchMs = (System.nanoTime() - start) / 1_000_000;
                    start = System.nanoTime();
                    admin.getMessage("big", selected.messages().get(9).messageId(), 0, 1000);
                    final long getMs = (System.nanoTime() - start) / 1_000_000;
                    System.out.println("SCAN-MEASURE count=" + count + " selectorBrowseMs=" + selectorMs +
                        " total=" + selected.total() + " searchMs=" + searchMs + " total=" + found.total() +
                        " getPagedOutLastMs=" + getMs);
                }
            }
        }
    }
}
