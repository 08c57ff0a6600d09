package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker process is killed with SIGKILL between an XA branch's prepare and its commit, and started again on the
 * same directories: the prepared branch is listed by recover, what it received stays locked from other consumers,
 * and the transaction manager's commit (or rollback) after the restart completes it. Nothing is lost, nothing
 * arrives twice.
 */
@Timeout(300)
class XaKillRecoveryIT
{
    private static final long ABSENT_MS = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void shouldCommitAPreparedBranchAfterKillNineExactlyOnce() throws Exception
    {
        final List<String> input = run(true);

        assertEquals(List.of(), input, "the input the branch received is consumed once, by the commit");
    }

    @Test
    void shouldRollBackAPreparedBranchAfterKillNineAndRedeliverItsInputOnce() throws Exception
    {
        final List<String> input = run(false);

        assertEquals(List.of("order-1"), input, "the input comes back once");
    }

    /**
     * @return what is left on the input queue at the end.
     */
    private List<String> run(final boolean commit) throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s&requestTimeout=10s";
        final Xid xid = new KillXid(UUID.randomUUID().toString());
        ChildJvm broker = startBroker(aeronDir, port);
        try
        {
            send(url, "xa.in", "order-1");
            final XAConnection connection = new AeolusConnectionFactory(url).createXAConnection();
            connection.start();
            final XASession session = connection.createXASession();
            final XAResource resource = session.getXAResource();
            final MessageConsumer consumer = session.createConsumer(session.createQueue("xa.in"));
            final MessageProducer producer = session.createProducer(session.createQueue("xa.out"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            resource.start(xid, XAResource.TMNOFLAGS);
            final TextMessage received = (TextMessage)consumer.receive(10_000);
            assertEquals("order-1", received.getText());
            producer.send(session.createTextMessage("shipped-" + received.getText()));
            resource.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, resource.prepare(xid));

            broker.kill();
            connection.close();
            broker = startBroker(aeronDir, port);

            final XAConnection recovering = new AeolusConnectionFactory(url).createXAConnection();
            try
            {
                final XAResource after = recovering.createXASession().getXAResource();
                final Xid[] listed = after.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
                assertTrue(Arrays.asList(listed).contains(xid), "recover lists " + Arrays.toString(listed));
                assertEquals(List.of(), drain(url, "xa.out", ABSENT_MS), "nothing of the branch before resolution");
                assertEquals(List.of(), drain(url, "xa.in", ABSENT_MS), "its input stays locked");
                if (commit)
                {
                    after.commit(xid, false);
                }
                else
                {
                    after.rollback(xid);
                }
                assertEquals(0, after.recover(XAResource.TMSTARTRSCAN).length);
            }
            finally
            {
                recovering.close();
            }
            assertEquals(commit ? List.of("shipped-order-1") : List.of(), drain(url, "xa.out", 3_000));
            return drain(url, "xa.in", 3_000);
        }
        finally
        {
            broker.close();
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    private ChildJvm startBroker(final String aeronDir, final int port) throws Exception
    {
        return ChildJvm.startBroker(aeronDir, port, dataDir);
    }

    private static void send(final String url, final String queue, final String text) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    private static List<String> drain(final String url, final String queue, final long waitMs) throws Exception
    {
        final List<String> texts = new ArrayList<>();
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue)))
            {
                Message message;
                while (null != (message = consumer.receive(waitMs)))
                {
                    texts.add(((TextMessage)message).getText());
                }
                assertNull(consumer.receiveNoWait());
            }
        }
        return texts;
    }

    /**
     * An Xid as a transaction manager would make one.
     */
    private record KillXid(String gtrid) implements Xid
    {
        @Override
        public int getFormatId()
        {
            return 0x4145;
        }

        @Override
        public byte[] getGlobalTransactionId()
        {
            return gtrid.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBranchQualifier()
        {
            return new byte[] {1};
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Xid xid && xid.getFormatId() == getFormatId() &&
                Arrays.equals(xid.getGlobalTransactionId(), getGlobalTransactionId()) &&
                Arrays.equals(xid.getBranchQualifier(), getBranchQualifier());
        }

        @Override
        public int hashCode()
        {
            return gtrid.hashCode();
        }
    }
}
