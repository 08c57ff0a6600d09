package io.aeolus.jms.engine;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class FlowControlIT extends EngineFixture
{
    private static final String BODY = "x".repeat(1000);
    private static final int COUNT = 20;

    @Test
    void shouldBlockSynchronousSendsWhileTheQueueIsOverItsMemoryLimit() throws Exception
    {
        start(context().destinationSetting("bounded", "memory.limit", "4k"));
        final Connection connection = connect("");
        connection.start();
        final Session sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Queue queue = sending.createQueue("bounded");
        final MessageProducer producer = sending.createProducer(queue);
        final AtomicInteger sent = new AtomicInteger();

        final CompletableFuture<Void> producing = CompletableFuture.runAsync(() ->
        {
            try
            {
                for (int i = 0; i < COUNT; i++)
                {
                    producer.send(sending.createTextMessage(BODY));
                    sent.incrementAndGet();
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        assertThrows(TimeoutException.class, () -> producing.get(1, TimeUnit.SECONDS),
            "the producer was never held back");
        final int sentWhileBlocked = sent.get();
        final Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = receiving.createConsumer(queue);
        int received = 0;
        for (; received < COUNT; received++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "message " + received);
        }
        producing.get(RECEIVE_MS, TimeUnit.MILLISECONDS);

        assertTrue(sentWhileBlocked < COUNT, "sent " + sentWhileBlocked);
        assertEquals(COUNT, received);
    }

    @Test
    void shouldRefuseASendOverTheLimitWithResourceAllocationException() throws Exception
    {
        start(context()
            .destinationSetting("bounded", "memory.limit", "4k")
            .destinationSetting("bounded", "memory.limit.policy", "fail"));
        final Connection connection = connect("");
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue("bounded"));

        final ResourceAllocationException refused = assertThrows(ResourceAllocationException.class, () ->
        {
            for (int i = 0; i < COUNT; i++)
            {
                producer.send(session.createTextMessage(BODY));
            }
        });

        assertTrue(refused.getMessage().contains("memory limit"), refused.getMessage());
    }

    @Test
    void shouldSurfaceTheRefusalOfNonPersistentSendsWithResourceAllocationException() throws Exception
    {
        start(context()
            .destinationSetting("bounded", "memory.limit", "4k")
            .destinationSetting("bounded", "memory.limit.policy", "fail"));
        final Connection connection = connect("");
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue("bounded"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        int sent = 0;

        // Far more than the producer window (128 KiB): the refusals of sends that asked no answer must come back.
        ResourceAllocationException refused = null;
        for (int i = 0; i < 1000 && null == refused; i++)
        {
            try
            {
                producer.send(session.createTextMessage(BODY));
                sent++;
            }
            catch (final ResourceAllocationException ex)
            {
                refused = ex;
            }
        }

        assertNotNull(refused, "1000 non-persistent sends of 1 KB to a queue limited to 4 KiB, none refused");
        assertTrue(refused.getMessage().contains("memory limit"), refused.getMessage());
        assertTrue(sent < 1000, "sent " + sent);
        connection.start();
        final MessageConsumer consumer = session.createConsumer(session.createQueue("bounded"));
        int received = 0;
        while (null != consumer.receive(1_000))
        {
            received++;
        }
        assertTrue(received >= 3 && received <= 5, "received " + received + " of a 4 KiB queue");
    }

    @Test
    void shouldThrowTransactionRolledBackOnCommitAfterARefusedTransactedSend() throws Exception
    {
        start(context()
            .destinationSetting("bounded", "memory.limit", "4k")
            .destinationSetting("bounded", "memory.limit.policy", "fail"));
        final Connection connection = connect("");
        final Session filling = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer filler = filling.createProducer(filling.createQueue("bounded"));
        assertThrows(ResourceAllocationException.class, () ->
        {
            for (int i = 0; i < COUNT; i++)
            {
                filler.send(filling.createTextMessage(BODY));
            }
        });
        final Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageProducer producer = transacted.createProducer(null);

        producer.send(transacted.createQueue("bounded"), transacted.createTextMessage(BODY));   // refused
        producer.send(transacted.createQueue("other"), transacted.createTextMessage("with it"));
        final TransactionRolledBackException rolledBack =
            assertThrows(TransactionRolledBackException.class, transacted::commit);

        assertTrue(rolledBack.getMessage().contains("memory limit"), rolledBack.getMessage());
        connection.start();
        final MessageConsumer other = filling.createConsumer(filling.createQueue("other"));
        assertNull(other.receive(500), "a send of the rolled back transaction was delivered");
        producer.send(transacted.createQueue("other"), transacted.createTextMessage("next"));
        transacted.commit();
        final Message next = other.receive(RECEIVE_MS);
        assertNotNull(next, "the next transaction is a fresh one");
        assertEquals("next", ((TextMessage)next).getText());
    }
}
