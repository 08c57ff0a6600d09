package io.aeolus.benchmarks.jmh;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The generated SBE codec of a JMS message ({@code MessageHeader} + {@code JmsMessage}, 64-byte body, a queue
 * destination, a message id and two properties): encoding with the flyweight's byte-array puts (no allocation),
 * encoding with its String setters (the form the client's message codec uses), and decoding the fields the broker
 * reads to route (block fields, destination into a reused buffer, lengths of the rest).
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
public class SbeCodecBenchmark
{
    private static final int BODY_LENGTH = 64;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final JmsMessageEncoder encoder = new JmsMessageEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final UnsafeBuffer destinationScratch = new UnsafeBuffer(new byte[256]);
    private final byte[] messageId = "ID:aeolus-1-42".getBytes(StandardCharsets.US_ASCII);
    private final byte[] destination = "orders".getBytes(StandardCharsets.US_ASCII);
    private final byte[] body = new byte[BODY_LENGTH];
    private final ExpandableArrayBuffer properties = new ExpandableArrayBuffer(64);
    private int propertiesLength;
    private int encodedLength;

    /**
     * Encodes the properties once and a frame for the decode benchmark.
     */
    @Setup
    public void setUp()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("region", "EU");
        values.put("price", 42);
        propertiesLength = PropertiesCodec.encode(values, properties, 0);
        encodedLength = encodeFlyweight();
    }

    /**
     * Encodes with byte-array puts: what a hot path can do without allocating.
     *
     * @return the frame's length.
     */
    @Benchmark
    public int encodeFlyweight()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .bodyType(BodyType.BYTES)
            .deliveryMode(DeliveryMode.NON_PERSISTENT)
            .priority((short)4)
            .destinationType(DestinationType.QUEUE)
            .replyToType(DestinationType.NONE)
            .timestamp(1_700_000_000_000L)
            .expiration(0)
            .deliveryTime(1_700_000_000_000L)
            .producerConnectionId(7);
        encoder.flags().clear();
        encoder.putMessageId(messageId, 0, messageId.length)
            .putDestination(destination, 0, destination.length)
            .putReplyTo(body, 0, 0)
            .putCorrelationId(body, 0, 0)
            .putJmsType(body, 0, 0)
            .putProperties(properties, 0, propertiesLength)
            .putBody(body, 0, body.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Encodes with the String setters, as {@code MessageFrameCodec} does for the headers.
     *
     * @return the frame's length.
     */
    @Benchmark
    public int encodeStrings()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .bodyType(BodyType.BYTES)
            .deliveryMode(DeliveryMode.NON_PERSISTENT)
            .priority((short)4)
            .destinationType(DestinationType.QUEUE)
            .replyToType(DestinationType.NONE)
            .timestamp(1_700_000_000_000L)
            .expiration(0)
            .deliveryTime(1_700_000_000_000L)
            .producerConnectionId(7);
        encoder.flags().clear();
        encoder.messageId("ID:aeolus-1-42")
            .destination("orders")
            .replyTo(null)
            .putCorrelationId(body, 0, 0)
            .jmsType(null)
            .putProperties(properties, 0, propertiesLength)
            .putBody(body, 0, body.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Decodes what routing needs, without allocating.
     *
     * @param blackhole sinks the fields.
     */
    @Benchmark
    public void decodeForRouting(final Blackhole blackhole)
    {
        headerDecoder.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        blackhole.consume(decoder.bodyTypeRaw());
        blackhole.consume(decoder.deliveryModeRaw());
        blackhole.consume(decoder.priority());
        blackhole.consume(decoder.destinationTypeRaw());
        blackhole.consume(decoder.timestamp());
        blackhole.consume(decoder.expiration());
        blackhole.consume(decoder.deliveryTime());
        decoder.skipMessageId();
        blackhole.consume(decoder.getDestination(destinationScratch, 0, destinationScratch.capacity()));
        decoder.skipReplyTo();
        decoder.skipCorrelationId();
        decoder.skipJmsType();
        blackhole.consume(decoder.propertiesLength());
        decoder.skipProperties();
        blackhole.consume(decoder.bodyLength());
        decoder.skipBody();
        blackhole.consume(encodedLength);
    }
}
