package io.aeolus.jms.xa;

import com.arjuna.ats.arjuna.common.arjPropertyManager;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A real transaction manager, Narayana standalone, enlists Aeolus and H2 (a second XA resource) in one transaction:
 * a message sent and a row inserted commit together or roll back together; a message received and a row inserted
 * likewise.
 */
@Timeout(120)
class NarayanaIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static TransactionManager tm;
    private static JdbcDataSource database;

    private XAConnection jms;
    private Connection plain;
    /** A fresh H2 XA connection per transaction: H2 does not take a second branch on one it has completed one on. */
    private javax.sql.XAConnection sql;
    private Session session;

    @BeforeAll
    static void start() throws Exception
    {
        broker = EmbeddedBroker.startIsolated(dataDir.resolve("broker"));
        arjPropertyManager.getObjectStoreEnvironmentBean().setObjectStoreDir(dataDir.resolve("tm").toString());
        com.arjuna.ats.arjuna.common.arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier("aeolus-it");
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath());
        database.setUser("sa");
        try (java.sql.Connection connection = database.getConnection(); Statement statement =
            connection.createStatement())
        {
            statement.execute("CREATE TABLE orders (id VARCHAR(100) PRIMARY KEY)");
        }
    }

    @AfterAll
    static void stop()
    {
        broker.close();
    }

    @BeforeEach
    void connect() throws Exception
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
        jms = factory.createXAConnection();
        jms.start();
        plain = factory.createConnection();
        plain.start();
        session = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void close() throws Exception
    {
        jms.close();
        plain.close();
    }

    @Test
    void shouldCommitASendAndARowTogether() throws Exception
    {
        final Queue queue = session.createQueue("narayana.commit");
        final MessageConsumer consumer = session.createConsumer(queue);

        sendAndInsert(queue, "order-1", true);

        assertEquals("order-1", ((TextMessage)consumer.receive(RECEIVE_MS)).getText());
        assertEquals(1, rows("order-1"));
    }

    @Test
    void shouldRollBackASendAndARowTogether() throws Exception
    {
        final Queue queue = session.createQueue("narayana.rollback");
        final MessageConsumer consumer = session.createConsumer(queue);

        sendAndInsert(queue, "order-2", false);

        assertNull(consumer.receive(ABSENT_MS));
        assertEquals(0, rows("order-2"));
    }

    @Test
    void shouldConsumeAndInsertInOneTransactionAndRedeliverAfterRollback() throws Exception
    {
        final Queue queue = session.createQueue("narayana.consume");
        session.createProducer(queue).send(session.createTextMessage("order-3"));
        final XASession xaSession = jms.createXASession();
        final MessageConsumer consumer = xaSession.createConsumer(queue);

        receiveAndInsert(xaSession, consumer, false);
        assertEquals(0, rows("order-3"));
        final TextMessage again = receiveAndInsert(xaSession, consumer, true);

        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals(1, rows("order-3"));
        consumer.close();
        assertNull(session.createConsumer(queue).receive(ABSENT_MS), "consumed exactly once");
    }

    private void sendAndInsert(final Queue queue, final String id, final boolean commit) throws Exception
    {
        final XASession xaSession = jms.createXASession();
        final MessageProducer producer = xaSession.createProducer(queue);
        sql = database.getXAConnection();
        tm.begin();
        final Transaction tx = tm.getTransaction();
        tx.enlistResource(xaSession.getXAResource());
        tx.enlistResource(sql.getXAResource());
        producer.send(xaSession.createTextMessage(id));
        insert(id);
        try
        {
            if (commit)
            {
                tm.commit();
            }
            else
            {
                tm.rollback();
            }
        }
        finally
        {
            sql.close();
        }
        xaSession.close();
    }

    private TextMessage receiveAndInsert(final XASession xaSession, final MessageConsumer consumer,
        final boolean commit) throws Exception
    {
        sql = database.getXAConnection();
        tm.begin();
        final Transaction tx = tm.getTransaction();
        tx.enlistResource(xaSession.getXAResource());
        tx.enlistResource(sql.getXAResource());
        final TextMessage message = (TextMessage)consumer.receive(RECEIVE_MS);
        assertNotNull(message);
        insert(message.getText());
        try
        {
            if (commit)
            {
                tm.commit();
            }
            else
            {
                tm.rollback();
            }
        }
        finally
        {
            sql.close();
        }
        return message;
    }

    private void insert(final String id) throws Exception
    {
        try (Statement statement = sql.getConnection().createStatement())
        {
            statement.execute("INSERT INTO orders (id) VALUES ('" + id + "')");
        }
    }

    private static int rows(final String id) throws Exception
    {
        try (java.sql.Connection connection = database.getConnection();
            Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE id = '" + id + "'"))
        {
            result.next();
            return result.getInt(1);
        }
    }
}
