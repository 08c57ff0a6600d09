package io.aeolus.broker.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DestinationPoliciesTest
{
    @Test
    void shouldMatchExactNamesAndWildcards()
    {
        assertTrue(DestinationPolicies.matches("orders", "orders"));
        assertFalse(DestinationPolicies.matches("orders", "orders.eu"));
        assertTrue(DestinationPolicies.matches("orders.*", "orders.eu"));
        assertFalse(DestinationPolicies.matches("orders.*", "orders"));
        assertFalse(DestinationPolicies.matches("orders.*", "orders.eu.paris"));
        assertTrue(DestinationPolicies.matches("orders.#", "orders"));
        assertTrue(DestinationPolicies.matches("orders.#", "orders.eu.paris"));
        assertTrue(DestinationPolicies.matches("#", "anything.at.all"));
        assertTrue(DestinationPolicies.matches("*.eu.#", "orders.eu"));
        assertTrue(DestinationPolicies.matches("#.eu", "orders.retail.eu"));
        assertFalse(DestinationPolicies.matches("#.eu", "orders.retail.us"));
    }

    @Test
    void shouldResolveEachSettingFromTheMostSpecificPatternThatSetsIt()
    {
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("#", PolicySetting.MAX_DELIVERY_ATTEMPTS, 5)
            .put("orders.#", PolicySetting.MAX_DELIVERY_ATTEMPTS, 4)
            .put("orders.*", PolicySetting.MAX_DELIVERY_ATTEMPTS, 3)
            .put("orders.eu", PolicySetting.MAX_DELIVERY_ATTEMPTS, 2)
            .put("orders.#", PolicySetting.REDELIVERY_DELAY, 250L);

        assertEquals(2, policies.resolve("orders.eu").maxDeliveryAttempts());
        assertEquals(250, policies.resolve("orders.eu").redeliveryDelayMs());
        assertEquals(3, policies.resolve("orders.us").maxDeliveryAttempts());
        assertEquals(4, policies.resolve("orders").maxDeliveryAttempts());
        assertEquals(5, policies.resolve("invoices").maxDeliveryAttempts());
        assertEquals(0, policies.resolve("invoices").redeliveryDelayMs());
    }

    @Test
    void shouldParsePerDestinationKeys()
    {
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("aeolus.destination.orders.#.max.delivery.attempts", "3")
            .put("aeolus.destination.orders.#.redelivery.delay", "2s")
            .put("aeolus.destination.orders.#.memory.limit", "1m")
            .put("aeolus.destination.orders.#.memory.limit.policy", "fail")
            .put("aeolus.destination.orders.#.dead.letter.queue", "none")
            .put("aeolus.destination.orders.#.expiry.queue", "Expired.{destination}")
            .put("aeolus.destination.orders.#.auto.create", "false");

        final DestinationPolicy policy = policies.resolve("orders.eu");

        assertEquals(3, policy.maxDeliveryAttempts());
        assertEquals(2000, policy.redeliveryDelayMs());
        assertEquals(1024 * 1024, policy.memoryLimitBytes());
        assertEquals(MemoryLimitPolicy.FAIL, policy.memoryLimitPolicy());
        assertNull(policy.deadLetterQueueFor("orders.eu"));
        assertEquals("Expired.orders.eu", policy.expiryQueueFor("orders.eu"));
        assertFalse(policy.autoCreate());
        assertEquals("DLQ.invoices", policies.resolve("invoices").deadLetterQueueFor("invoices"));
    }

    @Test
    void shouldRefuseAnUnknownSettingNamingTheKey()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DestinationPolicies.defaults().put("aeolus.destination.orders.max.attempts", "3"));

        assertTrue(ex.getMessage().contains("aeolus.destination.orders.max.attempts"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnInvalidValueNamingTheKey()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DestinationPolicies.defaults().put("aeolus.destination.orders.redelivery.multiplier", "0.5"));

        assertTrue(ex.getMessage().contains("aeolus.destination.orders.redelivery.multiplier"), ex.getMessage());
    }

    @Test
    void shouldGrowTheRedeliveryDelayExponentiallyUpToItsCap()
    {
        final DestinationPolicy policy = new DestinationPolicy(
            100, 2.0, 500, 10, "DLQ", "", 0, MemoryLimitPolicy.BLOCK, true);

        assertEquals(100, policy.redeliveryDelayMs(1));
        assertEquals(200, policy.redeliveryDelayMs(2));
        assertEquals(400, policy.redeliveryDelayMs(3));
        assertEquals(500, policy.redeliveryDelayMs(4));
        assertEquals(500, policy.redeliveryDelayMs(1000));
    }

    @Test
    void shouldKnowTheNamesItsDeadLetterTemplatesProduce()
    {
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("billing.#", PolicySetting.DEAD_LETTER_QUEUE, "billing.dead")
            .put("audit", PolicySetting.DEAD_LETTER_QUEUE, "{destination}.failed");

        assertTrue(policies.isDeadLetterQueueName("DLQ.orders"));
        assertTrue(policies.isDeadLetterQueueName("billing.dead"));
        assertTrue(policies.isDeadLetterQueueName("audit.failed"));
        assertFalse(policies.isDeadLetterQueueName("DLQ."), "the template with an empty destination");
        assertFalse(policies.isDeadLetterQueueName("orders"));
        assertFalse(policies.isDeadLetterQueueName("billing.dead.letters"));
    }
}
