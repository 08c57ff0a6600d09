package io.aeolus.benchmarks.jmh;

import io.aeolus.jms.AeolusQueue;
import io.aeolus.jms.message.AeolusBytesMessage;
import io.aeolus.jms.message.AeolusMessage;
import io.aeolus.jms.message.AeolusTextMessage;
import io.aeolus.jms.message.SharedFrameDecoder;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The client's message objects over the wire format: {@link AeolusMessage#encode} of a 64-byte
 * {@code BytesMessage} and of a {@code TextMessage} with three properties (what every send does), and
 * {@link AeolusMessage#decode} followed by reading the body or one property (what every receive does); and the
 * {@value #FAN_OUT_COPIES} copies of one text message that a connection with as many subscribers receives, each
 * decoded on its own or through the connection's {@link SharedFrameDecoder} (issue #21: decoded once per connection).
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
public class MessageCodecBenchmark
{
    /** Subscriber copies of one message on one connection in the fan-out benchmarks. */
    public static final int FAN_OUT_COPIES = 16;

    private final SharedFrameDecoder sharedFrames = new SharedFrameDecoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer textBuffer = new ExpandableArrayBuffer(1024);
    private final byte[] body = new byte[64];
    private AeolusBytesMessage bytesMessage;
    private AeolusTextMessage textMessage;
    private int bytesLength;
    private int textLength;

    /**
     * Builds the two messages as a producer would have them at send time, and encodes each once.
     *
     * @throws JMSException never, for these messages.
     */
    @Setup
    public void setUp() throws JMSException
    {
        bytesMessage = new AeolusBytesMessage();
        bytesMessage.writeBytes(body);
        stampAsSent(bytesMessage);
        textMessage = new AeolusTextMessage("order 42: 100 x ACME at 17.25");
        textMessage.setStringProperty("region", "EU");
        textMessage.setIntProperty("quantity", 100);
        textMessage.setDoubleProperty("price", 17.25);
        stampAsSent(textMessage);
        bytesLength = bytesMessage.encode(buffer, 0);
        textLength = textMessage.encode(textBuffer, 0);
    }

    /**
     * @return the frame's length.
     */
    @Benchmark
    public int encodeBytesMessage()
    {
        return bytesMessage.encode(buffer, 0);
    }

    /**
     * @return the frame's length.
     */
    @Benchmark
    public int encodeTextMessageWithProperties()
    {
        return textMessage.encode(textBuffer, 0);
    }

    /**
     * Decodes the frame and reads the whole body, as a consumer of a {@code BytesMessage} does.
     *
     * @param blackhole sinks the body.
     * @throws JMSException never, for this frame.
     */
    @Benchmark
    public void decodeBytesMessageAndBody(final Blackhole blackhole) throws JMSException
    {
        final BytesMessage message = (BytesMessage)AeolusMessage.decode(buffer, 0, bytesLength, null);
        blackhole.consume(message.getBody(byte[].class));
    }

    /**
     * Decodes the frame and reads one property, as a consumer that routes on a property does.
     *
     * @return the property.
     * @throws JMSException never, for this frame.
     */
    @Benchmark
    public String decodeTextMessageAndProperty() throws JMSException
    {
        return AeolusMessage.decode(textBuffer, 0, textLength, null).getStringProperty("region");
    }

    /**
     * Decodes {@value #FAN_OUT_COPIES} copies of one text message, each on its own (the client before issue #21), and
     * reads the text and one property of each; a different message first, as in {@link #fanOutCopiesDecodedOnce}.
     *
     * @param blackhole sinks what is read.
     * @throws JMSException never, for this frame.
     */
    @Benchmark
    public void fanOutCopiesDecodedEach(final Blackhole blackhole) throws JMSException
    {
        blackhole.consume(AeolusMessage.decode(buffer, 0, bytesLength, null));
        for (int i = 0; i < FAN_OUT_COPIES; i++)
        {
            final AeolusTextMessage message = (AeolusTextMessage)AeolusMessage.decode(textBuffer, 0, textLength, null);
            blackhole.consume(message.getText());
            blackhole.consume(message.getStringProperty("region"));
        }
    }

    /**
     * The same {@value #FAN_OUT_COPIES} copies through a connection's {@link SharedFrameDecoder}: the first decoded,
     * the others compared and built over the same copy. A different message first, as on a connection where every
     * message arrives once per subscriber.
     *
     * @param blackhole sinks what is read.
     * @throws JMSException never, for these frames.
     */
    @Benchmark
    public void fanOutCopiesDecodedOnce(final Blackhole blackhole) throws JMSException
    {
        blackhole.consume(sharedFrames.decode(buffer, 0, bytesLength, null));
        for (int i = 0; i < FAN_OUT_COPIES; i++)
        {
            final AeolusTextMessage message = (AeolusTextMessage)sharedFrames.decode(textBuffer, 0, textLength, null);
            blackhole.consume(message.getText());
            blackhole.consume(message.getStringProperty("region"));
        }
    }

    private static void stampAsSent(final AeolusMessage message) throws JMSException
    {
        message.setJMSDestination(new AeolusQueue("orders"));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(4);
        message.setJMSTimestamp(1_700_000_000_000L);
        message.setJMSMessageID("ID:aeolus-1-42");
    }
}
