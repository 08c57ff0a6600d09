package io.aeolus.benchmarks.jmh;

import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorParseException;
import io.aeolus.broker.selector.SelectorSource;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Selector evaluation against one message's encoded properties, the broker's per-message, per-consumer cost of a
 * selector. {@code brokerSource} reads properties as the broker's {@code MessageSelectorSource} does today
 * ({@link PropertiesCodec#find(org.agrona.DirectBuffer, int, int, String)}, which encodes the name to UTF-8 on every
 * read); {@code cachedNames} keeps each name's UTF-8 bytes (keyed by the selector's own identifier instances), to
 * show what that costs. Run with {@code -prof gc} to see the allocation per evaluation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED"})
public class SelectorBenchmark
{
    /** The selectors: an equality, a conjunction with a header, arithmetic, and LIKE with IN. */
    @Param({
        "region = 'EU'",
        "region = 'EU' AND price BETWEEN 10 AND 100 AND JMSPriority > 3",
        "quantity * price > 1000",
        "symbol LIKE 'AC%' OR region IN ('US', 'APAC')"})
    private String selectorText;

    private final ExpandableArrayBuffer properties = new ExpandableArrayBuffer(256);
    private Selector selector;
    private EncodedSource brokerSource;
    private EncodedSource cachedSource;

    /**
     * Parses the selector and encodes the message's properties.
     *
     * @throws SelectorParseException never, for these selectors.
     */
    @Setup
    public void setUp() throws SelectorParseException
    {
        selector = Selector.parse(selectorText);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("symbol", "ACME");
        values.put("region", "EU");
        values.put("quantity", 100);
        values.put("price", 17.25);
        values.put("trader", "alice");
        final int length = PropertiesCodec.encode(values, properties, 0);
        brokerSource = new EncodedSource(properties, length, false);
        cachedSource = new EncodedSource(properties, length, true);
    }

    /**
     * @return whether the message matches, reading properties as the broker does today.
     */
    @Benchmark
    public boolean brokerSource()
    {
        return selector.matches(brokerSource);
    }

    /**
     * @return whether the message matches, with property names kept as UTF-8.
     */
    @Benchmark
    public boolean cachedNames()
    {
        return selector.matches(cachedSource);
    }

    /**
     * Headers from fields, properties from the encoded region: the shape of the broker's selector source.
     */
    private static final class EncodedSource implements SelectorSource
    {
        private final ExpandableArrayBuffer buffer;
        private final int length;
        private final boolean cacheNames;
        private final Map<String, byte[]> names = new IdentityHashMap<>();

        EncodedSource(final ExpandableArrayBuffer buffer, final int length, final boolean cacheNames)
        {
            this.buffer = buffer;
            this.length = length;
            this.cacheNames = cacheNames;
        }

        @Override
        public Object valueOf(final String identifier)
        {
            switch (identifier)
            {
                case JMS_PRIORITY:
                    return 4;
                case JMS_DELIVERY_MODE:
                    return NON_PERSISTENT;
                case JMS_TIMESTAMP:
                    return 1_700_000_000_000L;
                default:
                    if (cacheNames)
                    {
                        final byte[] name = names.computeIfAbsent(
                            identifier, (key) -> key.getBytes(StandardCharsets.UTF_8));
                        return PropertiesCodec.find(buffer, 0, length, name);
                    }
                    return PropertiesCodec.find(buffer, 0, length, identifier);
            }
        }
    }
}
