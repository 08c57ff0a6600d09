package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.Destinations;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.transport.codecs.AckMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class DeadLetterTriageTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;
    private TestClientPeer client;
    private ManagementService management;

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldGroupDeadLettersByAPropertyBiggestFirstWithAHistogramAndASelectorToActOnOneGroup()
    {
        start();
        final long t0 = 1_000_000;
        sendDeadLetter("a", "TIMEOUT", t0);
        sendDeadLetter("b", "TIMEOUT", t0 + 10);
        sendDeadLetter("c", "O'Brien's bug", t0 + 50);
        sendDeadLetter("d", "TIMEOUT", t0 + 99);
        sendDeadLetter("e", null, t0 + 99);

        final Map<String, Object> reply = management.execute(Map.of("op", "triage", "name", "DLQ.orders",
            "groupBy", "property", "property", "errorCode", "buckets", 4));

        assertEquals(3, reply.get("count"));
        assertEquals(5, reply.get("total"));
        assertTrue(harness.destinations().queues().get("DLQ.orders").isDeadLetterQueue(),
            "a queue the dead-letter template names is a DLQ from its creation, even when sends created it");
        assertEquals(t0, reply.get("fromMs"));
        assertEquals(t0 + 99, reply.get("toMs"));
        assertEquals(25L, reply.get("bucketMs"));
        assertEquals("TIMEOUT", reply.get("0.key"));
        assertEquals(3, reply.get("0.count"));
        assertEquals("2,0,0,1", reply.get("0.histogram"));
        assertEquals(t0, reply.get("0.firstMs"));
        assertEquals(t0 + 99, reply.get("0.lastMs"));
        assertEquals("errorCode = 'TIMEOUT'", reply.get("0.selector"));
        assertEquals("errorCode = 'O''Brien''s bug'", selectorOf(reply, "O'Brien's bug"));
        assertEquals("errorCode IS NULL", selectorOf(reply, ""));

        management.execute(Map.of("op", "startJob", "kind", "retry", "name", "DLQ.orders",
            "selector", (String)reply.get("0.selector")));
        harness.advanceMs(10);
        assertEquals(3, harness.destinations().queues().get("orders").depth(), "only this cause retried");
        assertEquals(2, harness.destinations().queues().get("DLQ.orders").depth());
    }

    @Test
    void shouldGroupRealDeadLettersByReasonAndByTheirLastConsumer()
    {
        harness = new ConductorHarness(new EngineSettings(
            DestinationPolicies.defaults().put("orders", PolicySetting.MAX_DELIVERY_ATTEMPTS, 1), List.of(), List.of(),
            1000));
        client = harness.connect("billing-service");
        client.createSession(SESSION, AckMode.CLIENT);
        management = harness.conductor().management();
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        final TestClientPeer.Frame delivery = client.awaitDelivery(1);
        client.recover(SESSION, Map.of(1L, delivery.deliveryId));

        final Map<String, Object> byConsumer = management.execute(
            Map.of("op", "triage", "name", "DLQ.orders", "groupBy", "consumer"));
        final Map<String, Object> byReason = management.execute(Map.of("op", "triage", "name", "DLQ.orders"));

        assertEquals("billing-service", byConsumer.get("0.key"));
        assertEquals("AEOLUS_DLQ_LAST_CONSUMER = 'billing-service'", byConsumer.get("0.selector"));
        assertEquals(Destinations.REASON_MAX_DELIVERY_ATTEMPTS, byReason.get("0.key"));
        assertEquals(1, byReason.get("0.count"));
    }

    @Test
    void shouldRefuseBadTriageRequests()
    {
        start();
        sendDeadLetter("a", "X", 1);
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "triage", "name", "DLQ.orders", "groupBy", "mood")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "triage", "name", "DLQ.orders", "groupBy", "property", "property", "a = 1 OR b")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "triage", "name", "DLQ.orders", "groupBy", "property")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "triage", "name", "DLQ.orders", "buckets", 0)));
        assertEquals(ManagementException.UNKNOWN_DESTINATION, code(Map.of("op", "triage", "name", "nowhere")));
    }

    private void start()
    {
        harness = new ConductorHarness();
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
        management = harness.conductor().management();
    }

    private void sendDeadLetter(final String text, final String errorCode, final long timeMs)
    {
        final TestMessage message = toQueue("DLQ.orders", text)
            .property("AEOLUS_DLQ_ORIGINAL_DESTINATION", "orders")
            .property("AEOLUS_DLQ_TIME", timeMs);
        if (null != errorCode)
        {
            message.property("errorCode", errorCode);
        }
        client.sendConfirmed(SESSION, message);
    }

    private static String selectorOf(final Map<String, Object> reply, final String key)
    {
        for (int row = 0; row < (Integer)reply.get("count"); row++)
        {
            if (key.equals(reply.get(row + ".key")))
            {
                return (String)reply.get(row + ".selector");
            }
        }
        throw new AssertionError("no group " + key + " in " + reply);
    }

    private String code(final Map<String, Object> request)
    {
        return assertThrows(ManagementException.class, () -> management.execute(request)).code();
    }
}
