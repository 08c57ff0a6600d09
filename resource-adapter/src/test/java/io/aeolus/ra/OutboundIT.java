package io.aeolus.ra;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.ra.fake.TestXid;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound side as a container drives it: managed connections, their XA resource and local transaction, the
 * handles applications get, pooling by request info, connection events and recovery, against an embedded broker.
 */
@Timeout(60)
class OutboundIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private AeolusResourceAdapter adapter;
    private AeolusManagedConnectionFactory mcf;
    private Connection plain;
    private Session session;
    private String queue;

    @BeforeEach
    void setUp(final TestInfo info) throws Exception
    {
        broker = EmbeddedBroker.startIsolated(dir);
        adapter = new AeolusResourceAdapter();
        adapter.setServerUrl(broker.ipcUrl());
        mcf = new AeolusManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        plain = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        plain.start();
        session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = "out." + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void tearDown() throws Exception
    {
        adapter.stop();
        plain.close();
        broker.close();
    }

    private void sendThrough(final ManagedConnection managed, final String text) throws Exception
    {
        final Connection handle = (Connection)managed.getConnection(null, null);
        final Session handleSession = handle.createSession(false, Session.AUTO_ACKNOWLEDGE);
        handleSession.createProducer(handleSession.createQueue(queue)).send(handleSession.createTextMessage(text));
        handle.close();
    }

    private String receive(final long timeoutMs) throws Exception
    {
        final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        try
        {
            final TextMessage message = (TextMessage)consumer.receive(timeoutMs);
            return null == message ? null : message.getText();
        }
        finally
        {
            consumer.close();
        }
    }

    @Test
    void shouldSendInTheContainersXaTransactionOnlyWhenItCommits() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final XAResource resource = managed.getXAResource();

        final Xid rolledBack = TestXid.random();
        resource.start(rolledBack, XAResource.TMNOFLAGS);
        sendThrough(managed, "dropped");
        resource.end(rolledBack, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(rolledBack));
        resource.rollback(rolledBack);
        managed.cleanup();

        final Xid committed = TestXid.random();
        resource.start(committed, XAResource.TMNOFLAGS);
        sendThrough(managed, "kept");
        resource.end(committed, XAResource.TMSUCCESS);
        assertNull(receive(ABSENT_MS), "nothing before commit");
        assertEquals(XAResource.XA_OK, resource.prepare(committed));
        resource.commit(committed, false);

        assertEquals("kept", receive(RECEIVE_MS));
        assertNull(receive(ABSENT_MS));
        managed.destroy();
    }

    @Test
    void shouldRunALocalTransactionAsAOnePhaseBranch() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final LocalTransaction local = managed.getLocalTransaction();

        local.begin();
        sendThrough(managed, "dropped");
        local.rollback();
        local.begin();
        sendThrough(managed, "kept");
        assertNull(receive(ABSENT_MS));
        local.commit();

        assertEquals("kept", receive(RECEIVE_MS));
        assertThrows(jakarta.resource.spi.LocalTransactionException.class, local::commit, "nothing to commit");
        managed.destroy();
    }

    @Test
    void shouldSendAtOnceOutsideATransaction() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);

        sendThrough(managed, "now");

        assertEquals("now", receive(RECEIVE_MS));
        managed.destroy();
    }

    @Test
    void shouldRefuseWhatJakartaMessagingForbidsInAContainer() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final Connection handle = (Connection)managed.getConnection(null, null);

        assertThrows(IllegalStateException.class, () -> handle.setClientID("x"));
        assertThrows(IllegalStateException.class, () -> handle.setExceptionListener((ex) -> { }));
        assertThrows(IllegalStateException.class, handle::stop);
        assertThrows(IllegalStateException.class, () -> handle.createConnectionConsumer(
            session.createQueue(queue), null, null, 1));
        final Session first = handle.createSession();
        final IllegalStateException second = assertThrows(IllegalStateException.class, handle::createSession);
        assertTrue(second.getMessage().contains("one open session"), second.getMessage());
        assertThrows(IllegalStateException.class, () -> first.setMessageListener((m) -> { }));
        assertThrows(jakarta.jms.IllegalStateRuntimeException.class, first::run);
        final MessageConsumer consumer = first.createConsumer(first.createQueue(queue));
        assertThrows(IllegalStateException.class, () -> consumer.setMessageListener((m) -> { }));
        assertThrows(IllegalStateException.class, first::commit, "not transacted outside a transaction");

        first.close();
        handle.createSession().close();
        handle.close();
        assertThrows(IllegalStateException.class, handle::createSession, "a closed handle");
        managed.destroy();
    }

    @Test
    void shouldTellListenersOfClosedHandlesAndInvalidateHandlesOnCleanup() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final List<ConnectionEvent> events = new ArrayList<>();
        managed.addConnectionEventListener(new Recorder(events));
        final Connection closed = (Connection)managed.getConnection(null, null);
        final Connection kept = (Connection)managed.getConnection(null, null);
        final Session keptSession = kept.createSession();

        closed.close();

        assertEquals(1, events.size());
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.get(0).getId());
        assertSame(closed, events.get(0).getConnectionHandle());

        managed.cleanup();
        assertThrows(IllegalStateException.class, kept::createSession);
        assertThrows(IllegalStateException.class, () -> keptSession.createQueue("x"));
        assertEquals(1, events.size(), "cleanup sends no event");
        sendThrough(managed, "still usable");
        assertEquals("still usable", receive(RECEIVE_MS));
        managed.destroy();
    }

    @Test
    void shouldReportAConnectionErrorWhenTheBrokerGoes() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final List<ConnectionEvent> events = new ArrayList<>();
        managed.addConnectionEventListener(new Recorder(events));

        plain.close();
        broker.close();

        final long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && events.isEmpty())
        {
            Thread.sleep(50);
        }
        assertEquals(1, events.size(), "one error event");
        assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, events.get(0).getId());
        assertNotNull(events.get(0).getException());
        assertNull(mcf.matchManagedConnections(Set.of(managed), null, null), "a broken connection is not reused");
        managed.destroy();
        broker = EmbeddedBroker.startIsolated(dir.resolve("again"));
        plain = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
    }

    @Test
    void shouldMatchPooledConnectionsByCredentials() throws Exception
    {
        final AeolusConnectionRequestInfo anonymous = new AeolusConnectionRequestInfo(null, null);
        final ManagedConnection managed = mcf.createManagedConnection(null, anonymous);

        assertSame(managed, mcf.matchManagedConnections(Set.of(managed), null, anonymous));
        assertNull(mcf.matchManagedConnections(Set.of(managed), null,
            new AeolusConnectionRequestInfo("alice", "secret")));
        managed.destroy();
    }

    @Test
    void shouldConnectAsTheContainersPasswordCredentialForThisFactory() throws Exception
    {
        final javax.security.auth.Subject subject = new javax.security.auth.Subject();
        final jakarta.resource.spi.security.PasswordCredential other =
            new jakarta.resource.spi.security.PasswordCredential("mallory", "x".toCharArray());
        other.setManagedConnectionFactory(new AeolusManagedConnectionFactory());
        final jakarta.resource.spi.security.PasswordCredential mine =
            new jakarta.resource.spi.security.PasswordCredential("alice", "secret".toCharArray());
        mine.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(other);
        subject.getPrivateCredentials().add(mine);

        final Settings settings = mcf.settingsFor(subject, new AeolusConnectionRequestInfo("bob", "b"));

        assertEquals("alice", settings.userName(), "the container's credential wins over the application's");
        assertEquals("secret", settings.password());
        assertEquals("bob", mcf.settingsFor(null, new AeolusConnectionRequestInfo("bob", "b")).userName());
        mcf.setUserName("carol");
        assertEquals("carol", mcf.settingsFor(null, null).userName(), "the factory's own user otherwise");
        assertEquals(broker.ipcUrl(), mcf.settingsFor(null, null).url(), "the adapter's URL");
    }

    @Test
    void shouldGiveApplicationsPooledConnectionsThroughAnUnmanagedFactory() throws Exception
    {
        final ConnectionFactory factory = (ConnectionFactory)mcf.createConnectionFactory();
        try (Connection connection = factory.createConnection())
        {
            final Session handleSession = connection.createSession();
            handleSession.createProducer(handleSession.createQueue(queue))
                .send(handleSession.createTextMessage("unmanaged"));
        }
        assertEquals("unmanaged", receive(RECEIVE_MS));
    }

    @Test
    void shouldSendThroughAPooledJMSContextInTheTransactionOnly() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final jakarta.resource.spi.ConnectionManager sameConnection = (factory, info) -> managed.getConnection(null,
            info);
        final ConnectionFactory factory = new AeolusPooledConnectionFactory(mcf, sameConnection);
        final XAResource resource = managed.getXAResource();

        final Xid rolledBack = TestXid.random();
        resource.start(rolledBack, XAResource.TMNOFLAGS);
        try (JMSContext context = factory.createContext())
        {
            context.createProducer().send(context.createQueue(queue), "dropped");
        }
        resource.end(rolledBack, XAResource.TMSUCCESS);
        resource.rollback(rolledBack);

        final Xid committed = TestXid.random();
        resource.start(committed, XAResource.TMNOFLAGS);
        try (JMSContext context = factory.createContext())
        {
            context.createProducer().setProperty("region", "eu").setPriority(7).setJMSType("order")
                .send(context.createQueue(queue), "kept");
            // Each createProducer is a new producer: the first one's options and properties are not the second's.
            context.createProducer().send(context.createQueue(queue), "plain");
            assertThrows(jakarta.jms.TransactionInProgressRuntimeException.class, context::commit);
        }
        resource.end(committed, XAResource.TMSUCCESS);
        resource.commit(committed, true);

        final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        final TextMessage kept = (TextMessage)consumer.receive(RECEIVE_MS);
        assertEquals("kept", kept.getText());
        assertEquals("eu", kept.getStringProperty("region"));
        assertEquals(7, kept.getJMSPriority());
        assertEquals("order", kept.getJMSType());
        final TextMessage plain = (TextMessage)consumer.receive(RECEIVE_MS);
        assertEquals("plain", plain.getText());
        assertNull(plain.getStringProperty("region"), "a new producer has no properties");
        assertEquals(jakarta.jms.Message.DEFAULT_PRIORITY, plain.getJMSPriority());
        assertNull(plain.getJMSType());
        assertNull(consumer.receive(ABSENT_MS), "the rolled-back send never arrives");
        consumer.close();
        managed.destroy();
    }

    @Test
    void shouldGiveAJMSContextTheContainerRules() throws Exception
    {
        final ConnectionFactory factory = (ConnectionFactory)mcf.createConnectionFactory();
        try (JMSContext context = factory.createContext())
        {
            assertThrows(jakarta.jms.IllegalStateRuntimeException.class, () -> context.setClientID("x"));
            assertThrows(jakarta.jms.IllegalStateRuntimeException.class, context::stop);
            assertThrows(jakarta.jms.IllegalStateRuntimeException.class, () -> context.createContext(1));
            assertThrows(jakarta.jms.IllegalStateRuntimeException.class,
                () -> context.createProducer().setAsync(new jakarta.jms.CompletionListener()
                {
                    @Override
                    public void onCompletion(final jakarta.jms.Message message)
                    {
                    }

                    @Override
                    public void onException(final jakarta.jms.Message message, final Exception exception)
                    {
                    }
                }));
            final jakarta.jms.JMSConsumer consumer = context.createConsumer(context.createQueue(queue));
            assertThrows(jakarta.jms.IllegalStateRuntimeException.class, () -> consumer.setMessageListener((m) -> { }));
            assertThrows(jakarta.jms.InvalidSelectorRuntimeException.class,
                () -> context.createConsumer(context.createQueue(queue), "a = = b"));

            context.createProducer().send(context.createQueue(queue), java.util.Map.of("n", 42));
            assertEquals(42, consumer.receiveBody(java.util.Map.class, RECEIVE_MS).get("n"));
        }
        assertThrows(jakarta.jms.JMSRuntimeException.class, () -> factory.createContext(7));
    }

    @Test
    void shouldHandTheContainerXaResourcesThatRecoverPreparedBranches() throws Exception
    {
        final ManagedConnection managed = mcf.createManagedConnection(null, null);
        final Xid xid = TestXid.random();
        managed.getXAResource().start(xid, XAResource.TMNOFLAGS);
        sendThrough(managed, "in doubt");
        managed.getXAResource().end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, managed.getXAResource().prepare(xid));
        managed.destroy();

        final AeolusActivationSpec spec = new AeolusActivationSpec();
        spec.setResourceAdapter(adapter);
        final XAResource[] recovery = adapter.getXAResources(new AeolusActivationSpec[]{spec});
        assertEquals(1, recovery.length);
        final Xid[] prepared = recovery[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertTrue(Arrays.asList(prepared).contains(xid), "recover lists the prepared branch");
        assertNull(receive(ABSENT_MS));

        recovery[0].commit(xid, false);

        assertEquals("in doubt", receive(RECEIVE_MS));
    }

    /**
     * Records connection events.
     */
    private record Recorder(List<ConnectionEvent> events) implements ConnectionEventListener
    {
        @Override
        public void connectionClosed(final ConnectionEvent event)
        {
            add(event);
        }

        @Override
        public void connectionErrorOccurred(final ConnectionEvent event)
        {
            add(event);
        }

        @Override
        public void localTransactionStarted(final ConnectionEvent event)
        {
            add(event);
        }

        @Override
        public void localTransactionCommitted(final ConnectionEvent event)
        {
            add(event);
        }

        @Override
        public void localTransactionRolledback(final ConnectionEvent event)
        {
            add(event);
        }

        private void add(final ConnectionEvent event)
        {
            synchronized (events)
            {
                events.add(event);
            }
        }
    }
}
