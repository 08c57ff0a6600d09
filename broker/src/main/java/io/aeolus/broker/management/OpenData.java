package io.aeolus.broker.management;

import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Turns the management records into JMX open data, so that jconsole, VisualVM and any JMX client show them as typed
 * tables without our classes: a record becomes a {@link CompositeData} with one item per component. Strings, longs,
 * ints, doubles and booleans keep their type; enums, arrays, maps and lists become text. Thread-safe (the JMX threads
 * call it); allocates.
 */
final class OpenData
{
    // JMX threads ask concurrently; ClassValue computes each record's type once and is safe to share.
    private static final ClassValue<CompositeType> TYPES = new ClassValue<>()
    {
        protected CompositeType computeValue(final Class<?> type)
        {
            return describe(type);
        }
    };

    private OpenData()
    {
    }

    /**
     * @param record a record.
     * @return it as composite data.
     */
    static CompositeData composite(final Record record)
    {
        final RecordComponent[] components = record.getClass().getRecordComponents();
        final String[] names = new String[components.length];
        final Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++)
        {
            names[i] = components[i].getName();
            values[i] = value(components[i], record);
        }
        try
        {
            return new CompositeDataSupport(type(record.getClass()), names, values);
        }
        catch (final OpenDataException ex)
        {
            throw new IllegalStateException("cannot describe " + record.getClass().getSimpleName() + ": " + ex, ex);
        }
    }

    /**
     * @param records records of one type.
     * @return them as composite data, in order.
     */
    static CompositeData[] composites(final List<? extends Record> records)
    {
        final CompositeData[] rows = new CompositeData[records.size()];
        for (int i = 0; i < rows.length; i++)
        {
            rows[i] = composite(records.get(i));
        }
        return rows;
    }

    private static CompositeType type(final Class<?> recordType)
    {
        return TYPES.get(recordType);
    }

    private static CompositeType describe(final Class<?> recordType)
    {
        final RecordComponent[] components = recordType.getRecordComponents();
        final String[] names = new String[components.length];
        final OpenType<?>[] types = new OpenType<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            names[i] = components[i].getName();
            types[i] = openType(components[i].getType());
        }
        try
        {
            return new CompositeType(recordType.getSimpleName(), recordType.getSimpleName(), names, names, types);
        }
        catch (final OpenDataException ex)
        {
            throw new IllegalStateException("cannot describe " + recordType.getSimpleName() + ": " + ex, ex);
        }
    }

    private static OpenType<?> openType(final Class<?> type)
    {
        if (type == long.class || type == Long.class)
        {
            return SimpleType.LONG;
        }
        if (type == int.class || type == Integer.class)
        {
            return SimpleType.INTEGER;
        }
        if (type == double.class || type == Double.class)
        {
            return SimpleType.DOUBLE;
        }
        if (type == boolean.class || type == Boolean.class)
        {
            return SimpleType.BOOLEAN;
        }
        return SimpleType.STRING;
    }

    private static Object value(final RecordComponent component, final Record record)
    {
        final Object value;
        try
        {
            value = component.getAccessor().invoke(record);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(ex);
        }
        if (openType(component.getType()) != SimpleType.STRING)
        {
            return value;
        }
        if (value instanceof byte[])
        {
            return Base64.getEncoder().encodeToString((byte[])value);
        }
        if (value instanceof int[])
        {
            return Arrays.toString((int[])value);
        }
        return null == value ? "" : value instanceof Enum ? ((Enum<?>)value).name() : String.valueOf(value);
    }
}
