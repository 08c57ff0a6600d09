package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class DestinationRulesTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    private TestClientPeer start(final EngineSettings settings)
    {
        harness = new ConductorHarness(settings);
        final TestClientPeer client = harness.connect();
        client.createSession(SESSION, AckMode.AUTO);
        return client;
    }

    private static EngineSettings noAutoCreate(final List<String> queues)
    {
        return new EngineSettings(DestinationPolicies.defaults().put("#", PolicySetting.AUTO_CREATE, false)
            .put("dynamic.#", PolicySetting.AUTO_CREATE, true), queues, List.of(), 1000);
    }

    @Test
    void shouldLetOnlyTheCreatingConnectionConsumeFromATemporaryQueue()
    {
        final TestClientPeer owner = start(EngineSettings.defaults());
        final TestClientPeer other = harness.connect();
        other.createSession(SESSION, AckMode.AUTO);
        owner.expectOk(owner.requestTemporaryQueue("temp-1"));

        final TestClientPeer.Frame refused = other.expectError(
            other.requestConsumer(SESSION, 1, DestinationType.TEMPORARY_QUEUE, "temp-1", "", 10),
            ErrorCode.INVALID_DESTINATION);
        owner.expectOk(owner.requestConsumer(SESSION, 1, DestinationType.TEMPORARY_QUEUE, "temp-1", "", 10));
        final TestMessage message = toQueue("temp-1", "reply");
        message.destinationType = DestinationType.TEMPORARY_QUEUE;
        other.sendConfirmed(SESSION, message);

        assertTrue(refused.text.contains("another connection"), refused.text);
        assertEquals("reply", owner.awaitDelivery(1).text());
    }

    @Test
    void shouldRefuseAnUnknownQueueWhenItMayNotBeCreatedOnFirstUse()
    {
        final TestClientPeer client = start(noAutoCreate(List.of()));

        final TestClientPeer.Frame consumer = client.expectError(
            client.requestConsumer(SESSION, 1, DestinationType.QUEUE, "orders", "", 10), ErrorCode.INVALID_DESTINATION);
        client.expectError(client.send(SESSION, 0, toQueue("orders", "m")), ErrorCode.INVALID_DESTINATION);

        assertTrue(consumer.text.contains("does not exist"), consumer.text);
        assertNull(harness.destinations().queues().get("orders"));
    }

    @Test
    void shouldServeDeclaredQueuesAndNamesThatMayBeCreatedOnFirstUse()
    {
        final TestClientPeer client = start(noAutoCreate(List.of("orders")));

        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.createConsumer(SESSION, 2, "dynamic.eu", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "declared"));
        client.sendConfirmed(SESSION, toQueue("dynamic.eu", "created"));

        assertEquals("declared", client.awaitDelivery(1).text());
        assertEquals("created", client.awaitDelivery(2).text());
    }

    @Test
    void shouldCreateDeclaredTopicsAtStart()
    {
        harness = new ConductorHarness(new EngineSettings(
            DestinationPolicies.defaults(), List.of("q1"), List.of("t1"), 1000));

        assertTrue(harness.destinations().queues().containsKey("q1"));
        assertTrue(harness.destinations().topics().containsKey("t1"));
    }
}
