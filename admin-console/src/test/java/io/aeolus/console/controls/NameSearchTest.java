package io.aeolus.console.controls;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The names a queue field suggests: any part of the name, case-insensitive, in name order, a whole name typed first.
 */
@Timeout(10)
class NameSearchTest
{
    private static final List<String> NAMES = List.of("orders", "DLQ.orders", "orders.eu", "payments", "Orders.Audit");

    @Test
    void suggestsTheNamesContainingTheTextInNameOrder()
    {
        assertEquals(List.of("DLQ.orders", "Orders.Audit", "orders", "orders.eu"), NameSearch.matches(NAMES, "rder"));
        assertEquals(List.of("payments"), NameSearch.matches(NAMES, "PAY"));
        assertEquals(List.of(), NameSearch.matches(NAMES, "  "));
        assertEquals(List.of(), NameSearch.matches(NAMES, "payments"), "nothing to suggest for the one name typed");
    }

    @Test
    void aWholeNameTypedComesFirstSoThatEnterKeepsIt()
    {
        // The pop-up highlights its first suggestion and Enter takes it: "orders" typed must stay "orders".
        assertEquals(List.of("orders", "DLQ.orders", "Orders.Audit", "orders.eu"), NameSearch.matches(NAMES, "orders"));
    }

    @Test
    void suggestsAtMostFifty()
    {
        final List<String> many = IntStream.range(0, 200).mapToObj((i) -> "queue." + i).toList();

        assertEquals(NameSearch.MAX_SUGGESTIONS, NameSearch.matches(many, "queue").size());
        assertEquals("queue.7", NameSearch.matches(many, "queue.7").get(0));
    }
}
