package io.aeolus.broker.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ?start=} option of a topic a consumer names.
 */
@Timeout(30)
class StartPositionTest
{
    private static final long NOW_MS = 1_800_000_000_000L;

    @Test
    void shouldReadEveryForm()
    {
        assertEquals(StartPosition.NOW, StartPosition.parse("events"));
        assertEquals(StartPosition.NOW, StartPosition.parse("events?start=now"));
        assertEquals(StartPosition.EARLIEST, StartPosition.parse("events?start=EARLIEST"));
        assertEquals(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli(),
            StartPosition.parse("events?start=2026-12-06T10:00:00Z").fromMs(NOW_MS));
        assertEquals(NOW_MS - 3_600_000, StartPosition.parse("events?start=-1h").fromMs(NOW_MS));
        assertEquals(Long.MIN_VALUE, StartPosition.EARLIEST.fromMs(NOW_MS));
        assertEquals(Long.MAX_VALUE, StartPosition.NOW.fromMs(NOW_MS));
        assertEquals("a.b.c", StartPosition.baseName("a.b.c?start=earliest"));
        assertEquals("-1500ms", StartPosition.parse("t?start=-1500ms").text());
    }

    @Test
    void shouldRefuseBadOptionsNamingThem()
    {
        assertRefused("events?start=yesterday", "start='yesterday'");
        assertRefused("events?start=", "start=''");
        assertRefused("events?start=-", "start='-'");
        assertRefused("events?start=-5x", "unknown unit 'x'");
        assertRefused("events?begin=earliest", "unknown destination option 'begin'");
        assertRefused("events?start=now&start=earliest", "given twice");
        assertRefused("events?", "unknown destination option ''");
        assertRefused("?start=now", "no topic name");
    }

    private static void assertRefused(final String destination, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> StartPosition.parse(destination));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
