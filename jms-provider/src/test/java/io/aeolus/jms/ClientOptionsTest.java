package io.aeolus.jms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ClientOptionsTest
{
    @Test
    void shouldReadTheReceiveSpinFromTheUrlTheSetterOrTheDefault()
    {
        assertEquals(0, ClientOptions.resolve("aeolus:ipc", Map.of()).receiveSpinNs());
        assertEquals(100_000, ClientOptions.resolve("aeolus:ipc?receiveSpin=100us", Map.of()).receiveSpinNs());
        assertEquals(2_000_000, ClientOptions.resolve("aeolus:ipc", Map.of("receiveSpin", "2ms")).receiveSpinNs());
    }

    @Test
    void shouldRefuseABadOrTooLongReceiveSpinNamingTheOption()
    {
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> ClientOptions.resolve("aeolus:ipc?receiveSpin=1s", Map.of()));
        assertTrue(tooLong.getMessage().startsWith("receiveSpin: at most 10ms"), tooLong.getMessage());
        final IllegalArgumentException badUnit = assertThrows(IllegalArgumentException.class,
            () -> ClientOptions.resolve("aeolus:ipc?receiveSpin=5 parsecs", Map.of()));
        assertTrue(badUnit.getMessage().startsWith("receiveSpin:"), badUnit.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownOptionListingTheKnownOnes()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ClientOptions.resolve("aeolus:ipc?recieveSpin=1ms", Map.of()));
        assertTrue(ex.getMessage().contains("unknown option 'recieveSpin'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("receiveSpin"), ex.getMessage());
    }

    @Test
    void shouldBatchAutoAcknowledgementsBy32UnlessToldOtherwise()
    {
        assertEquals(1, ClientOptions.resolve("aeolus:ipc", Map.of()).autoAckBatch());
        assertEquals(32, ClientOptions.resolve("aeolus:ipc?autoAckBatch=32", Map.of()).autoAckBatch());
        assertEquals(1, ClientOptions.resolve("aeolus:ipc?autoAckBatch=1", Map.of()).autoAckBatch());
        assertEquals(100, ClientOptions.resolve("aeolus:ipc", Map.of("autoAckBatch", "100")).autoAckBatch());
    }

    @Test
    void shouldRefuseABadAutoAckBatchNamingTheOption()
    {
        for (final String bad : new String[]{"0", "-3", "lots", "70000"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.resolve("aeolus:ipc?autoAckBatch=" + bad, Map.of()));
            assertTrue(ex.getMessage().startsWith("autoAckBatch: "), ex.getMessage());
        }
    }

    @Test
    void shouldKnowTheIdleStrategyOptions()
    {
        ClientOptions.resolve("aeolus:ipc?idleStrategy=yield&driverIdleStrategy=spin", Map.of());
    }
}
