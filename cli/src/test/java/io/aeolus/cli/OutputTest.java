package io.aeolus.cli;

import io.aeolus.management.ConnectionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class OutputTest
{
    @Test
    void shouldAlignATableOnItsWidestCell()
    {
        final StringWriter text = new StringWriter();

        new Output(new PrintWriter(text, true), false).table(List.of(
            new ConnectionInfo(7, "", "alice", "aeron:ipc", 1, 2, 0),
            new ConnectionInfo(12, "svc", "bob", "10.0.0.7:40122", 3, 0, 1)), "id", "user", "source");

        assertEquals(List.of("id  user   source", "7   alice  aeron:ipc", "12  bob    10.0.0.7:40122"),
            text.toString().lines().toList());
    }

    @Test
    void shouldWriteEveryRecordFieldAsJsonWithEscapes()
    {
        final StringWriter text = new StringWriter();

        new Output(new PrintWriter(text, true), true).table(List.of(
            new ConnectionInfo(7, "a\"b\n", "alice", "aeron:ipc", 1, 2, 0)), "id");

        final Map<String, Object> row = TestJson.array(text.toString()).get(0);
        assertEquals(7L, row.get("id"));
        assertEquals("a\"b\n", row.get("clientId"));
        assertEquals(2L, row.get("consumers"));
        assertEquals(7, row.size());
    }
}
