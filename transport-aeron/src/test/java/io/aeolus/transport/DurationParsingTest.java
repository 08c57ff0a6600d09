package io.aeolus.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DurationParsingTest
{
    @Test
    void shouldReadEveryUnitFromNanosecondsToDays()
    {
        assertEquals(7, TransportConfiguration.parseDurationNs("o", "7ns", 0));
        assertEquals(7_000, TransportConfiguration.parseDurationNs("o", "7us", 0));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(7), TransportConfiguration.parseDurationNs("o", "7", 0));
        assertEquals(TimeUnit.SECONDS.toNanos(7), TransportConfiguration.parseDurationNs("o", " 7s ", 0));
        assertEquals(TimeUnit.MINUTES.toNanos(7), TransportConfiguration.parseDurationNs("o", "7m", 0));
        assertEquals(TimeUnit.HOURS.toNanos(24), TransportConfiguration.parseDurationNs("o", "24h", 0));
        assertEquals(TimeUnit.DAYS.toNanos(7), TransportConfiguration.parseDurationNs("o", "7D", 0));
        assertEquals(42, TransportConfiguration.parseDurationNs("o", "", 42));
    }

    @Test
    void shouldNameTheOptionAndTheProblem()
    {
        final IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
            () -> TransportConfiguration.parseDurationNs("aeolus.x", "3 fortnights", 0));
        assertTrue(unit.getMessage().startsWith("aeolus.x: unknown unit 'fortnights'"), unit.getMessage());
        final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
            () -> TransportConfiguration.parseDurationNs("aeolus.x", "-3s", 0));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransportConfiguration.parseDurationNs("aeolus.x", "s", 0));
    }
}
