package io.aeolus.benchmarks.jmh;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageSelectorSource;
import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.engine.routing.RoutingConfig;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.engine.routing.RoutingTable;
import io.aeolus.broker.selector.Selector;
import io.aeolus.jms.AeolusQueue;
import io.aeolus.jms.message.AeolusTextMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What routing rules add to a send: the engine's routing step asks, for every rule, whether its source matches the
 * destination (a pattern here, {@code queue:perf.*}) and then evaluates its selector against the encoded message, as
 * {@code Routing.expand} does. The selectors read a header and a property and match nothing, so the figure is the
 * rules' cost alone, not the copies a matching rule makes. Divide by {@code rules} for the cost per rule.
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
public class RoutingBenchmark
{
    /** How many rules the destination has. */
    @Param({"1", "10"})
    private int rules;

    private final MessageSelectorSource source = new MessageSelectorSource();
    private RoutingTable table;
    private BrokerMessage message;

    /**
     * Declares the rules and encodes one message as a producer sends it to {@code perf.orders}.
     *
     * @throws JMSException never, for this message.
     */
    @Setup
    public void setUp() throws JMSException
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < rules; i++)
        {
            options.put(RoutingConfig.ROUTE_PREFIX + "r" + i + ".source", "queue:perf.*");
            options.put(RoutingConfig.ROUTE_PREFIX + "r" + i + ".selector", "JMSPriority > 8 OR region = 'r" + i + "'");
            options.put(RoutingConfig.ROUTE_PREFIX + "r" + i + ".targets", "queue:perf.routed." + i);
        }
        table = new RoutingTable(TopicWildcards.DEFAULT);
        for (final RoutingRule rule : RoutingConfig.read(options, TopicWildcards.DEFAULT))
        {
            table.put(rule);
        }
        final AeolusTextMessage text = new AeolusTextMessage("order 42: 100 x ACME at 17.25");
        text.setStringProperty("region", "EU");
        text.setIntProperty("quantity", 100);
        text.setJMSDestination(new AeolusQueue("perf.orders"));
        text.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        text.setJMSPriority(4);
        text.setJMSTimestamp(1_700_000_000_000L);
        text.setJMSMessageID("ID:aeolus-1-42");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = text.encode(buffer, 0);
        message = BrokerMessage.decode(1, buffer, 0, length);
    }

    /**
     * @return how many rules took the message (none).
     */
    @Benchmark
    public int evaluateRules()
    {
        int matched = 0;
        for (final RoutingRule rule : table.rules())
        {
            final Selector selector = rule.selector();
            if (table.sourceMatches(rule, false, "perf.orders") &&
                (selector == Selector.MATCH_ALL || selector.matches(source.wrap(message))))
            {
                matched++;
            }
        }
        return matched;
    }
}
