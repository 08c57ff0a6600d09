package io.aeolus.jms.foundation;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.store.FaultInjectingFilePath;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fails under a running broker (full, or an I/O error): the journal's H2 file lives on a file system
 * that fails every write and sync on demand. Persistent sends then fail with a {@link JMSException}
 * ({@link ResourceAllocationException}) instead of being
 * confirmed, non-persistent traffic goes on, and every message confirmed before the failure is still there after a
 * restart on the healed disk.
 */
@Timeout(60)
class JournalFailureIT
{
    private static final int CONFIRMED = 10;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void registerFileSystem()
    {
        FaultInjectingFilePath.register();
    }

    @AfterEach
    void healDisk()
    {
        FaultInjectingFilePath.failWrites(false);
    }

    @Test
    void shouldRefusePersistentSendsOnceTheDiskFailsAndKeepWhatWasConfirmed() throws Exception
    {
        final List<LogRecord> journalLog = new CopyOnWriteArrayList<>();
        final Logger journalLogger = Logger.getLogger("io.aeolus.broker.journal");
        final Handler capture = new Handler()
        {
            public void publish(final LogRecord record)
            {
                journalLog.add(record);
            }

            public void flush()
            {
            }

            public void close()
            {
            }
        };
        journalLogger.addHandler(capture);
        try
        {
            refuseOnceTheDiskFailsAndKeepWhatWasConfirmed();
        }
        finally
        {
            journalLogger.removeHandler(capture);
        }
        // Issue #19, item 8: journal problems reach the broker's log, with their cause.
        assertTrue(journalLog.stream().anyMatch((record) -> Level.SEVERE.equals(record.getLevel()) &&
            record.getMessage().startsWith("journal error") && null != record.getThrown()),
            "no journal error logged with its cause: " + journalLog.size() + " records");
    }

    private void refuseOnceTheDiskFailsAndKeepWhatWasConfirmed() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(context());
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("journal.failure");
            final MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < CONFIRMED; i++)
            {
                producer.send(session.createTextMessage("confirmed-" + i));
            }

            FaultInjectingFilePath.failWrites(true);
            final JMSException first = assertThrows(ResourceAllocationException.class,
                () -> producer.send(session.createTextMessage("lost-0")));
            assertTrue(first.getMessage().contains("journal"), first.getMessage());
            final JMSException second = assertThrows(ResourceAllocationException.class,
                () -> producer.send(session.createTextMessage("lost-1")));
            assertTrue(second.getMessage().contains("journal"), second.getMessage());

            final MessageProducer fast = session.createProducer(session.createQueue("journal.failure.fast"));
            fast.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            fast.send(session.createTextMessage("still flowing"));
            connection.start();
            final MessageConsumer consumer = session.createConsumer(session.createQueue("journal.failure.fast"));
            assertEquals("still flowing", ((TextMessage)consumer.receive(10_000)).getText());
        }
        FaultInjectingFilePath.failWrites(false);

        try (EmbeddedBroker broker = EmbeddedBroker.start(context());
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("journal.failure"));
            final List<String> received = new ArrayList<>();
            for (int i = 0; i < CONFIRMED; i++)
            {
                final TextMessage message = (TextMessage)consumer.receive(10_000);
                received.add(null == message ? null : message.getText());
            }
            for (int i = 0; i < CONFIRMED; i++)
            {
                assertEquals("confirmed-" + i, received.get(i));
            }
            assertNull(consumer.receive(200), "a refused send was stored after all");
        }
    }

    private Broker.Context context()
    {
        return EmbeddedBroker.isolatedContext(dataDir).set(BrokerConfiguration.JOURNAL_JDBC_URL,
            "jdbc:h2:" + FaultInjectingFilePath.SCHEME + ":" + dataDir.toAbsolutePath().resolve("journal/aeolus"));
    }
}
