package io.aeolus.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints results as a table (default) or as JSON ({@code --json}): a list of records as a JSON array of objects with
 * one field per record component, one record as an object, and the outcome of a change as an object of its own.
 */
final class Output
{
    private static final int MAX_CELL = 60;
    private static final Set<String> TIMES = Set.of("timestamp", "expiration", "startedMs");

    private final PrintWriter out;
    private final boolean json;

    Output(final PrintWriter out, final boolean json)
    {
        this.out = out;
        this.json = json;
    }

    /**
     * @param rows    records of one type.
     * @param columns the record components to show in the table; JSON has them all.
     */
    void table(final List<? extends Record> rows, final String... columns)
    {
        if (json)
        {
            out.println(Json.write(rows));
            return;
        }
        final List<String[]> cells = new ArrayList<>();
        cells.add(columns);
        for (final Record row : rows)
        {
            final Map<String, Object> fields = fields(row);
            final String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++)
            {
                line[i] = cell(columns[i], fields.get(columns[i]));
            }
            cells.add(line);
        }
        final int[] widths = new int[columns.length];
        for (final String[] line : cells)
        {
            for (int i = 0; i < line.length; i++)
            {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (final String[] line : cells)
        {
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++)
            {
                text.append(line[i]);
                if (i < line.length - 1)
                {
                    text.append(" ".repeat(widths[i] - line[i].length() + 2));
                }
            }
            out.println(text);
        }
    }

    /**
     * @param record one record, as {@code name: value} lines or a JSON object.
     */
    void record(final Record record)
    {
        if (json)
        {
            out.println(Json.write(record));
            return;
        }
        final Map<String, Object> fields = fields(record);
        final int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((name, value) -> out.println(name + ":" + " ".repeat(width - name.length() + 1) +
            (null == value ? "" : readable(name, value))));
    }

    /**
     * @param text   what was done, for people.
     * @param fields the same for machines: name, value, name, value, ...
     */
    void done(final String text, final Object... fields)
    {
        if (json)
        {
            final Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i + 1 < fields.length; i += 2)
            {
                object.put(String.valueOf(fields[i]), fields[i + 1]);
            }
            out.println(Json.write(object));
        }
        else
        {
            out.println(text);
        }
    }

    static Map<String, Object> fields(final Record record)
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        for (final RecordComponent component : record.getClass().getRecordComponents())
        {
            try
            {
                fields.put(component.getName(), component.getAccessor().invoke(record));
            }
            catch (final IllegalAccessException | InvocationTargetException ex)
            {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + record, ex);
            }
        }
        return fields;
    }

    private static String cell(final String name, final Object value)
    {
        final String text = null == value ? "" : value instanceof Collection || value instanceof Map ?
            Json.write(value) : readable(name, value);
        final String oneLine = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return oneLine.length() > MAX_CELL ? oneLine.substring(0, MAX_CELL - 3) + "..." : oneLine;
    }

    /**
     * Points in time (epoch milliseconds) as ISO instants for people; JSON keeps the numbers.
     */
    private static String readable(final String name, final Object value)
    {
        if (TIMES.contains(name) && value instanceof Long && (Long)value > 0)
        {
            return Instant.ofEpochMilli((Long)value).toString();
        }
        return String.valueOf(value);
    }
}
