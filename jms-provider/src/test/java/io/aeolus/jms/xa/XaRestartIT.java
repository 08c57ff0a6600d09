package io.aeolus.jms.xa;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminXa;
import io.aeolus.management.PreparedBranch;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepared XA branches across an orderly broker restart on the same data directory: the branch, what it sent and
 * what it received stay held (listed by an administrator, found by recover) until its transaction manager commits;
 * a heuristic outcome is remembered across a restart until the manager forgets it. A further restart brings nothing
 * back.
 */
@Timeout(120)
class XaRestartIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 500;

    @TempDir
    Path dataDir;

    @Test
    void shouldHoldAPreparedBranchAndItsInputAcrossARestartUntilRecoveryCommitsIt() throws Exception
    {
        final Xid xid = TestXid.random();
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            send(broker, "xa.restart.in", "order-1");
            try (XAConnection xaConnection = new AeolusConnectionFactory(broker.ipcUrl()).createXAConnection())
            {
                xaConnection.start();
                final XASession session = xaConnection.createXASession();
                final XAResource resource = session.getXAResource();
                final MessageConsumer consumer = session.createConsumer(session.createQueue("xa.restart.in"));
                resource.start(xid, XAResource.TMNOFLAGS);
                final TextMessage order = (TextMessage)consumer.receive(RECEIVE_MS);
                assertNotNull(order);
                session.createProducer(session.createQueue("xa.restart.out"))
                    .send(session.createTextMessage("shipped-" + order.getText()));
                resource.end(xid, XAResource.TMSUCCESS);
                assertEquals(XAResource.XA_OK, resource.prepare(xid));
            }
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT);
            XAConnection xaConnection = new AeolusConnectionFactory(broker.ipcUrl()).createXAConnection())
        {
            connection.start();
            final List<PreparedBranch> branches = new AdminXa(admin).branches();
            assertEquals(1, branches.size(), branches.toString());
            assertEquals("PREPARED", branches.get(0).state());
            assertEquals(1, branches.get(0).sends());
            assertEquals(1, branches.get(0).acknowledged());
            assertEquals(List.of(), drain(connection, "xa.restart.in", ABSENT_MS), "its input stays locked");
            assertEquals(List.of(), drain(connection, "xa.restart.out", ABSENT_MS), "its send stays held");

            final XAResource resource = xaConnection.createXASession().getXAResource();
            final Xid[] recovered = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertTrue(Arrays.asList(recovered).contains(xid), Arrays.toString(recovered));
            resource.commit(xid, false);

            assertEquals(List.of("shipped-order-1"), drain(connection, "xa.restart.out", RECEIVE_MS));
            assertEquals(List.of(), drain(connection, "xa.restart.in", ABSENT_MS), "the commit consumed the input");
            assertEquals(List.of(), new AdminXa(admin).branches());
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            connection.start();
            assertEquals(List.of(), new AdminXa(admin).branches());
            assertEquals(List.of(), drain(connection, "xa.restart.in", ABSENT_MS), "nothing comes back");
            assertEquals(List.of(), drain(connection, "xa.restart.out", ABSENT_MS), "nothing twice");
        }
    }

    @Test
    void shouldRememberAHeuristicOutcomeAcrossARestartUntilItIsForgotten() throws Exception
    {
        final Xid xid = TestXid.random();
        final String written;
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT);
            XAConnection xaConnection = new AeolusConnectionFactory(broker.ipcUrl()).createXAConnection())
        {
            connection.start();
            final XASession session = xaConnection.createXASession();
            final XAResource resource = session.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("xa.restart.heuristic"))
                .send(session.createTextMessage("never"));
            resource.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, resource.prepare(xid));
            final AdminXa xa = new AdminXa(admin);
            written = xa.branches().get(0).xid();

            xa.rollback(written);
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT);
            XAConnection xaConnection = new AeolusConnectionFactory(broker.ipcUrl()).createXAConnection())
        {
            connection.start();
            final List<PreparedBranch> branches = new AdminXa(admin).branches();
            assertEquals(1, branches.size(), branches.toString());
            assertEquals(written, branches.get(0).xid());
            assertEquals("HEURISTIC_ROLLED_BACK", branches.get(0).state());
            final XAResource resource = xaConnection.createXASession().getXAResource();
            assertTrue(Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).contains(xid));
            assertEquals(XAException.XA_HEURRB,
                assertThrows(XAException.class, () -> resource.commit(xid, false)).errorCode);

            resource.forget(xid);

            assertEquals(List.of(), new AdminXa(admin).branches());
            assertEquals(List.of(), drain(connection, "xa.restart.heuristic", ABSENT_MS));
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            connection.start();
            assertEquals(List.of(), new AdminXa(admin).branches(), "a forgotten branch stays forgotten");
        }
    }

    private static void send(final EmbeddedBroker broker, final String queue, final String text) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }

    /**
     * Receives (and acknowledges) every message of a queue until none comes within the wait.
     */
    private static List<String> drain(final Connection connection, final String queue, final long waitMs)
        throws Exception
    {
        final List<String> texts = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue)))
        {
            Message message;
            while (null != (message = consumer.receive(waitMs)))
            {
                texts.add(((TextMessage)message).getText());
            }
        }
        return texts;
    }
}
