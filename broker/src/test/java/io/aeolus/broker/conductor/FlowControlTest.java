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
    void shouldAnswerTheNextAnsweredSendWithTheRefusalOfEarlierUnansweredOnes()
    {
        start(MemoryLimitPolicy.BLOCK);
        for (int i = 0; i < 5; i++)
        {
            client.send(SESSION, PRODUCER, big(toQueue("orders", BODY)), false);
        }

        client.send(SESSION, PRODUCER, big(toQueue("orders", BODY)), false);   // over twice the limit: refused
        client.send(SESSION, PRODUCER, toQueue("other", "a"), false);          // refused too: the producer's
        final long answered = send(toQueue("other", "b"));                     // error covers every send since

        final TestClientPeer.Frame refusal = client.expectError(answered, ErrorCode.RESOURCE_ALLOCATION);
        assertTrue(refusal.text.contains("2 earlier send(s)") && refusal.text.contains("memory limit"), refusal.text);
        assertEquals(5, harness.destinations().queues().get("orders").depth());
        assertEquals(null, harness.destinations().queues().get("other"));
        client.expectOk(send(toQueue("other", "c")));
    }

    @Test
    void shouldRollBackTheCommitOfATransactionWhoseSendWasRefused()
    {
        start(MemoryLimitPolicy.BLOCK);
        for (int i = 0; i < 5; i++)
        {
            client.send(SESSION, PRODUCER, big(toQueue("orders", BODY)), false);
        }
        final long transacted = 2;
        client.createSession(transacted, AckMode.TRANSACTED);
        client.createProducer(transacted, PRODUCER + 1, DestinationType.NONE, "");

        client.send(transacted, PRODUCER + 1, big(toQueue("orders", BODY)), false);   // refused: over twice the limit
        client.send(transacted, PRODUCER + 1, toQueue("other", "a"), false);
        final TestClientPeer.Frame rolledBack = client.expectError(client.requestCommit(transacted),
            ErrorCode.TRANSACTION_ROLLED_BACK);

        assertTrue(rolledBack.text.contains("memory limit"), rolledBack.text);
        assertEquals(5, harness.destinations().queues().get("orders").depth());
        assertEquals(null, harness.destinations().queues().get("other"), "part of a rolled back transaction kept");
        client.send(transacted, PRODUCER + 1, toQueue("other", "b"), false);
        client.expectOk(client.requestCommit(transacted));
        assertEquals(1, harness.destinations().queues().get("other").depth(), "the next transaction is a new one");
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
