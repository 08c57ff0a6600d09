package io.aeolus.cluster;

import io.aeolus.jms.AeolusConnectionFactory;
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

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XA in a 3-member group, through {@link XAResource} as a transaction manager uses it: prepared branches survive
 * the leader's loss, recover() on the next leader lists them, and a commit or rollback after the failover is applied
 * once, held sends and locked input included.
 */
class ClusterXaIT
{
    private static final long RECEIVE_MS = 10_000;
    private static final long ABSENT_MS = 1_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldKeepPreparedBranchesThroughFailoversAndCompleteThemOnce() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int firstLeader = rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            final Xid toCommit = xid();
            final Xid toRollBack = xid();
            final int secondLeader;
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("xa.in")).send(session.createTextMessage("order-1"));
            }

            try (XAConnection xaConnection = factory.createXAConnection())
            {
                xaConnection.start();
                final XASession session = xaConnection.createXASession();
                final XAResource resource = session.getXAResource();
                prepare(session, resource, toCommit, toRollBack);

                // The leader dies with both branches prepared; the transaction manager's connection stays open.
                rig.stop(firstLeader);
                secondLeader = rig.awaitLeader(60_000);
                assertTrue(secondLeader != firstLeader);

                final List<Xid> recovered = Arrays.asList(
                    resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
                assertTrue(recovered.contains(toCommit) && recovered.contains(toRollBack), recovered.toString());
                try (Connection connection = factory.createConnection())
                {
                    connection.start();
                    assertEquals(List.of(), drain(connection, "xa.out", ABSENT_MS), "a prepared send stays held");
                    assertEquals(List.of(), drain(connection, "xa.in", ABSENT_MS), "its input stays locked");
                }
                resource.commit(toCommit, false);
                resource.rollback(toRollBack);
                assertEquals(List.of(), Arrays.asList(resource.recover(XAResource.TMSTARTRSCAN |
                    XAResource.TMENDRSCAN)));
            }

            // The first leader rejoins, the second one dies: the outcome is the group's, applied once.
            rig.start(firstLeader);
            ClusterRig.await("the first leader caught up", 60_000, () -> rig.node(firstLeader).service()
                .logPosition() >= rig.node(secondLeader).service().logPosition());
            rig.stop(secondLeader);
            assertFalse(secondLeader == rig.awaitLeader(60_000));
            try (XAConnection xaConnection = factory.createXAConnection();
                Connection connection = factory.createConnection())
            {
                assertEquals(List.of(), Arrays.asList(xaConnection.createXASession().getXAResource()
                    .recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)));
                connection.start();
                assertEquals(List.of("shipped-order-1"), drain(connection, "xa.out", RECEIVE_MS));
                assertEquals(List.of(), drain(connection, "xa.in", ABSENT_MS), "the commit consumed the input");
                assertEquals(List.of(), drain(connection, "xa.never", ABSENT_MS), "the rollback dropped the send");
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldKeepAPreparedBranchOnALeaderRestoredFromASnapshot() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            final Xid toCommit = xid();
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("xa.in")).send(session.createTextMessage("order-1"));
            }
            try (XAConnection xaConnection = factory.createXAConnection())
            {
                xaConnection.start();
                final XASession session = xaConnection.createXASession();
                prepare(session, session.getXAResource(), toCommit, xid());
            }
            ClusterRig.await("a snapshot taken", 30_000, () -> rig.node(leader).takeSnapshot());
            ClusterRig.await("every member's snapshot", 30_000, () -> rig.node(0).snapshotCount() > 0 &&
                rig.node(1).snapshotCount() > 0 && rig.node(2).snapshotCount() > 0);
            for (final int follower : new int[]{(leader + 1) % 3, (leader + 2) % 3})
            {
                rig.stop(follower);
                rig.start(follower);
                ClusterRig.await("member " + follower + " caught up", 60_000, () ->
                    rig.node(follower).service().logPosition() >= rig.node(leader).service().logPosition());
                assertTrue(rig.node(follower).service().startedFromSnapshot());
            }
            rig.stop(leader);
            rig.awaitLeader(60_000);

            try (XAConnection xaConnection = factory.createXAConnection();
                Connection connection = factory.createConnection())
            {
                final XAResource resource = xaConnection.createXASession().getXAResource();
                final List<Xid> recovered = Arrays.asList(
                    resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
                assertTrue(recovered.contains(toCommit), recovered.toString());
                resource.commit(toCommit, false);
                connection.start();
                assertEquals(List.of("shipped-order-1"), drain(connection, "xa.out", RECEIVE_MS));
                assertEquals(List.of(), drain(connection, "xa.in", ABSENT_MS), "the commit consumed the input");
            }
        }
    }

    /**
     * Prepares one branch that took order-1 and sent its shipment, and one that only sent.
     */
    private static void prepare(final XASession session, final XAResource resource, final Xid toCommit,
        final Xid toRollBack) throws Exception
    {
        final MessageConsumer consumer = session.createConsumer(session.createQueue("xa.in"));
        resource.start(toCommit, XAResource.TMNOFLAGS);
        final TextMessage order = (TextMessage)consumer.receive(RECEIVE_MS);
        assertNotNull(order);
        session.createProducer(session.createQueue("xa.out"))
            .send(session.createTextMessage("shipped-" + order.getText()));
        resource.end(toCommit, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(toCommit));

        resource.start(toRollBack, XAResource.TMNOFLAGS);
        session.createProducer(session.createQueue("xa.never")).send(session.createTextMessage("never"));
        resource.end(toRollBack, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(toRollBack));

    }

    private static Xid xid()
    {
        final byte[] gtrid = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        final byte[] bqual = "b1".getBytes(StandardCharsets.UTF_8);
        return new Xid()
        {
            public int getFormatId()
            {
                return 0x4145;
            }

            public byte[] getGlobalTransactionId()
            {
                return gtrid.clone();
            }

            public byte[] getBranchQualifier()
            {
                return bqual.clone();
            }

            public boolean equals(final Object other)
            {
                return other instanceof Xid that && getFormatId() == that.getFormatId() &&
                    Arrays.equals(gtrid, that.getGlobalTransactionId()) &&
                    Arrays.equals(bqual, that.getBranchQualifier());
            }

            public int hashCode()
            {
                return Arrays.hashCode(gtrid);
            }

            public String toString()
            {
                return new String(gtrid, StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * Every message on the queue until none comes for {@code quietMs} (after the first, or from the start).
     */
    private static List<String> drain(final Connection connection, final String queue, final long quietMs)
        throws Exception
    {
        final List<String> texts = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue)))
        {
            long waitMs = quietMs;
            Message message;
            while (null != (message = consumer.receive(waitMs)))
            {
                texts.add(((TextMessage)message).getText());
                waitMs = Math.min(quietMs, ABSENT_MS);
            }
        }
        return texts;
    }
}
