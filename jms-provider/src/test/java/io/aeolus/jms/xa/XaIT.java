package io.aeolus.jms.xa;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminXa;
import io.aeolus.management.PreparedBranch;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XA through the JMS API against an embedded broker: what a branch sends and receives shows only when it commits,
 * comes back when it rolls back, and calls out of turn get the XA specification's codes.
 */
@Timeout(60)
class XaIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    private AeolusConnectionFactory factory;
    private XAConnection xaConnection;
    private Connection plain;
    private XASession xaSession;
    private XAResource resource;
    private Session session;
    private Queue queue;

    @BeforeAll
    static void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @BeforeEach
    void setUp(final TestInfo info) throws Exception
    {
        factory = new AeolusConnectionFactory(broker.ipcUrl());
        xaConnection = factory.createXAConnection();
        xaConnection.start();
        xaSession = xaConnection.createXASession();
        resource = xaSession.getXAResource();
        plain = factory.createConnection();
        plain.start();
        session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("xa." + info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void tearDown() throws Exception
    {
        xaConnection.close();
        plain.close();
    }

    @Test
    void shouldDeliverWhatABranchSentOnlyAfterTwoPhaseCommit() throws Exception
    {
        final Xid xid = TestXid.random();
        final MessageConsumer consumer = session.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("held"));
        resource.end(xid, XAResource.TMSUCCESS);

        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        assertNull(consumer.receive(ABSENT_MS), "nothing of a prepared branch is visible");

        resource.commit(xid, false);

        assertEquals("held", ((TextMessage)consumer.receive(RECEIVE_MS)).getText());
    }

    @Test
    void shouldDropWhatARolledBackBranchSent() throws Exception
    {
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("dropped"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));

        resource.rollback(xid);

        assertNull(session.createConsumer(queue).receive(ABSENT_MS));
    }

    @Test
    void shouldCommitInOnePhase() throws Exception
    {
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("one"));
        resource.end(xid, XAResource.TMSUCCESS);

        resource.commit(xid, true);

        assertEquals("one", ((TextMessage)session.createConsumer(queue).receive(RECEIVE_MS)).getText());
    }

    @Test
    void shouldRedeliverWhatARolledBackBranchReceivedAndForgetWhatACommittedOneDid() throws Exception
    {
        session.createProducer(queue).send(session.createTextMessage("work"));
        final MessageConsumer xaConsumer = xaSession.createConsumer(queue);
        final Xid first = TestXid.random();
        resource.start(first, XAResource.TMNOFLAGS);
        assertEquals("work", ((TextMessage)xaConsumer.receive(RECEIVE_MS)).getText());
        resource.end(first, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(first));

        resource.rollback(first);

        final Xid second = TestXid.random();
        resource.start(second, XAResource.TMNOFLAGS);
        final Message again = xaConsumer.receive(RECEIVE_MS);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        resource.end(second, XAResource.TMSUCCESS);
        resource.commit(second, true);
        xaConsumer.close();
        assertNull(session.createConsumer(queue).receive(ABSENT_MS), "a committed receive is gone");
    }

    @Test
    void shouldKeepWhatAPreparedBranchReceivedFromOtherConsumers() throws Exception
    {
        session.createProducer(queue).send(session.createTextMessage("locked"));
        final MessageConsumer xaConsumer = xaSession.createConsumer(queue);
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(xaConsumer.receive(RECEIVE_MS));
        xaConsumer.close();
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));

        xaSession.close();
        final MessageConsumer other = session.createConsumer(queue);
        assertNull(other.receive(ABSENT_MS), "locked by the prepared branch");

        resource.rollback(xid);

        assertEquals("locked", ((TextMessage)other.receive(RECEIVE_MS)).getText());
    }

    @Test
    void shouldAnswerReadOnlyForABranchThatDidNothing() throws Exception
    {
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        resource.end(xid, XAResource.TMSUCCESS);

        assertEquals(XAResource.XA_RDONLY, resource.prepare(xid));
        assertCode(XAException.XAER_NOTA, () -> resource.commit(xid, false));
    }

    @Test
    void shouldAnswerTheXaCodesForBadInput() throws Exception
    {
        final Xid xid = TestXid.random();

        assertCode(XAException.XAER_NOTA, () -> resource.commit(xid, false));
        assertCode(XAException.XAER_NOTA, () -> resource.rollback(xid));
        assertCode(XAException.XAER_NOTA, () -> resource.end(xid, XAResource.TMSUCCESS));
        assertCode(XAException.XAER_NOTA, () -> resource.start(xid, XAResource.TMJOIN));
        assertCode(XAException.XAER_INVAL, () -> resource.start(null, XAResource.TMNOFLAGS));
        assertCode(XAException.XAER_INVAL, () -> resource.start(xid, XAResource.TMSUCCESS));
        assertCode(XAException.XAER_INVAL, () -> resource.setTransactionTimeout(-1));
        assertCode(XAException.XAER_INVAL, () -> resource.recover(42));
        resource.start(xid, XAResource.TMNOFLAGS);
        assertCode(XAException.XAER_PROTO, () -> resource.start(TestXid.random(), XAResource.TMNOFLAGS));
        assertCode(XAException.XAER_PROTO, () -> resource.prepare(xid));
        xaSession.createProducer(queue).send(xaSession.createTextMessage("x"));
        resource.end(xid, XAResource.TMSUCCESS);
        final XASession other = xaConnection.createXASession();
        assertCode(XAException.XAER_DUPID, () -> other.getXAResource().start(xid, XAResource.TMNOFLAGS));
        assertCode(XAException.XAER_PROTO, () -> resource.commit(xid, false));
        assertCode(XAException.XAER_PROTO, () -> resource.forget(xid));
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        assertCode(XAException.XAER_PROTO, () -> resource.commit(xid, true));
        assertCode(XAException.XAER_PROTO, () -> resource.prepare(xid));
        resource.rollback(xid);
        assertCode(XAException.XAER_NOTA, () -> resource.commit(xid, false));
        assertThrows(TransactionInProgressException.class, xaSession::commit);
        assertThrows(TransactionInProgressException.class, xaSession::rollback);
        assertTrue(xaSession.getTransacted());
    }

    @Test
    void shouldRollBackABranchEndedWithFailure() throws Exception
    {
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("failed"));
        resource.end(xid, XAResource.TMFAIL);

        assertCode(XAException.XA_RBROLLBACK, () -> resource.prepare(xid));
        assertNull(session.createConsumer(queue).receive(ABSENT_MS));
    }

    @Test
    void shouldListPreparedBranchesInRecoverAndCompleteThemThroughAnotherResource() throws Exception
    {
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("recovered"));
        resource.end(xid, XAResource.TMSUCCESS);
        resource.prepare(xid);

        final XAConnection another = factory.createXAConnection();
        try
        {
            final XAResource other = another.createXASession().getXAResource();
            assertTrue(other.isSameRM(resource));
            final Xid[] listed = other.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertTrue(Arrays.asList(listed).contains(xid), Arrays.toString(listed));
            assertEquals(0, other.recover(XAResource.TMENDRSCAN).length);

            other.commit(xid, false);
        }
        finally
        {
            another.close();
        }

        assertEquals("recovered", ((TextMessage)session.createConsumer(queue).receive(RECEIVE_MS)).getText());
    }

    @Test
    void shouldLetAnAdministratorResolveAPreparedBranchHeuristically() throws Exception
    {
        final Xid committed = TestXid.random();
        resource.start(committed, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("by the administrator"));
        resource.end(committed, XAResource.TMSUCCESS);
        resource.prepare(committed);
        final Xid rolledBack = TestXid.random();
        resource.start(rolledBack, XAResource.TMNOFLAGS);
        xaSession.createProducer(queue).send(xaSession.createTextMessage("never"));
        resource.end(rolledBack, XAResource.TMSUCCESS);
        resource.prepare(rolledBack);
        final MessageConsumer consumer = session.createConsumer(queue);

        try (AdminClient admin = new AdminClient(plain, Duration.ofSeconds(10)))
        {
            final AdminXa xa = new AdminXa(admin);
            final List<String> listed = new ArrayList<>();
            for (final PreparedBranch branch : xa.branches())
            {
                listed.add(branch.xid());
                if (branch.xid().endsWith(hex(committed)))
                {
                    assertEquals("PREPARED", branch.state());
                    assertEquals(1, branch.sends());
                    xa.commit(branch.xid());
                }
                else if (branch.xid().endsWith(hex(rolledBack)))
                {
                    xa.rollback(branch.xid());
                }
            }
            assertEquals(2, listed.stream().filter((x) -> x.endsWith(hex(committed)) || x.endsWith(hex(rolledBack)))
                .count(), listed.toString());
            assertThrows(jakarta.jms.JMSException.class, () -> xa.commit("1:00:00"));
        }

        assertEquals("by the administrator", ((TextMessage)consumer.receive(RECEIVE_MS)).getText());
        assertNull(consumer.receive(ABSENT_MS));
        assertCode(XAException.XA_HEURCOM, () -> resource.commit(committed, false));
        assertCode(XAException.XA_HEURRB, () -> resource.rollback(rolledBack));
        assertTrue(Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN)).contains(committed));
        resource.forget(committed);
        resource.forget(rolledBack);
        assertFalse(Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN)).contains(committed));
    }

    private static String hex(final Xid xid)
    {
        return java.util.HexFormat.of().formatHex(xid.getGlobalTransactionId()) + ":" +
            java.util.HexFormat.of().formatHex(xid.getBranchQualifier());
    }

    @Test
    void shouldWorkThroughAnXaContext() throws Exception
    {
        final MessageConsumer consumer = session.createConsumer(queue);
        try (XAJMSContext context = factory.createXAContext())
        {
            final Xid xid = TestXid.random();
            final XAResource contextResource = context.getXAResource();
            assertTrue(context.getTransacted());
            contextResource.start(xid, XAResource.TMNOFLAGS);
            context.createProducer().send(queue, "from a context");
            contextResource.end(xid, XAResource.TMSUCCESS);
            assertNull(consumer.receive(ABSENT_MS));
            contextResource.commit(xid, true);
            assertEquals(JMSContext.SESSION_TRANSACTED, context.getSessionMode());
        }

        assertNotNull(consumer.receive(RECEIVE_MS));
    }

    @Test
    void shouldCaptureConsumedMessagesWhenTheSessionClosesInsideTheBranch() throws Exception
    {
        session.createProducer(queue).send(session.createTextMessage("closed inside"));
        final Xid xid = TestXid.random();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(xaSession.createConsumer(queue).receive(RECEIVE_MS));

        xaSession.close();
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        resource.commit(xid, false);

        assertNull(session.createConsumer(queue).receive(ABSENT_MS), "consumed once, committed");
    }

    @Test
    void shouldNotBeTheSameResourceManagerAsAnotherBroker(@TempDir final Path otherDir) throws Exception
    {
        try (EmbeddedBroker other = EmbeddedBroker.startIsolated(otherDir))
        {
            final XAConnection connection = new AeolusConnectionFactory(other.ipcUrl()).createXAConnection();
            try
            {
                assertFalse(connection.createXASession().getXAResource().isSameRM(resource));
            }
            finally
            {
                connection.close();
            }
        }
    }

    private static void assertCode(final int code, final XaCall call)
    {
        final XAException ex = assertThrows(XAException.class, call::run);
        assertEquals(code, ex.errorCode, "want " + code + ", got " + ex.errorCode + ": " + ex.getMessage());
    }

    /**
     * One XAResource call.
     */
    @FunctionalInterface
    interface XaCall
    {
        void run() throws Exception;
    }
}
