package io.aeolus.cluster;

import io.aeolus.management.Argument;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.Reply;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replies to {@code history} in a group: the same encoded size for a range whatever the member's points, or an error.
 */
class HistoryRepliesTest
{
    @Test
    @Timeout(10)
    void shouldGiveEveryReplyForARangeTheSameSize()
    {
        final HistoryReplies replies = new HistoryReplies();
        for (final String range : new String[]{"1m", "10m", "1h", "24h"})
        {
            final Map<String, Object> arguments = Map.of(Argument.RANGE, range);
            final int none = size(properties(), replies.padded(arguments, properties(), body(0)));
            final int some = size(properties(), replies.padded(arguments, properties(), body(37)));
            final int full = size(properties(), replies.padded(arguments, properties(), body(61)));
            final Map<String, Object> error = new LinkedHashMap<>();
            error.put(Reply.STATUS, Reply.ERROR);
            error.put(Reply.ERROR_CODE, "UNKNOWN_DESTINATION");
            error.put(Reply.ERROR_MESSAGE, "argument 'name': no queue named 'gone'");
            final int failed = size(error, replies.padded(arguments, error, Map.of()));
            assertEquals(none, some, range);
            assertEquals(none, full, range);
            assertEquals(none, failed, range);
            assertEquals(replies.size(range), none, range);
        }
        assertTrue(replies.size("24h") > replies.size("1m"));
        assertEquals(replies.size("1m"), replies.size("nonsense"));
    }

    private static Map<String, Object> properties()
    {
        return Map.of(Reply.STATUS, Reply.OK);
    }

    private static Map<String, Object> body(final int points)
    {
        final List<HistoryPoint> list = new ArrayList<>();
        for (int i = 0; i < points; i++)
        {
            list.add(new HistoryPoint(1_765_000_000_000L + i * 1000L, i, i / 3.0, 0.5));
        }
        final Map<String, Object> body = Reply.putRows(new LinkedHashMap<>(), list, HistoryPoint::write);
        body.put(Reply.RESOLUTION_MS, 1000L);
        return body;
    }

    private static int size(final Map<String, Object> properties, final Map<String, Object> body)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        return PropertiesCodec.encode(properties, buffer, 0) + PropertiesCodec.encode(body, buffer, 0);
    }
}
