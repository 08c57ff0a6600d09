package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ProducerCreditDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static io.aeolus.broker.conductor.TestMessage.toTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class FlowControlTest
{
    private static final long SESSION = 1;
    private static final long PRODUCER = 7;
    private static final String BODY = "x".repeat(1000);
    private static final long LIMIT = 2500;

    private ConductorHarness harness;
    private TestClientPeer client;

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    private void start(final MemoryLimitPolicy policy)
    {
        harness = new ConductorHarness(new EngineSettings(DestinationPolicies.defaults()
            .put("#", PolicySetting.MEMORY_LIMIT, LIMIT)
            .put("#", PolicySetting.MEMORY_LIMIT_POLICY, policy), List.of(), List.of(), 1000));
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
        client.createProducer(SESSION, PRODUCER, DestinationType.NONE, "");
    }

    /**
     * A message of about 1100 bytes: three fill a destination limited to 2500.
     */
    private static TestMessage big(final TestMessage message)
    {
        message.messageId = "ID:big";
        return message;
    }

    private long send(final TestMessage message)
    {
        return client.send(SESSION, PRODUCER, message);
    }

    @Test
    void shouldBlockTheProducerAndWithholdTheConfirmationWhileTheQueueIsOverItsLimit()
    {
        start(MemoryLimitPolicy.BLOCK);
        for (int i = 0; i < 3; i++)
        {
            client.expectOk(send(big(toQueue("orders", BODY))));
        }
        assertTrue(harness.destinations().queues().get("orders").isOverMemoryLimit());

        final long blockedSend = send(big(toQueue("orders", BODY)));
        final TestClientPeer.Frame blocked = client.awaitProducerCredit(PRODUCER);
        final boolean confirmedWhileFull = client.hasReply(blockedSend);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        final List<TestClientPeer.Frame> deliveries = client.deliveries(1);
        client.ack(SESSION, 1, deliveries.get(1).deliveryId, true);

        assertTrue(blocked.blocked);
        assertFalse(confirmedWhileFull);
        client.expectOk(blockedSend);
        final TestClientPeer.Frame released = client.awaitProducerCredit(PRODUCER);
        assertFalse(released.blocked);
        assertEquals(4, deliveries.size());
    }

    @Test
    void shouldTellABlockedProducerOnceHoweverManySendsItMakes()
    {
        start(MemoryLimitPolicy.BLOCK);
        for (int i = 0; i < 3; i++)
        {
            client.expectOk(send(big(toQueue("orders", BODY))));
        }

        client.send(SESSION, PRODUCER, toQueue("orders", "a"), false);
        client.send(SESSION, PRODUCER, toQueue("orders", "b"), false);

        assertEquals(1, client.frames(ProducerCreditDecoder.TEMPLATE_ID).size());
        assertEquals(5, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldRefuseASendOverTheLimitUnderTheFailPolicy()
    {
        start(MemoryLimitPolicy.FAIL);
        for (int i = 0; i < 3; i++)
        {
            client.expectOk(send(big(toQueue("orders", BODY))));
        }

        client.expectError(send(big(toQueue("orders", BODY))), ErrorCode.RESOURCE_ALLOCATION);

        assertEquals(3, harness.destinations().queues().get("orders").depth());
        assertTrue(client.frames(ProducerCreditDecoder.TEMPLATE_ID).isEmpty());
    }

    @Test
    void shouldRefuseEvenUnderBlockAProducerThatIgnoresFlowControl()
    {
        start(MemoryLimitPolicy.BLOCK);
        for (int i = 0; i < 5; i++)
        {
            client.send(SESSION, PRODUCER, big(toQueue("orders", BODY)), false);
        }

        client.expectError(send(big(toQueue("orders", BODY))), ErrorCode.RESOURCE_ALLOCATION);

        assertEquals(5, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldBlockATopicsProducerWhileASubscriptionIsOverTheLimit()
    {
        start(MemoryLimitPolicy.BLOCK);
        client.expectOk(client.requestConsumer(SESSION, 1, DestinationType.TOPIC, "prices", "", 0));
        for (int i = 0; i < 3; i++)
        {
            client.expectOk(send(big(toTopic("prices", BODY))));
        }

        final long blockedSend = send(big(toTopic("prices", BODY)));
        final TestClientPeer.Frame blocked = client.awaitProducerCredit(PRODUCER);
        final boolean confirmedWhileFull = client.hasReply(blockedSend);
        client.closeConsumer(1, 0);

        assertTrue(blocked.blocked);
        assertFalse(confirmedWhileFull);
        client.expectOk(blockedSend);
        assertFalse(client.awaitProducerCredit(PRODUCER).blocked);
    }
}
