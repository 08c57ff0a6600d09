package io.aeolus.broker.destination;

import io.aeolus.broker.transform.MessageView;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class MessageRewriterTest
{
    private static BrokerMessage message(final Map<String, Object> properties)
    {
        final ExpandableArrayBuffer encodedProperties = new ExpandableArrayBuffer();
        final int propertiesLength = PropertiesCodec.encode(properties, encodedProperties, 0);
        final byte[] body = "the body".getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final JmsMessageEncoder encoder = new JmsMessageEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .bodyType(BodyType.TEXT)
            .deliveryMode(DeliveryMode.PERSISTENT)
            .priority((short)7)
            .destinationType(DestinationType.TOPIC)
            .replyToType(DestinationType.QUEUE)
            .timestamp(11)
            .expiration(22)
            .deliveryTime(33)
            .producerConnectionId(44);
        encoder.flags().clear().correlationIdIsBytes(true);
        encoder.messageId("ID:1")
            .destination("prices")
            .replyTo("replies")
            .putCorrelationId(new byte[]{1, 2, 3}, 0, 3)
            .jmsType("quote")
            .putProperties(encodedProperties, 0, propertiesLength)
            .putBody(body, 0, body.length);
        return BrokerMessage.decode(9, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    @Test
    void shouldCopyEveryFieldAndMergeTheProperties()
    {
        final Map<String, Object> original = new LinkedHashMap<>();
        original.put("customer", "alice");
        original.put("reason", "kept unless replaced");
        final Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", "replaced");
        extra.put("count", 3);

        final BrokerMessage copy = new MessageRewriter().rewrite(
            message(original), 10, "DLQ.prices", DestinationType.QUEUE, extra, true);

        assertEquals(10, copy.messageId());
        assertEquals("DLQ.prices", copy.destination());
        assertEquals(DestinationType.QUEUE, copy.destinationType());
        assertEquals(7, copy.priority());
        assertEquals(0, copy.expirationMs());
        assertEquals(33, copy.deliveryTimeMs());
        assertEquals(11, copy.timestampMs());
        assertEquals(44, copy.producerConnectionId());
        final Map<String, Object> properties = PropertiesCodec.decode(
            copy.encoded(), copy.propertiesOffset(), copy.propertiesLength());
        assertEquals(Map.of("customer", "alice", "reason", "replaced", "count", 3), properties);

        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(copy.encoded(), 0);
        final JmsMessageDecoder decoder = new JmsMessageDecoder().wrap(copy.encoded(),
            MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(BodyType.TEXT, decoder.bodyType());
        assertEquals(DestinationType.QUEUE, decoder.replyToType());
        assertEquals(true, decoder.flags().correlationIdIsBytes());
        assertEquals("ID:1", decoder.messageId());
        assertEquals("DLQ.prices", decoder.destination());
        assertEquals("replies", decoder.replyTo());
        final byte[] correlation = new byte[decoder.correlationIdLength()];
        decoder.getCorrelationId(correlation, 0, correlation.length);
        assertArrayEquals(new byte[]{1, 2, 3}, correlation);
        assertEquals("quote", decoder.jmsType());
        decoder.skipProperties();
        final byte[] body = new byte[decoder.bodyLength()];
        decoder.getBody(body, 0, body.length);
        assertEquals("the body", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void shouldGiveATransformerItsViewAndRebuildWhatItMakes()
    {
        final MessageRewriter rewriter = new MessageRewriter();
        final BrokerMessage original = message(Map.of("customer", "alice"));

        final MessageView view = rewriter.view(original);
        final BrokerMessage changed = rewriter.transformed(original, 12, new MessageView(MessageView.BYTES,
            "{}".getBytes(StandardCharsets.UTF_8), Map.of("kind", 2L), null));
        final MessageView after = rewriter.view(changed);

        assertEquals("TEXT", view.bodyType());
        assertEquals("the body", view.text());
        assertEquals(Map.of("customer", "alice"), view.properties());
        assertEquals("quote", view.jmsType());
        assertEquals(12, changed.messageId());
        assertEquals("prices", changed.destination());
        assertEquals(7, changed.priority());
        assertEquals(22, changed.expirationMs());
        assertEquals("BYTES", after.bodyType());
        assertEquals("{}", after.text());
        assertEquals(Map.of("kind", 2L), after.properties());
        assertEquals(null, after.jmsType());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(changed.encoded(), 0);
        final JmsMessageDecoder decoder = new JmsMessageDecoder().wrap(changed.encoded(),
            MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals("ID:1", decoder.messageId());
        assertEquals("prices", decoder.destination());
        assertEquals("replies", decoder.replyTo());
    }

    @Test
    void shouldKeepTheExpirationWhenNotAskedToClearIt()
    {
        final BrokerMessage copy = new MessageRewriter().rewrite(
            message(Map.of()), 10, "elsewhere", DestinationType.QUEUE, Map.of("a", true), false);

        assertEquals(22, copy.expirationMs());
        assertEquals(Map.of("a", true),
            PropertiesCodec.decode(copy.encoded(), copy.propertiesOffset(), copy.propertiesLength()));
    }
}
