package io.aeolus.jms.routing;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wildcard subscriptions through the JMS API (#17 item 1): {@code stock.*} and {@code stock.#} for non-durable,
 * durable (across a restart) and shared subscriptions with selectors; a send to a pattern refused; wildcards off.
 */
@Timeout(60)
class WildcardSubscriptionIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    Path dataDir;

    @Test
    void shouldDeliverByPatternToNonDurableSubscribersWithSelectors() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer oneLevel = context.createConsumer(context.createTopic("stock.*"));
            final JMSConsumer anyLevels = context.createConsumer(context.createTopic("stock.#"), "region = 'us'");

            send(context, "stock.AAPL", "us");
            send(context, "stock.us.MSFT", "us");
            send(context, "stock.SAP", "eu");

            assertEquals(List.of("stock.AAPL", "stock.SAP"), receiveAll(oneLevel, 2));
            assertEquals(List.of("stock.AAPL", "stock.us.MSFT"), receiveAll(anyLevels, 2));
            assertNull(anyLevels.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldKeepADurableWildcardSubscriptionAcrossARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.setClientID("ticker-app");
            context.createDurableConsumer(context.createTopic("stock.#"), "ticker").close();
            send(context, "stock.us.AAPL", "us");
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.setClientID("ticker-app");
            final JMSConsumer consumer = context.createDurableConsumer(context.createTopic("stock.#"), "ticker");

            assertEquals(List.of("stock.us.AAPL"), receiveAll(consumer, 1));
        }
    }

    @Test
    void shouldShareAWildcardSubscription() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext first = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            JMSContext second = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final Topic pattern = first.createTopic("orders.*.created");
            final JMSConsumer a = first.createSharedConsumer(pattern, "workers");
            final JMSConsumer b = second.createSharedConsumer(second.createTopic("orders.*.created"), "workers");

            for (int i = 0; i < 10; i++)
            {
                send(first, "orders.r" + i + ".created", "us");
            }
            send(first, "orders.r1.deleted", "us");

            final List<String> received = new ArrayList<>();
            while (received.size() < 10)
            {
                final Message fromA = a.receive(50);
                final Message fromB = b.receive(50);
                for (final Message message : new Message[]{ fromA, fromB })
                {
                    if (null != message)
                    {
                        received.add(message.getStringProperty("topic"));
                    }
                }
            }
            assertEquals(10, received.stream().distinct().count());
            assertNull(a.receive(ABSENT_MS));
            assertNull(b.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldRefuseASendToAPattern()
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final InvalidDestinationRuntimeException ex = assertThrows(InvalidDestinationRuntimeException.class,
                () -> context.createProducer().send(context.createTopic("stock.#"), "x"));

            assertTrue(ex.getMessage().contains("subscription pattern"), ex.getMessage());
        }
    }

    @Test
    void shouldTreatWildcardsLiterallyWhenSwitchedOff() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.WILDCARDS_ENABLED, "false"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer consumer = context.createConsumer(context.createTopic("stock.*"));

            send(context, "stock.AAPL", "us");
            send(context, "stock.*", "us");

            assertEquals(List.of("stock.*"), receiveAll(consumer, 1));
            assertNull(consumer.receive(ABSENT_MS));
        }
    }

    private static void send(final JMSContext context, final String topic, final String region)
    {
        context.createProducer().setProperty("region", region).setProperty("topic", topic)
            .send(context.createTopic(topic), topic);
    }

    private static List<String> receiveAll(final JMSConsumer consumer, final int count) throws Exception
    {
        final List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            if (null == message)
            {
                break;
            }
            topics.add(message.getStringProperty("topic"));
        }
        return topics;
    }
}
