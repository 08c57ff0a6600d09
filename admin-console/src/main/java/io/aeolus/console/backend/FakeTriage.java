package io.aeolus.console.backend;

import io.aeolus.management.DeadLetterProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dead-letter triage for the fake backend, after the broker's: groups by one property of the dead letters (the
 * broker's dead-letter properties or an application's), biggest first, with a histogram over the queue's time range
 * and the selector that picks each group. Stateless; any thread.
 */
final class FakeTriage
{
    static final String REASON = DeadLetterProperty.REASON;
    static final String ORIGINAL_DESTINATION = DeadLetterProperty.ORIGINAL_DESTINATION;
    static final String LAST_CONSUMER = DeadLetterProperty.LAST_CONSUMER;
    static final String DELIVERY_COUNT = DeadLetterProperty.DELIVERY_COUNT;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private FakeTriage()
    {
    }

    /**
     * The properties a selector sees on a dead letter: its own and the broker's dead-letter properties.
     */
    static Map<String, String> selectable(final DeadLetter deadLetter)
    {
        final Map<String, String> properties = new HashMap<>(deadLetter.properties());
        putIfSet(properties, REASON, deadLetter.reason());
        putIfSet(properties, ORIGINAL_DESTINATION, deadLetter.originalDestination());
        putIfSet(properties, LAST_CONSUMER, deadLetter.lastConsumer());
        properties.put(DELIVERY_COUNT, Integer.toString(deadLetter.deliveryCount()));
        return properties;
    }

    static TriageResult triage(
        final List<DeadLetter> deadLetters, final TriageGrouping grouping, final String property, final int buckets)
    {
        final String name = property(grouping, property);
        if (buckets < 1 || buckets > 240)
        {
            throw new IllegalArgumentException("argument 'buckets' must be from 1 to 240, not " + buckets);
        }
        long fromMs = Long.MAX_VALUE;
        long toMs = Long.MIN_VALUE;
        for (final DeadLetter deadLetter : deadLetters)
        {
            fromMs = Math.min(fromMs, deadLetter.deadLetteredAtMs());
            toMs = Math.max(toMs, deadLetter.deadLetteredAtMs());
        }
        final long bucketMs = deadLetters.isEmpty() ? 1 : Math.max(1, (toMs - fromMs) / buckets + 1);
        final Map<String, int[]> histograms = new LinkedHashMap<>();
        final Map<String, long[]> spans = new HashMap<>();
        for (final DeadLetter deadLetter : deadLetters)
        {
            final String key = selectable(deadLetter).get(name);
            final int[] histogram = histograms.computeIfAbsent(key, (k) -> new int[buckets]);
            final long timeMs = deadLetter.deadLetteredAtMs();
            histogram[(int)Math.min(buckets - 1, (timeMs - fromMs) / bucketMs)]++;
            final long[] span = spans.computeIfAbsent(key, (k) -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE, 0});
            span[0] = Math.min(span[0], timeMs);
            span[1] = Math.max(span[1], timeMs);
            span[2]++;
        }
        final List<TriageGroup> groups = new ArrayList<>(histograms.size());
        for (final Map.Entry<String, int[]> entry : histograms.entrySet())
        {
            final List<Integer> histogram = new ArrayList<>(buckets);
            for (final int count : entry.getValue())
            {
                histogram.add(count);
            }
            final long[] span = spans.get(entry.getKey());
            groups.add(new TriageGroup(null == entry.getKey() ? "" : entry.getKey(), span[2], span[0], span[1],
                histogram, FakeSelector.selectorFor(name, entry.getKey())));
        }
        groups.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new TriageResult(name, deadLetters.size(), deadLetters.isEmpty() ? 0 : fromMs,
            deadLetters.isEmpty() ? 0 : toMs, bucketMs, groups);
    }

    private static String property(final TriageGrouping grouping, final String property)
    {
        return switch (grouping)
        {
            case REASON -> REASON;
            case DESTINATION -> ORIGINAL_DESTINATION;
            case CONSUMER -> LAST_CONSUMER;
            case DELIVERY_COUNT -> DELIVERY_COUNT;
            default ->
            {
                if (null == property || !IDENTIFIER.matcher(property).matches())
                {
                    throw new IllegalArgumentException("argument 'property' must be a property name (a Java " +
                        "identifier), not '" + property + "'");
                }
                yield property;
            }
        };
    }

    private static void putIfSet(final Map<String, String> properties, final String name, final String value)
    {
        if (!value.isEmpty())
        {
            properties.put(name, value);
        }
    }
}
