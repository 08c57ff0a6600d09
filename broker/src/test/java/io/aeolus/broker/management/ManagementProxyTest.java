package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMX side of management: refusals and forwarded operations run on the caller's thread, the rest is posted to
 * the conductor (which here never drains, so a posted operation times out).
 */
@Timeout(10)
class ManagementProxyTest
{
    @Test
    void shouldReturnAForwardedOperationsResultWithTheCallersName()
    {
        final List<String> forwarded = new ArrayList<>();
        final ManagementProxy proxy = new ManagementProxy((arguments) -> null, (arguments, user, timeoutMs) ->
        {
            if (!"purge".equals(arguments.get(Argument.OP)))
            {
                return null;
            }
            forwarded.add(user + " " + timeoutMs);
            return Map.of("count", 3L);
        });

        assertEquals(Map.of("count", 3L), proxy.execute(Map.of(Argument.OP, "purge"), "ops", 250));
        assertEquals(List.of("ops 250"), forwarded);
        final ManagementException posted = assertThrows(ManagementException.class,
            () -> proxy.execute(Map.of(Argument.OP, "destinations"), "ops", 1));
        assertEquals(ManagementException.TIMEOUT, posted.code());
    }

    @Test
    void shouldRefuseBeforeForwarding()
    {
        final List<Map<String, Object>> forwarded = new ArrayList<>();
        final ManagementProxy proxy = new ManagementProxy((arguments) -> "startJob: not here",
            (arguments, user, timeoutMs) ->
            {
                forwarded.add(arguments);
                return Map.of();
            });

        final ManagementException refused = assertThrows(ManagementException.class,
            () -> proxy.execute(Map.of(Argument.OP, "startJob"), "", 100));
        assertEquals(ManagementException.ILLEGAL_STATE, refused.code());
        assertTrue(refused.getMessage().contains("not here"), refused.getMessage());
        assertTrue(forwarded.isEmpty());
    }
}
