package io.aeolus.jms.mqtt;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.SubscriptionInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Destination flow control reaches MQTT publishers: a QoS 1 publish to a topic whose subscription is at its memory
 * limit is not acknowledged (and the client not read) until a consumer makes room; nothing is lost.
 */
@Timeout(60)
class MqttFlowControlIT
{
    private static final long WAIT_S = 10;
    private static final int MESSAGES = 12;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private MqttAsyncClient publisher;

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0")
            .destinationSetting("bounded", "memory.limit", "4k"));
    }

    @AfterEach
    void stop() throws Exception
    {
        if (null != publisher)
        {
            if (publisher.isConnected())
            {
                publisher.disconnectForcibly(100, 100, false);
            }
            publisher.close(true);
        }
        broker.close();
    }

    @Test
    void shouldHoldBackAcknowledgementsWhileTheSubscriptionIsFull() throws Exception
    {
        final String uri = "tcp://127.0.0.1:" + broker.broker().mqttAddress().getPort();
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
        try (JMSContext context = factory.createContext();
            Connection adminConnection = factory.createConnection())
        {
            context.setClientID("holder");
            final Topic topic = context.createTopic("bounded");
            context.createDurableConsumer(topic, "hold").close();
            adminConnection.start();
            final AdminClient admin = new AdminClient(adminConnection, Duration.ofSeconds(WAIT_S));
            publisher = new MqttAsyncClient(uri, "flow", new MemoryPersistence());
            publisher.connect(new MqttConnectionOptions()).waitForCompletion(TimeUnit.SECONDS.toMillis(WAIT_S));
            final Answers answers = new Answers();
            final AtomicInteger acknowledged = answers.acknowledged;
            final AtomicInteger refused = answers.refused;
            final AtomicInteger refusal = answers.refusal;

            for (int i = 0; i < MESSAGES; i++)
            {
                publisher.publish("bounded", new MqttMessage(new byte[1024], 1, false, null))
                    .setActionCallback(answers);
            }

            await("the subscription fills to its 4k limit", () -> backlog(admin) >= 4);
            final long heldUntilNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() - heldUntilNs < 0)
            {
                assertTrue(acknowledged.get() + refused.get() < MESSAGES, "all answered while it is full");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }

            // Room again: every publish is answered, acknowledged or refused (the broker refuses a destination
            // twice over its limit; a client's pipelined packets can get there), and the consumer gets exactly the
            // acknowledged ones.
            final JMSConsumer consumer = context.createDurableConsumer(topic, "hold");
            int received = 0;
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (acknowledged.get() + refused.get() < MESSAGES || received < acknowledged.get())
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "acknowledged " + acknowledged.get() + ", refused " +
                    refused.get() + ", received " + received);
                if (null != consumer.receive(100))
                {
                    received++;
                }
            }
            assertNull(consumer.receiveNoWait(), "nothing refused was delivered");
            assertEquals(acknowledged.get(), received, "refused " + refused.get());
            assertTrue(refused.get() == 0 || refusal.get() == 0x97, "refused with quota exceeded: " + refusal.get());
            assertTrue(acknowledged.get() >= 4, "acknowledged " + acknowledged.get());
        }
    }

    /**
     * Counts PUBACKs: success, or a refusal (reason code 0x80 or above) and its reason.
     */
    private static final class Answers implements MqttActionListener
    {
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger refusal = new AtomicInteger();

        public void onSuccess(final IMqttToken token)
        {
            final int[] reasons = token.getReasonCodes();
            if (null != reasons && reasons.length > 0 && reasons[0] >= 0x80)
            {
                refused.incrementAndGet();
                refusal.set(reasons[0]);
            }
            else
            {
                acknowledged.incrementAndGet();
            }
        }

        public void onFailure(final IMqttToken token, final Throwable cause)
        {
            refused.incrementAndGet();
        }
    }

    private static long backlog(final AdminClient admin)
    {
        try
        {
            long backlog = 0;
            for (final SubscriptionInfo info : admin.subscriptions())
            {
                if (info.name().contains("hold"))
                {
                    backlog += info.backlog();
                }
            }
            return backlog;
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within " + WAIT_S + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
