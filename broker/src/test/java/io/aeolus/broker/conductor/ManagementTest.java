package io.aeolus.broker.conductor;

import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.transport.codecs.AckMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ManagementTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;
    private TestClientPeer client;
    private ManagementService management;

    @BeforeEach
    void setUp()
    {
        harness = new ConductorHarness();
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
        management = harness.conductor().management();
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldDeleteTheMessagesASelectorMatchesAndDeliverOnlyTheRest()
    {
        for (final String region : new String[]{"us", "eu", "us", "eu"})
        {
            client.sendConfirmed(SESSION, toQueue("orders", region).property("region", region));
        }
        final long heldBefore = harness.destinations().queues().get("orders").heldBytes();

        final Map<String, Object> reply = management.execute(
            Map.of("op", "deleteMessages", "name", "orders", "selector", "region = 'us'"));
        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(2, reply.get("count"));
        assertEquals(List.of("eu", "eu"), texts(client.deliveries(1)));
        assertTrue(harness.destinations().queues().get("orders").heldBytes() < heldBefore);
    }

    @Test
    void shouldPurgeScheduledMessagesSoThatTheirTimerNeverDeliversThem()
    {
        client.sendConfirmed(SESSION, toQueue("orders", "later").deliveryTime(harness.nowMs() + 5_000));
        client.sendConfirmed(SESSION, toQueue("orders", "now"));

        final Map<String, Object> reply = management.execute(Map.of("op", "purge", "name", "orders"));
        client.createConsumer(SESSION, 1, "orders", "", 10);
        harness.advanceMs(10_000);

        assertEquals(2, reply.get("count"));
        assertEquals(List.of(), texts(client.deliveries(1)));
        assertEquals(0, harness.destinations().queues().get("orders").scheduledCount());
    }

    @Test
    void shouldMoveMessagesToAnotherQueueInTheirOrder()
    {
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }

        final Map<String, Object> reply = management.execute(
            Map.of("op", "move", "name", "orders", "target", "orders.held"));
        client.createConsumer(SESSION, 1, "orders.held", "", 10);

        assertEquals(3, reply.get("count"));
        assertEquals(List.of("m0", "m1", "m2"), texts(client.deliveries(1)));
        assertEquals(0, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldRefuseBadRequestsWithStableCodes()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(ManagementException.UNKNOWN_OPERATION, code(Map.of("op", "explode")));
        assertEquals(ManagementException.UNKNOWN_DESTINATION, code(Map.of("op", "purge", "name", "nowhere")));
        assertEquals(ManagementException.INVALID_SELECTOR,
            code(Map.of("op", "browse", "name", "orders", "selector", "a = = b")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "browse", "name", "orders", "limit", 100_000)));
        assertEquals(ManagementException.ILLEGAL_STATE, code(Map.of("op", "deleteDestination", "name", "orders")));
        assertEquals(ManagementException.ILLEGAL_STATE,
            code(Map.of("op", "deleteDestination", "name", "aeolus.management")));
    }

    private String code(final Map<String, Object> request)
    {
        return assertThrows(ManagementException.class, () -> management.execute(request)).code();
    }
}
