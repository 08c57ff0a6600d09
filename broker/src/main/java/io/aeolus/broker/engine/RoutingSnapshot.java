package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.engine.routing.RoutingTable;
import io.aeolus.broker.engine.routing.RuleTransform;
import io.aeolus.broker.selector.Selector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The routing part of a snapshot, its last section (format version 3): the routing rules, then the last-value
 * queues' index.
 * <p>
 * Rules: every rule in name order, as text, with whether the config file declares it. Those made at run time are
 * put back into the fresh engine, with their transformer, its parameters, their schema and invalid action (built
 * again with the fresh engine's transformers); those declared come from its settings, and are written only to be
 * compared: an engine given another config file than the one snapshotted would route differently from then on, so
 * a restore that finds a declared rule missing, added or changed is refused, naming it.
 * <p>
 * Last-value index: per queue whose index was built, each key value (typed: {@code 1} and {@code 1L} are different
 * keys, as {@link Object#equals} has them) with the entry it names. It is written, not rebuilt from the waiting
 * entries on restore, because it is not a function of them: it is built on a queue's first last-value send, so
 * entries paged in or recovered since are not in it, and it names the last entry sent with a key while that one is
 * in flight (until one with the same key comes back to waiting: a rollback, a recover). Pairs whose entry is no
 * longer in the engine (acknowledged, discarded, moved) are left out: such an entry never waits in that queue again,
 * so it never replaces anything, exactly as if its key were absent. Engine thread only.
 */
final class RoutingSnapshot
{
    private static final int STRING = 0;
    private static final int INTEGER = 1;
    private static final int LONG = 2;
    private static final int BOOLEAN = 3;
    private static final int BYTE = 4;
    private static final int SHORT = 5;
    private static final int FLOAT = 6;
    private static final int DOUBLE = 7;

    private final Destinations destinations;
    private final DestinationsSnapshot stores;

    RoutingSnapshot(final MessagingEngine engine, final DestinationsSnapshot stores)
    {
        this.destinations = engine.destinations();
        this.stores = stores;
    }

    /**
     * @return true if the engine holds rules made at run time (it recovered, or took management input).
     */
    static boolean hasRunTimeRules(final MessagingEngine engine)
    {
        for (final RoutingRule rule : engine.destinations().routing.table().rules())
        {
            if (!rule.declared())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Before the snapshot's entries are written: tells the writer which of them the last-value index names.
     */
    void nameEntries(final SnapshotWriter out)
    {
        // order-free: marks in an identity map, numbered later in the order the entries are written
        for (final Map<Object, QueueEntry> byKey : destinations.lastValues.index().values())
        {
            out.nameEntries(byKey.values()); // order-free: as above
        }
    }

    void write(final SnapshotWriter out)
    {
        final RoutingRule[] rules = destinations.routing.table().rules();
        out.writeInt(rules.length);
        for (final RoutingRule rule : rules)
        {
            out.writeString(rule.name());
            out.writeString(rule.source().toString());
            out.writeString(selectorText(rule));
            out.writeString(rule.targetsText());
            out.writeString(rule.mode().text());
            out.writeBoolean(rule.declared());
            out.writeString(transformText(rule.transform()));
            if (!rule.declared())
            {
                // A rule made at run time is built again from these, as from the journal.
                final RuleTransform transform = rule.transform();
                out.writeString(transform.transformer());
                out.writeString(transform.parametersText());
                out.writeString(transform.schema());
                out.writeString(transform.isNone() ? null : transform.invalid().text());
            }
        }
        writeLastValues(out);
    }

    void read(final SnapshotReader in)
    {
        final RoutingTable table = destinations.routing.table();
        final int count = in.readCount("routing rules");
        int declared = 0;
        for (int i = 0; i < count; i++)
        {
            final RoutingRule rule = readRule(in, destinations.routing);
            if (rule.declared())
            {
                // A declared rule's transformation comes from the settings: compared here, not restored.
                final String transform = in.readString();
                final RoutingRule own = table.get(rule.name());
                final String described = describe(rule) + transform;
                if (null == own || !own.declared() || !described.equals(describe(own)))
                {
                    throw mismatch("declares routing rule '" + rule.name() + "' as " + described +
                        (null == own ? ", this engine does not" : ", this engine as " + describe(own)));
                }
                declared++;
                continue;
            }
            if (null != table.get(rule.name()))
            {
                throw mismatch("made routing rule '" + rule.name() + "' at run time, this engine declares it");
            }
            try
            {
                table.put(rule);
            }
            catch (final IllegalArgumentException ex)
            {
                throw mismatch("made routing rule '" + rule.name() + "' at run time, that this engine's " +
                    "declared rules refuse: " + ex.getMessage());
            }
        }
        for (final RoutingRule own : table.rules())
        {
            if (own.declared())
            {
                declared--;
            }
        }
        if (declared != 0)
        {
            throw mismatch("declares fewer routing rules than this engine does (" + (-declared) + " fewer)");
        }
        readLastValues(in);
    }

    private void writeLastValues(final SnapshotWriter out)
    {
        final TreeMap<Integer, Map<Object, QueueEntry>> byStore = new TreeMap<>();
        // order-free: sorted by store number
        for (final Map.Entry<MessageQueue, Map<Object, QueueEntry>> index : destinations.lastValues.index().entrySet())
        {
            final int storeId = stores.storeIdOrNone(index.getKey());
            if (storeId >= 0)
            {
                byStore.put(storeId, index.getValue());
            }
        }
        out.writeInt(byStore.size());
        for (final Map.Entry<Integer, Map<Object, QueueEntry>> index : byStore.entrySet())
        {
            final MessageQueue queue = stores.store(index.getKey());
            final TreeMap<Integer, Object> keysByEntry = new TreeMap<>();
            // order-free: sorted by entry number, so the bytes are the same each time
            for (final Map.Entry<Object, QueueEntry> pair : index.getValue().entrySet())
            {
                final int number = out.entryNumber(pair.getValue());
                if (number >= 0 && pair.getValue().queue() == queue)
                {
                    keysByEntry.put(number, pair.getKey());
                }
            }
            out.writeInt(index.getKey());
            out.writeInt(keysByEntry.size());
            for (final Map.Entry<Integer, Object> pair : keysByEntry.entrySet())
            {
                writeKey(out, pair.getValue());
                out.writeInt(pair.getKey());
            }
        }
    }

    private void readLastValues(final SnapshotReader in)
    {
        final int queues = in.readCount("last-value indexes");
        for (int i = 0; i < queues; i++)
        {
            final MessageQueue queue = stores.store(in.readInt());
            final int pairs = in.readCount("last-value keys");
            final Map<Object, QueueEntry> byKey = new HashMap<>();
            for (int p = 0; p < pairs; p++)
            {
                final Object key = readKey(in);
                final QueueEntry entry = in.entry(in.readInt());
                if (entry.queue() != queue || null != byKey.put(key, entry))
                {
                    throw new IllegalArgumentException("snapshot corrupted: last-value key '" + key + "' of " +
                        queue.name() + " names an entry of " + entry.queue().name() + " or is named twice");
                }
            }
            destinations.lastValues.restore(queue, byKey);
        }
    }

    private static void writeKey(final SnapshotWriter out, final Object key)
    {
        if (key instanceof String value)
        {
            out.writeByte(STRING);
            out.writeString(value);
        }
        else if (key instanceof Integer value)
        {
            out.writeByte(INTEGER);
            out.writeInt(value);
        }
        else if (key instanceof Long value)
        {
            out.writeByte(LONG);
            out.writeLong(value);
        }
        else if (key instanceof Boolean value)
        {
            out.writeByte(BOOLEAN);
            out.writeBoolean(value);
        }
        else if (key instanceof Byte value)
        {
            out.writeByte(BYTE);
            out.writeByte(value);
        }
        else if (key instanceof Short value)
        {
            out.writeByte(SHORT);
            out.writeInt(value);
        }
        else if (key instanceof Float value)
        {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits(value));
        }
        else if (key instanceof Double value)
        {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(value));
        }
        else
        {
            throw new IllegalStateException("cannot snapshot: a last-value key of type " +
                key.getClass().getName());
        }
    }

    private static Object readKey(final SnapshotReader in)
    {
        final int type = in.readByte();
        switch (type)
        {
            case STRING:
                final String text = in.readString();
                if (null == text)
                {
                    throw new IllegalArgumentException("snapshot corrupted: a null last-value key");
                }
                return text;
            case INTEGER:
                return in.readInt();
            case LONG:
                return in.readLong();
            case BOOLEAN:
                return in.readBoolean();
            case BYTE:
                return (byte)in.readByte();
            case SHORT:
                return (short)in.readInt();
            case FLOAT:
                return Float.intBitsToFloat(in.readInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            default:
                throw new IllegalArgumentException("snapshot corrupted: last-value key of unknown type " + type);
        }
    }

    private static RoutingRule readRule(final SnapshotReader in, final Routing routing)
    {
        final String name = in.readString();
        final String source = in.readString();
        final String selector = in.readString();
        final String targets = in.readString();
        final String mode = in.readString();
        final boolean declared = in.readBoolean();
        if (declared)
        {
            try
            {
                return RoutingRule.parse(name, source, selector, targets, mode, routing.table().wildcards(), true);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("snapshot corrupted: " + ex.getMessage(), ex);
            }
        }
        final String transformText = in.readString();
        final String transformer = in.readString();
        final String parameters = in.readString();
        final String schema = in.readString();
        final String invalid = in.readString();
        final RoutingRule rule;
        try
        {
            rule = routing.parseRunTime(name, source, selector, targets, mode, transformer, parameters, schema,
                invalid);
        }
        catch (final IllegalArgumentException ex)
        {
            // Most likely a transformer the fresh engine lacks (a plugin's): the engines differ, the bytes may not.
            throw mismatch("made routing rule '" + name + "' at run time, that this engine cannot build: " +
                ex.getMessage());
        }
        if (!transformText.equals(transformText(rule.transform())))
        {
            throw new IllegalArgumentException("snapshot corrupted: routing rule '" + name + "' transforms as '" +
                transformText + "', read back as '" + transformText(rule.transform()) + "'");
        }
        return rule;
    }

    private static String describe(final RoutingRule rule)
    {
        final String selector = selectorText(rule);
        return rule.source() + (null == selector ? "" : " [" + selector + "]") + " -> " + rule.targetsText() + " (" +
            rule.mode().text() + ")" + transformText(rule.transform());
    }

    /**
     * A rule's transformation as text, so that two engines whose declared rules transform or validate differently
     * do not pass for the same; empty for none.
     */
    private static String transformText(final RuleTransform transform)
    {
        if (null == transform || (null == transform.transformer() && null == transform.schema()))
        {
            return "";
        }
        return (null == transform.transformer() ? "" : " transform " + transform.transformer() +
            transform.parameters()) + (null == transform.schema() ? "" : " schema " + transform.schema()) +
            " invalid " + transform.invalid();
    }

    private static String selectorText(final RoutingRule rule)
    {
        return rule.selector() == Selector.MATCH_ALL ? null : rule.selector().text();
    }

    private static IllegalArgumentException mismatch(final String problem)
    {
        return new IllegalArgumentException("snapshot of an engine with another config file: the snapshot " +
            problem + ": restore into an engine given the same settings");
    }

    /**
     * @return the rules of the engine as text, in name order, for tests and diagnostics.
     */
    static List<String> rulesText(final MessagingEngine engine)
    {
        final List<String> text = new ArrayList<>();
        for (final RoutingRule rule : engine.destinations().routing.table().rules())
        {
            text.add(rule.name() + (rule.declared() ? " declared " : " ") + describe(rule));
        }
        return text;
    }
}
