package io.aeolus.cluster;

import io.aeolus.management.Argument;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.Reply;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pads the replies of the {@code history} operation in a broker group. Each member answers from its own metrics
 * history, which is not replicated (a member that started later has fewer points), yet each routes its reply into
 * the requester's reply queue as part of the replicated state: so that the members' queues hold the same number of
 * bytes, every reply to a request for a given range has the same encoded size, its properties and body together,
 * reached with a {@link #PADDING} entry of bytes in its body (which clients ignore). The size is that of the most
 * points the range can have, plus {@link #PROPERTIES_ROOM} for an error's properties. Service thread only.
 */
final class HistoryReplies
{
    /** The body entry that pads a reply; its value is zero bytes. */
    static final String PADDING = "padding";
    /** Room for the properties of an error reply (its message names the problem), bytes. */
    static final int PROPERTIES_ROOM = 4096;

    private static final String[] RANGES = {"1m", "10m", "1h", "24h"};
    private static final long[] RANGE_MS = {60_000, 600_000, 3_600_000, 86_400_000};
    private static final long[] RESOLUTION_MS = {1000, 1000, 10_000, 60_000};

    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1 << 16);
    private final int[] sizes = new int[RANGES.length];

    /**
     * @param arguments  the request: its {@code range} sets the size.
     * @param properties the reply's properties (status, error).
     * @param body       the reply's body.
     * @return the body with a padding entry that brings properties and body to the range's size.
     */
    Map<String, Object> padded(final Map<String, Object> arguments, final Map<String, Object> properties,
        final Map<String, Object> body)
    {
        final Map<String, Object> padded = new LinkedHashMap<>(body);
        padded.put(PADDING, new byte[0]);
        final int unpadded = PropertiesCodec.encode(properties, scratch, 0) +
            PropertiesCodec.encode(padded, scratch, 0);
        final int missing = size(arguments.get(Argument.RANGE)) - unpadded;
        if (missing > 0)
        {
            padded.put(PADDING, new byte[missing]);
        }
        return padded;
    }

    /**
     * @param range the range asked for; an unknown one has the smallest size (its reply is an error).
     * @return the encoded size of every reply for that range.
     */
    int size(final Object range)
    {
        int index = 0;
        for (int i = 0; i < RANGES.length; i++)
        {
            if (RANGES[i].equals(range))
            {
                index = i;
            }
        }
        if (0 == sizes[index])
        {
            sizes[index] = largestBody(index) + PROPERTIES_ROOM;
        }
        return sizes[index];
    }

    private int largestBody(final int index)
    {
        // The slots of a range: those after (now - range) up to now, one more for a slot cut at either end.
        final int slots = (int)(RANGE_MS[index] / RESOLUTION_MS[index]) + 2;
        final List<HistoryPoint> points = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++)
        {
            points.add(new HistoryPoint(Long.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE));
        }
        final Map<String, Object> body = Reply.putRows(new LinkedHashMap<>(), points, HistoryPoint::write);
        body.put(Reply.RESOLUTION_MS, RESOLUTION_MS[index]);
        body.put(PADDING, new byte[0]);
        return PropertiesCodec.encode(body, scratch, 0);
    }
}
