package io.aeolus.jms.engine;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class LoadBalancingIT extends EngineFixture
{
    private static void send(final Connection connection, final String queue, final int count) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < count; i++)
        {
            producer.send(session.createTextMessage("m" + i));
        }
        session.close();
    }

    private static MessageConsumer consumer(final Connection connection, final Queue queue,
        final AtomicInteger count, final Set<String> seen, final long workUs) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener((message) ->
        {
            try
            {
                if (!seen.add(message.getJMSMessageID()))
                {
                    throw new AssertionError("delivered twice: " + message.getJMSMessageID());
                }
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
            if (workUs > 0)
            {
                // The task's work itself takes this long; nothing is being waited for.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(workUs));
            }
            count.incrementAndGet();
        });
        return consumer;
    }

    @Test
    void shouldShareMessagesEvenlyBetweenFourConsumersWithPrefetchOne() throws Exception
    {
        start(context());
        final int total = 10_000;
        final Connection producing = connect("");
        send(producing, "work", total);
        final Connection consuming = connect("prefetch=1");
        final Queue queue = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue("work");
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger[] counts = new AtomicInteger[4];
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = new AtomicInteger();
            // Equal work per message, so that shares measure the broker's dispatch rather than which listener
            // thread this loaded two-core machine happens to schedule more often.
            consumer(consuming, queue, counts[i], seen, 1_000);
        }

        consuming.start();
        awaitCondition("all messages consumed", () -> seen.size() == total && sum(counts) == total,
            Duration.ofSeconds(90));

        for (final AtomicInteger count : counts)
        {
            final double share = count.get() / (double)total;
            assertTrue(share >= 0.20 && share <= 0.30, "a consumer got " + count.get() + " of " + total);
        }
    }

    @Test
    void shouldLetTheFastConsumersTakeTheRestWhileASlowOneWorksWithPrefetchZero() throws Exception
    {
        start(context());
        final int total = 600;
        final Connection producing = connect("");
        send(producing, "tasks", total);
        final Connection consuming = connect("prefetch=0");
        final Queue queue = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue("tasks");
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger slow = new AtomicInteger();
        final AtomicInteger[] fast = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        consumer(consuming, queue, slow, seen, 200_000);
        for (final AtomicInteger count : fast)
        {
            consumer(consuming, queue, count, seen, 0);
        }

        final long startNs = System.nanoTime();
        consuming.start();
        awaitCondition("all messages consumed", () -> slow.get() + sum(fast) == total, Duration.ofSeconds(60));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertEquals(total, seen.size());
        assertTrue(slow.get() <= elapsedMs / 200 + 2, "the slow consumer took " + slow.get() + " in " + elapsedMs +
            " ms: more than it could work through");
        assertTrue(slow.get() < total / 10, "the slow consumer took " + slow.get() + " of " + total);
        for (final AtomicInteger count : fast)
        {
            assertTrue(count.get() > 0, "a fast consumer got nothing");
        }
    }

    private static int sum(final AtomicInteger... counts)
    {
        int sum = 0;
        for (final AtomicInteger count : counts)
        {
            sum += count.get();
        }
        return sum;
    }
}
