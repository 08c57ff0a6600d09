package io.aeolus.benchmarks.jmh;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageRewriter;
import io.aeolus.broker.transform.MessageView;
import io.aeolus.broker.transform.TransformResult;
import io.aeolus.broker.transform.Transformation;
import io.aeolus.broker.transform.TransformerRegistry;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a routing rule's transformer adds to a send, as the engine's routing step does it ({@code RuleTransforms}):
 * the message's view decoded from its encoded frame, the transformation, and the result encoded as a new message.
 * {@code xml-to-json} converts a 100-byte XML order; {@code json-schema} checks a JSON order against a small schema
 * (the message is unchanged, so nothing is rebuilt).
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
public class TransformBenchmark
{
    private static final String XML = "<order><id>42</id><region>EU</region><item>ACME</item><qty>100</qty></order>";
    private static final String JSON = "{\"id\":\"42\",\"region\":\"EU\",\"item\":\"ACME\",\"qty\":100}";
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"id\",\"qty\"],\"properties\":" +
        "{\"id\":{\"type\":\"string\"},\"qty\":{\"type\":\"integer\",\"minimum\":1}}}";

    /** The built-in transformer on the path. */
    @Param({"xml-to-json", "json-schema"})
    private String transformer;

    private final MessageRewriter rewriter = new MessageRewriter();
    private Transformation transformation;
    private BrokerMessage message;

    /**
     * Configures the transformer and encodes one message as a producer sends it to {@code perf.orders}.
     *
     * @throws JMSException never, for this message.
     */
    @Setup
    public void setUp() throws JMSException
    {
        final boolean xml = "xml-to-json".equals(transformer);
        transformation = TransformerRegistry.builtIns().get(transformer)
            .configure(xml ? Map.of() : Map.of("schema", SCHEMA));
        final AeolusTextMessage text = new AeolusTextMessage(xml ? XML : JSON);
        text.setStringProperty("region", "EU");
        text.setJMSDestination(new AeolusQueue("perf.orders"));
        text.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        text.setJMSTimestamp(1_700_000_000_000L);
        text.setJMSMessageID("ID:aeolus-1-42");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = text.encode(buffer, 0);
        message = BrokerMessage.decode(1, buffer, 0, length);
    }

    /**
     * @return the message for the rule's targets.
     */
    @Benchmark
    public BrokerMessage transform()
    {
        final MessageView view = rewriter.view(message);
        final TransformResult result = transformation.apply(view);
        return result.message() == view ? message : rewriter.transformed(message, 2, result.message());
    }
}
