package io.aeolus.broker.engine;

import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wildcard subscriptions through the engine's ports: non-durable, durable and shared, with selectors; sends to a
 * pattern refused; wildcards switched off.
 */
@Timeout(10)
class WildcardSubscriptionTest
{
    private static final long NOW_MS = EngineRig.START_MS;

    private final List<String> outputs = new ArrayList<>();
    private MessagingEngine engine;
    private long correlationId = 1000;

    private void start(final TopicWildcards wildcards)
    {
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        engine = new MessagingEngine(new EngineSettings(DestinationPolicies.defaults(), List.of(), List.of(), 50,
            0, 0, 10, wildcards), 64 * 1024, NOW_MS, security, new RecordingEgress(outputs));
        engine.onConnected(1, "sub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onConnected(2, "pub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onCreateSession(1, next(), 1, AckMode.AUTO);
        engine.onCreateSession(2, next(), 1, AckMode.AUTO);
        engine.onCreateProducer(2, next(), 1, 1, DestinationType.NONE, "");
    }

    @Test
    void shouldDeliverToNonDurableWildcardSubscriptions()
    {
        start(TopicWildcards.DEFAULT);
        subscribe(1, "stock.*", "", "", false, false);
        subscribe(2, "stock.#", "", "", false, false);

        send("stock.AAPL", "");
        send("stock.us.AAPL", "");
        send("bond.X", "");
        engine.dispatch();

        assertEquals(List.of("stock.AAPL"), deliveredTo(1));
        assertEquals(List.of("stock.AAPL", "stock.us.AAPL"), deliveredTo(2));
    }

    @Test
    void shouldApplySelectorsToWildcardSubscriptions()
    {
        start(TopicWildcards.DEFAULT);
        subscribe(1, "stock.#", "region = 'us'", "", false, false);

        send("stock.AAPL", "eu");
        send("stock.MSFT", "us");
        engine.dispatch();

        assertEquals(List.of("stock.MSFT"), deliveredTo(1));
    }

    @Test
    void shouldKeepMessagesForADurableWildcardSubscriptionWhileItsConsumerIsAway()
    {
        start(TopicWildcards.DEFAULT);
        subscribe(1, "stock.#", "", "ticker", true, false);
        engine.onCloseConsumer(1, next(), 1, 0);

        send("stock.us.AAPL", "");
        engine.dispatch();
        subscribe(3, "stock.#", "", "ticker", true, false);
        engine.dispatch();

        assertEquals(List.of("stock.us.AAPL"), deliveredTo(3));
        assertEquals(1, engine.destinations().topics().get("stock.#").subscriptions().size());
    }

    @Test
    void shouldShareAWildcardSubscriptionBetweenItsConsumers()
    {
        start(TopicWildcards.DEFAULT);
        subscribe(1, "stock.*", "", "workers", false, true);
        subscribe(2, "stock.*", "", "workers", false, true);

        for (int i = 0; i < 4; i++)
        {
            send("stock.S" + i, "");
        }
        engine.dispatch();

        assertEquals(4, deliveredTo(1).size() + deliveredTo(2).size());
        assertTrue(!deliveredTo(1).isEmpty() && !deliveredTo(2).isEmpty(), outputs.toString());
    }

    @Test
    void shouldRefuseASendToAWildcardTopic()
    {
        start(TopicWildcards.DEFAULT);

        send("stock.*", "");
        engine.onCreateProducer(2, 77, 1, 2, DestinationType.TOPIC, "stock.#");

        assertTrue(outputs.stream().anyMatch((line) -> line.startsWith("error 2 " + correlationId + " " +
            "INVALID_DESTINATION") && line.contains("subscription pattern")), outputs.toString());
        assertTrue(outputs.stream().anyMatch((line) -> line.startsWith("error 2 77 INVALID_DESTINATION")),
            outputs.toString());
    }

    @Test
    void shouldRefuseAPatternWhoseWildcardIsNotAWholeLevel()
    {
        start(TopicWildcards.DEFAULT);

        subscribe(1, "stock.A*", "", "", false, false);

        assertTrue(outputs.stream().anyMatch((line) -> line.contains("INVALID_DESTINATION") &&
            line.contains("not a whole level")), outputs.toString());
    }

    @Test
    void shouldTreatWildcardCharactersLiterallyWhenSwitchedOff()
    {
        start(TopicWildcards.OFF);
        subscribe(1, "stock.*", "", "", false, false);

        send("stock.AAPL", "");
        send("stock.*", "");
        engine.dispatch();

        assertEquals(List.of("stock.*"), deliveredTo(1));
    }

    @Test
    void shouldNotMatchTheBrokersOwnTopics()
    {
        start(TopicWildcards.DEFAULT);
        subscribe(1, "aeolus.#", "", "", false, false);

        send("aeolus.news", "");
        engine.dispatch();

        assertEquals(List.of("aeolus.news"), deliveredTo(1));
        assertEquals(0, new WildcardTopics(TopicWildcards.DEFAULT).matching("aeolus.metrics").length);
    }

    private void subscribe(final long consumerId, final String topic, final String selector, final String name,
        final boolean durable, final boolean shared)
    {
        engine.onCreateConsumer(1, new ConsumerRequest(next(), 1, consumerId, DestinationType.TOPIC, topic, selector,
            name, 100, false, durable, shared, false));
    }

    private void send(final String topic, final String region)
    {
        final ReplayWorkload.Message message = new ReplayWorkload.Message(topic, "body").topic().nonPersistent();
        if (!region.isEmpty())
        {
            message.property("region", region);
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = message.encode(buffer, 2, NOW_MS);
        engine.onSend(2, next(), 1, 1, buffer, 0, length);
    }

    private List<String> deliveredTo(final long consumerId)
    {
        final List<String> topics = new ArrayList<>();
        for (final String line : outputs)
        {
            final String[] parts = line.split(" ");
            if (parts[0].equals("deliver") && parts[1].equals("1") && parts[2].equals(String.valueOf(consumerId)))
            {
                topics.add(parts[6]);
            }
        }
        return topics;
    }

    private long next()
    {
        return ++correlationId;
    }
}
