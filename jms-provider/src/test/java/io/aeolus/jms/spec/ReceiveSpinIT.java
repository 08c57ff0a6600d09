package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code receive} with the {@code receiveSpin} option: the receiving thread waits by yielding before it parks, and
 * must still see every message in order, honour its timeout, and return when the consumer closes.
 */
@Timeout(60)
class ReceiveSpinIT extends SpecFixture
{
    @Test
    void shouldReceiveEveryMessageInOrderWhileSpinning() throws Exception
    {
        final Connection connection = connect("receiveSpin=200us");
        connection.start();
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        final CompletableFuture<Void> sending = CompletableFuture.runAsync(() ->
        {
            try
            {
                final Session producing = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = producing.createProducer(queue);
                for (int i = 0; i < 500; i++)
                {
                    producer.send(producing.createTextMessage("m" + i));
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        for (int i = 0; i < 500; i++)
        {
            assertEquals("m" + i, ((TextMessage)consumer.receive(RECEIVE_MS)).getText());
        }
        sending.get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldStillHonourTheReceiveTimeoutAndClose() throws Exception
    {
        final Connection connection = connect("receiveSpin=5ms");
        connection.start();
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue(name));

        final long startNs = System.nanoTime();
        assertNull(consumer.receive(2));
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(2), "a 2 ms receive waited for its spin");

        final CompletableFuture<Object> blocked = new CompletableFuture<>();
        final Thread receiver = new Thread(() ->
        {
            try
            {
                blocked.complete(consumer.receive());
            }
            catch (final Exception ex)
            {
                blocked.complete(ex);
            }
        });
        receiver.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiver.getState() != Thread.State.TIMED_WAITING && receiver.getState() != Thread.State.WAITING)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "the receiver never parked");
            Thread.onSpinWait();
        }
        consumer.close();
        assertNull(blocked.get(10, TimeUnit.SECONDS), "receive() returns null once the consumer is closed");
    }
}
