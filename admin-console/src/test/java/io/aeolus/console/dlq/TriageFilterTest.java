package io.aeolus.console.dlq;

import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.backend.TriageGrouping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriageFilterTest
{
    private static final DeadLetter DEAD_LETTER =
        new DeadLetter("ID:1", "orders", "poison", 1_000, 4, "worker-2", Map.of("errorCode", "E42"));

    @Test
    void shouldMatchADeadLetterByTheValueItWasGroupedBy()
    {
        assertTrue(filter(TriageGrouping.REASON, "", "poison").matches(DEAD_LETTER));
        assertTrue(filter(TriageGrouping.DESTINATION, "", "orders").matches(DEAD_LETTER));
        assertTrue(filter(TriageGrouping.CONSUMER, "", "worker-2").matches(DEAD_LETTER));
        assertTrue(filter(TriageGrouping.DELIVERY_COUNT, "", "4").matches(DEAD_LETTER));
        assertTrue(filter(TriageGrouping.PROPERTY, "errorCode", "E42").matches(DEAD_LETTER));
        assertTrue(filter(TriageGrouping.PROPERTY, "missing", "").matches(DEAD_LETTER));
        assertFalse(filter(TriageGrouping.REASON, "", "expired").matches(DEAD_LETTER));
        assertFalse(filter(TriageGrouping.PROPERTY, "errorCode", "E7").matches(DEAD_LETTER));
    }

    @Test
    void shouldNameWhatKeepsAFileFromBeingImported(@TempDir final Path dir) throws Exception
    {
        final ResourceBundle bundle = ResourceBundle.getBundle("io.aeolus.console.messages");
        final Path file = Files.writeString(dir.resolve("in.jsonl"), "");

        assertNull(ImportDialog.problem(bundle, file.toString()));
        assertTrue(ImportDialog.problem(bundle, dir.resolve("nope.jsonl").toString()).contains("nope.jsonl"));
        assertTrue(ImportDialog.problem(bundle, dir.toString()).startsWith("There is no file"));
    }

    private static TriageFilter filter(final TriageGrouping grouping, final String property, final String key)
    {
        return new TriageFilter(grouping, property, new TriageGroup(key, 1, 0, 0, List.of(), "x = 1"));
    }
}
