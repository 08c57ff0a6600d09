package io.aeolus.management;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The names in a reply: its status properties, and the entries of its map body that are not fields of a result
 * record. A list result is {@link #COUNT} rows, row {@code i}'s fields under the prefix {@code i + "."}. Also the
 * readers of those entries, lenient about the numeric type a map carries. Stateless; any thread.
 */
public final class Reply
{
    /** Reply property: {@link #OK} or {@link #ERROR}. */
    public static final String STATUS = "AEOLUS_MGMT_STATUS";
    /** Reply property of an error: its stable {@link ErrorCode}. */
    public static final String ERROR_CODE = "AEOLUS_MGMT_ERROR_CODE";
    /** Reply property of an error: what went wrong. */
    public static final String ERROR_MESSAGE = "AEOLUS_MGMT_ERROR_MESSAGE";
    /** {@link #STATUS} of a success. */
    public static final String OK = "OK";
    /** {@link #STATUS} of a failure. */
    public static final String ERROR = "ERROR";

    /** How many rows a list holds, or how many messages an operation affected. */
    public static final String COUNT = "count";
    /** How many messages matched (browse, search), or were grouped (triage), or a job will visit. */
    public static final String TOTAL = "total";
    /** The trash batch that holds what an operation removed, absent when nothing went to the trash. */
    public static final String BATCH = "batch";
    /** How many messages were skipped. */
    public static final String SKIPPED = "skipped";
    /** True if a create made a new destination. */
    public static final String CREATED = "created";
    /** Whether a queue is paused after a pause or resume. */
    public static final String PAUSED = "paused";
    /** True if a pause or resume changed the queue. */
    public static final String CHANGED = "changed";
    /** How many messages a dropped subscription held. */
    public static final String DROPPED = "dropped";
    /** The JMSMessageID of a sent message. */
    public static final String MESSAGE_ID = "messageId";
    /** The id of a started job. */
    public static final String JOB_ID = "jobId";
    /** How long the trash keeps removed messages, ms. */
    public static final String RETENTION_MS = "retentionMs";
    /** The spacing of history points, ms. */
    public static final String RESOLUTION_MS = "resolutionMs";
    /** True in the answer to a dry run. */
    public static final String DRY_RUN = "dryRun";
    /** How many messages a dry run matched. */
    public static final String MATCHED = "matched";
    /**
     * A dry run: how many of the matched messages are paged out to the journal (the job reads them from there). A
     * broker of before the lookup of ids answered a dry run by ids with how many messages of the queue are paged out,
     * which it did not count (and no {@link #NOT_FOUND}).
     */
    public static final String PAGED_OUT = "pagedOut";
    /** A dry run by ids: the JMSMessageIDs found nowhere in the queue, one a line; empty if every one was found. */
    public static final String NOT_FOUND = "notFound";

    private Reply()
    {
    }

    /**
     * Writes one row of a list.
     *
     * @param <T> the row's record.
     */
    @FunctionalInterface
    public interface RowWriter<T>
    {
        /**
         * @param row    the row.
         * @param out    the map to write to.
         * @param prefix the row's prefix.
         */
        void write(T row, Map<String, Object> out, String prefix);
    }

    /**
     * Reads one row of a list.
     *
     * @param <T> the row's record.
     */
    @FunctionalInterface
    public interface RowReader<T>
    {
        /**
         * @param in     the map to read.
         * @param prefix the row's prefix.
         * @return the row.
         */
        T read(Map<String, Object> in, String prefix);
    }

    /**
     * Writes a list: each row under its prefix, then {@link #COUNT}.
     *
     * @param out    the reply body.
     * @param rows   the rows.
     * @param writer how one row is written.
     * @param <T>    the row's record.
     * @return out.
     */
    public static <T> Map<String, Object> putRows(
        final Map<String, Object> out, final List<T> rows, final RowWriter<T> writer)
    {
        for (int i = 0; i < rows.size(); i++)
        {
            writer.write(rows.get(i), out, i + ".");
        }
        out.put(COUNT, rows.size());
        return out;
    }

    /**
     * Reads a list written by {@link #putRows(Map, List, RowWriter)}.
     *
     * @param in     the reply body.
     * @param reader how one row is read.
     * @param <T>    the row's record.
     * @return the rows, in order.
     */
    public static <T> List<T> rows(final Map<String, Object> in, final RowReader<T> reader)
    {
        final int count = (int)longValue(in, COUNT);
        final List<T> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            rows.add(reader.read(in, i + "."));
        }
        return rows;
    }

    /**
     * @param in  a map.
     * @param key an entry's name.
     * @return the entry as a long; 0 if it is absent or not a number (a number written as text is parsed).
     */
    public static long longValue(final Map<String, Object> in, final String key)
    {
        final Object value = in.get(key);
        if (value instanceof Number)
        {
            return ((Number)value).longValue();
        }
        if (value instanceof String)
        {
            try
            {
                return Long.parseLong((String)value);
            }
            catch (final NumberFormatException ex)
            {
                return 0;
            }
        }
        return 0;
    }

    /**
     * @param in  a map.
     * @param key an entry's name.
     * @return the entry as an int; 0 if absent.
     */
    public static int intValue(final Map<String, Object> in, final String key)
    {
        return (int)longValue(in, key);
    }

    /**
     * @param in  a map.
     * @param key an entry's name.
     * @return the entry as a double; 0 if absent.
     */
    public static double doubleValue(final Map<String, Object> in, final String key)
    {
        final Object value = in.get(key);
        return value instanceof Number ? ((Number)value).doubleValue() : 0;
    }

    /**
     * @param in  a map.
     * @param key an entry's name.
     * @return true if the entry is {@code true} or the text {@code true}.
     */
    public static boolean booleanValue(final Map<String, Object> in, final String key)
    {
        final Object value = in.get(key);
        return Boolean.TRUE.equals(value) || value instanceof String && Boolean.parseBoolean((String)value);
    }

    /**
     * @param in  a map.
     * @param key an entry's name.
     * @return the entry as text, the empty string if absent.
     */
    public static String string(final Map<String, Object> in, final String key)
    {
        final Object value = in.get(key);
        return null == value ? "" : String.valueOf(value);
    }

    /**
     * @param in  a map.
     * @param key an entry's name.
     * @return the entry as bytes, null if absent or not bytes.
     */
    public static byte[] bytes(final Map<String, Object> in, final String key)
    {
        final Object value = in.get(key);
        return value instanceof byte[] ? (byte[])value : null;
    }
}
