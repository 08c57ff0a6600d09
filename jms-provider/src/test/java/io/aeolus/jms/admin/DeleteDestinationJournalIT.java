package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.store.H2Journal;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting a queue through management removes all it held from the journal, including messages still paged out.
 */
@Timeout(60)
class DeleteDestinationJournalIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRemoveEvenPagedOutMessagesOfADeletedQueueFromTheJournal() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "10"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(session.createQueue("doomed"));
            for (int i = 0; i < 50; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
            session.commit();

            connection.start();
            try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                admin.deleteDestination("doomed", false);
            }
        }

        try (H2Journal store = H2Journal.open(new H2Journal.Context().dataDirectory(dataDir)))
        {
            assertEquals(0, store.readReferenceCount("q/doomed"));
            assertTrue(store.readDestinations().stream().noneMatch((d) -> d.name().equals("doomed")));
        }
    }
}
