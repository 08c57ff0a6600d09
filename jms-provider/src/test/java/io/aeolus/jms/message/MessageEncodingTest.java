package io.aeolus.jms.message;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aeolus.jms.AeolusQueue;
import io.aeolus.jms.AeolusTemporaryQueue;
import io.aeolus.jms.AeolusTopic;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire form: every header, property type and body type survives encode and decode; large bodies; lazily decoded
 * parts are re-encoded as they were; malformed frames are refused; foreign messages are copied.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageEncodingTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

    private static AeolusMessage withEveryHeader(final AeolusMessage message) throws JMSException
    {
        message.setJMSMessageID("ID:aeolus-1-2-3");
        message.setJMSTimestamp(1_700_000_000_123L);
        message.setJMSCorrelationID("corr-é");
        message.setJMSReplyTo(new AeolusTemporaryQueue("tmp-1", null));
        message.setJMSDestination(new AeolusTopic("prices"));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSType("quote");
        message.setJMSExpiration(1_700_000_060_000L);
        message.setJMSPriority(9);
        message.setJMSDeliveryTime(1_700_000_001_000L);
        message.producerConnectionId(42L);
        return message;
    }

    private static void assertEveryHeader(final AeolusMessage message) throws JMSException
    {
        assertEquals("ID:aeolus-1-2-3", message.getJMSMessageID());
        assertEquals(1_700_000_000_123L, message.getJMSTimestamp());
        assertEquals("corr-é", message.getJMSCorrelationID());
        assertEquals(new AeolusTemporaryQueue("tmp-1", null), message.getJMSReplyTo());
        assertInstanceOf(AeolusTemporaryQueue.class, message.getJMSReplyTo());
        assertEquals(new AeolusTopic("prices"), message.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode());
        assertEquals("quote", message.getJMSType());
        assertEquals(1_700_000_060_000L, message.getJMSExpiration());
        assertEquals(9, message.getJMSPriority());
        assertEquals(1_700_000_001_000L, message.getJMSDeliveryTime());
        assertEquals(42L, message.producerConnectionId());
    }

    private AeolusMessage encodeAndDecode(final AeolusMessage message) throws JMSException
    {
        final int length = message.encode(buffer, 16);
        return AeolusMessage.decode(buffer, 16, length, DeserializationPolicy.secureDefault());
    }

    @Test
    void shouldRoundTripEveryHeaderOfEveryMessageType() throws JMSException
    {
        final List<AeolusMessage> messages = List.of(new AeolusMessage(), new AeolusTextMessage("t"),
            new AeolusBytesMessage(), new AeolusMapMessage(), new AeolusStreamMessage(), new AeolusObjectMessage());

        for (final AeolusMessage message : messages)
        {
            final AeolusMessage decoded = encodeAndDecode(withEveryHeader(message));

            assertEquals(message.getClass(), decoded.getClass());
            assertEveryHeader(decoded);
        }
    }

    @Test
    void shouldDecodeAbsentHeadersAsTheirDefaults() throws JMSException
    {
        final AeolusMessage decoded = encodeAndDecode(new AeolusMessage());

        assertNull(decoded.getJMSMessageID());
        assertNull(decoded.getJMSCorrelationID());
        assertNull(decoded.getJMSReplyTo());
        assertNull(decoded.getJMSDestination());
        assertNull(decoded.getJMSType());
        assertEquals(DeliveryMode.PERSISTENT, decoded.getJMSDeliveryMode());
        assertEquals(4, decoded.getJMSPriority());
        assertFalse(decoded.getPropertyNames().hasMoreElements());
    }

    @Test
    void shouldCarryAGeneratedMessageIdAsTheTextOfItsPrefixAndSequence() throws JMSException
    {
        // Kept as bytes on both sides until read: the id must still read the same everywhere.
        final byte[] prefix = "ID:aeolus-é-".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (final long sequence : new long[] {0, 7, 10, 1_234_567_890_123L, Long.MAX_VALUE})
        {
            final AeolusBytesMessage message = new AeolusBytesMessage();
            message.assignMessageId(prefix, sequence);

            final AeolusMessage decoded = encodeAndDecode(message);
            final AeolusMessage resent = encodeAndDecode(decoded);

            assertEquals("ID:aeolus-é-" + sequence, decoded.getJMSMessageID());
            assertEquals("ID:aeolus-é-" + sequence, resent.getJMSMessageID(), "a received id, re-encoded");
            assertEquals("ID:aeolus-é-" + sequence, message.getJMSMessageID());
        }
    }

    @Test
    void shouldLetTheApplicationReplaceAGeneratedOrReceivedMessageId() throws JMSException
    {
        final AeolusMessage message = new AeolusMessage();
        message.assignMessageId("ID:x-".getBytes(java.nio.charset.StandardCharsets.UTF_8), 5);
        message.setJMSMessageID("ID:mine");
        assertEquals("ID:mine", encodeAndDecode(message).getJMSMessageID());

        final AeolusMessage decoded = encodeAndDecode(message);
        decoded.setJMSMessageID(null);
        assertNull(encodeAndDecode(decoded).getJMSMessageID());
    }

    @Test
    void shouldRoundTripACorrelationIdGivenAsArbitraryBytes() throws JMSException
    {
        final AeolusMessage message = new AeolusMessage();
        message.setJMSCorrelationIDAsBytes(new byte[]{ (byte)0xFF, 0, (byte)0xC3 });

        final AeolusMessage decoded = encodeAndDecode(message);

        assertArrayEquals(new byte[]{ (byte)0xFF, 0, (byte)0xC3 }, decoded.getJMSCorrelationIDAsBytes());
    }

    @Test
    void shouldRoundTripPropertiesOfEveryType() throws JMSException
    {
        final AeolusMessage message = new AeolusMessage();
        message.setBooleanProperty("b", true);
        message.setByteProperty("y", (byte)-1);
        message.setShortProperty("s", (short)-2);
        message.setIntProperty("i", -3);
        message.setLongProperty("l", -4L);
        message.setFloatProperty("f", -5.5f);
        message.setDoubleProperty("d", -6.5d);
        message.setStringProperty("t", "seven");
        message.setStringProperty("n", null);
        message.setStringProperty("JMSXGroupID", "g");
        message.setIntProperty("JMSXGroupSeq", 1);

        final AeolusMessage decoded = encodeAndDecode(message);

        assertEquals(List.of("b", "y", "s", "i", "l", "f", "d", "t", "n", "JMSXGroupID", "JMSXGroupSeq"),
            Collections.list(decoded.getPropertyNames()));
        for (final String name : Collections.list(message.getPropertyNames()))
        {
            assertEquals(message.getObjectProperty(name), decoded.getObjectProperty(name), name);
        }
        assertTrue(decoded.propertyExists("n"));
    }

    @Test
    void shouldRoundTripTheBodyOfEveryType() throws JMSException
    {
        final AeolusMapMessage map = new AeolusMapMessage();
        map.setInt("k", 1);
        final AeolusStreamMessage stream = new AeolusStreamMessage();
        stream.writeString("s");
        final AeolusBytesMessage bytes = new AeolusBytesMessage();
        bytes.writeInt(7);

        assertEquals("text", ((AeolusTextMessage)encodeAndDecode(new AeolusTextMessage("text"))).getText());
        assertEquals(1, ((AeolusMapMessage)encodeAndDecode(map)).getInt("k"));
        assertEquals("s", ((AeolusStreamMessage)encodeAndDecode(stream)).readString());
        assertEquals(7, ((AeolusBytesMessage)encodeAndDecode(bytes)).readInt());
        assertEquals(List.of(1, 2), ((AeolusObjectMessage)encodeAndDecode(
            new AeolusObjectMessage(new java.util.ArrayList<>(List.of(1, 2))))).getObject());
    }

    @Test
    void shouldCarryATenMebibyteBytesBody() throws JMSException
    {
        final byte[] body = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(body);
        final AeolusBytesMessage message = new AeolusBytesMessage();
        message.writeBytes(body);

        final AeolusBytesMessage decoded = (AeolusBytesMessage)encodeAndDecode(message);

        assertEquals(body.length, decoded.getBodyLength());
        assertArrayEquals(body, decoded.getBody(byte[].class));
    }

    @Test
    void shouldCopyTheFrameSoTheReceiveBufferCanBeReused() throws JMSException
    {
        final int length = new AeolusTextMessage("original").encode(buffer, 0);
        final AeolusMessage decoded = AeolusMessage.decode(buffer, 0, length, null);

        buffer.setMemory(0, length, (byte)0);

        assertEquals("original", ((AeolusTextMessage)decoded).getText());
    }

    @Test
    void shouldReencodeAnUntouchedReceivedMessageByteForByte() throws JMSException
    {
        final AeolusMapMessage message = new AeolusMapMessage();
        withEveryHeader(message);
        message.setStringProperty("p", "v");
        message.setString("k", "v");
        final int length = message.encode(buffer, 0);
        final byte[] original = Arrays.copyOf(buffer.byteArray(), length);

        final AeolusMessage decoded = AeolusMessage.decode(new UnsafeBuffer(original), 0, length, null);
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(64);
        final int againLength = decoded.encode(again, 0);

        assertArrayEquals(original, Arrays.copyOf(again.byteArray(), againLength));
    }

    @Test
    void shouldReencodeChangesMadeAfterClearingAReceivedMessage() throws JMSException
    {
        final AeolusTextMessage message = new AeolusTextMessage("before");
        message.setIntProperty("old", 1);
        final AeolusTextMessage received = TestMessages.received(message);

        received.clearProperties();
        received.setIntProperty("new", 2);
        received.clearBody();
        received.setText("after");
        final AeolusTextMessage again = (AeolusTextMessage)encodeAndDecode(received);

        assertEquals("after", again.getText());
        assertEquals(List.of("new"), Collections.list(again.getPropertyNames()));
    }

    @Test
    void shouldNotChangeTheMessageWhenEncodingIt() throws JMSException
    {
        final AeolusBytesMessage message = new AeolusBytesMessage();
        message.writeByte((byte)1);

        message.encode(buffer, 0);

        assertThrows(MessageNotReadableException.class, message::readByte);
        message.writeByte((byte)2);
    }

    @Test
    void shouldTakeTheDeliveryStateWhenMarkedReceived() throws JMSException
    {
        final AeolusMessage decoded = encodeAndDecode(new AeolusTextMessage("x"));

        decoded.markReceived(2, true);

        assertTrue(decoded.getJMSRedelivered());
        assertEquals(2, decoded.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void shouldCarryTheDeliveryIdWhenMarkedReceived() throws JMSException
    {
        final AeolusMessage decoded = encodeAndDecode(new AeolusTextMessage("x"));

        decoded.markReceived(77L, 1, false);

        assertEquals(77L, decoded.deliveryId());
        assertEquals(1, decoded.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void shouldReadAReceivedBytesBodyWithinItsOwnBytesOfTheFrame() throws JMSException
    {
        final AeolusBytesMessage message = new AeolusBytesMessage();
        message.setStringProperty("before", "the body");
        message.writeBytes(new byte[]{1, 2, 3});
        final AeolusBytesMessage received = (AeolusBytesMessage)encodeAndDecode(message);

        final byte[] body = new byte[8];

        assertEquals(3, received.getBodyLength());
        assertEquals(3, received.readBytes(body));
        assertArrayEquals(new byte[]{1, 2, 3, 0, 0, 0, 0, 0}, body);
        assertEquals(-1, received.readBytes(body));
        assertArrayEquals(new byte[]{1, 2, 3}, received.getBody(byte[].class));
    }

    @Test
    void shouldRefuseATruncatedFrame() throws JMSException
    {
        final int length = new AeolusTextMessage("body").encode(buffer, 0);

        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, length - 1, null));
        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, 5, null));
        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, 20, null));
    }

    @Test
    void shouldRefuseAFrameOfAnotherTemplate() throws JMSException
    {
        final int length = new AeolusMessage().encode(buffer, 0);
        buffer.putShort(2, (short)21, LITTLE_ENDIAN);

        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, length, null));
    }

    @Test
    void shouldRefuseAVarDataLengthPastTheEndOfTheFrame() throws JMSException
    {
        final int length = new AeolusMessage().encode(buffer, 0);
        buffer.putInt(length - 4, 1000, LITTLE_ENDIAN);

        final MessageFormatException ex =
            assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, length, null));

        assertTrue(ex.getMessage().contains("body"), ex.getMessage());
    }

    @Test
    void shouldRefuseAHugeUnsignedVarDataLength() throws JMSException
    {
        final int length = new AeolusMessage().encode(buffer, 0);
        buffer.putInt(length - 4, -2, LITTLE_ENDIAN);

        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, length, null));
    }

    @Test
    void shouldRefuseAnUnknownBodyTypeOrDeliveryMode() throws JMSException
    {
        final int bodyTypeOffset = MessageHeaderDecoder.ENCODED_LENGTH;
        final int length = new AeolusMessage().encode(buffer, 0);

        buffer.putByte(bodyTypeOffset, (byte)9);
        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, length, null));
        buffer.putByte(bodyTypeOffset, (byte)0);
        buffer.putByte(bodyTypeOffset + 1, (byte)7);
        assertThrows(MessageFormatException.class, () -> AeolusMessage.decode(buffer, 0, length, null));
    }

    @Test
    void shouldReportMalformedPropertiesWhenTheyAreFirstRead() throws JMSException
    {
        final AeolusMessage message = new AeolusMessage();
        message.setIntProperty("p", 1);
        final int length = message.encode(buffer, 0);
        final int propertyTypeOffset = length - 4 - 4 - 1;
        buffer.putByte(propertyTypeOffset, (byte)77);

        final AeolusMessage decoded = AeolusMessage.decode(buffer, 0, length, null);

        assertThrows(MessageFormatException.class, () -> decoded.getIntProperty("p"));
    }

    @Test
    void shouldCopyAForeignTextMessageWithHeadersAndProperties() throws JMSException
    {
        final Map<String, Object> headers = new HashMap<>();
        headers.put("getJMSMessageID", "ID:other-1");
        headers.put("getJMSCorrelationID", "c-1");
        headers.put("getJMSReplyTo", ForeignMessages.queue("replies"));
        headers.put("getJMSDeliveryMode", DeliveryMode.NON_PERSISTENT);
        headers.put("getJMSPriority", 7);
        headers.put("getJMSType", "kind");
        headers.put("getJMSExpiration", 99L);
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("region", "eu");
        properties.put("JMSXDeliveryCount", 5);
        final TextMessage foreign = ForeignMessages.message(TextMessage.class, headers, properties, "hello");

        final AeolusMessage copy = AeolusMessage.copyOf(foreign);

        assertInstanceOf(AeolusTextMessage.class, copy);
        assertEquals("hello", ((AeolusTextMessage)copy).getText());
        assertEquals("ID:other-1", copy.getJMSMessageID());
        assertEquals("c-1", copy.getJMSCorrelationID());
        assertEquals(new AeolusQueue("replies"), copy.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, copy.getJMSDeliveryMode());
        assertEquals(7, copy.getJMSPriority());
        assertEquals("kind", copy.getJMSType());
        assertEquals(99L, copy.getJMSExpiration());
        assertEquals(List.of("region"), Collections.list(copy.getPropertyNames()));
        copy.setStringProperty("added", "writable");
        assertEquals("hello", ((AeolusTextMessage)encodeAndDecode(copy)).getText());
    }

    @Test
    void shouldDropAForeignReplyToThatIsNeitherQueueNorTopic() throws JMSException
    {
        final Message foreign = ForeignMessages.message(Message.class,
            Map.of("getJMSReplyTo", ForeignMessages.unknownDestination()), Map.of(), null);

        final AeolusMessage copy = AeolusMessage.copyOf(foreign);

        assertNull(copy.getJMSReplyTo());
        assertEquals(AeolusMessage.class, copy.getClass());
    }

    @Test
    void shouldCopyTheBodyOfEachForeignMessageKind() throws JMSException
    {
        final byte[] bytes = new byte[100_000];
        new Random(3).nextBytes(bytes);
        final BytesMessage foreignBytes = ForeignMessages.message(BytesMessage.class, Map.of(), Map.of(), bytes);
        final MapMessage foreignMap = ForeignMessages.message(MapMessage.class, Map.of(), Map.of(),
            new LinkedHashMap<>(Map.of("k", 1)));
        final StreamMessage foreignStream = ForeignMessages.message(StreamMessage.class, Map.of(), Map.of(),
            List.of("a", 2L, new byte[]{ 3 }));
        final ObjectMessage foreignObject = ForeignMessages.message(ObjectMessage.class, Map.of(), Map.of(),
            new java.util.ArrayList<>(List.of("x")));

        final AeolusBytesMessage bytesCopy = (AeolusBytesMessage)AeolusMessage.copyOf(foreignBytes);
        final AeolusMapMessage mapCopy = (AeolusMapMessage)AeolusMessage.copyOf(foreignMap);
        final AeolusStreamMessage streamCopy = (AeolusStreamMessage)AeolusMessage.copyOf(foreignStream);
        final AeolusObjectMessage objectCopy = (AeolusObjectMessage)AeolusMessage.copyOf(foreignObject);

        assertArrayEquals(bytes, bytesCopy.getBody(byte[].class));
        assertEquals(1, mapCopy.getInt("k"));
        streamCopy.reset();
        assertEquals("a", streamCopy.readString());
        assertEquals(2L, streamCopy.readLong());
        assertArrayEquals(new byte[]{ 3 }, (byte[])streamCopy.readObject());
        assertEquals(List.of("x"), objectCopy.getObject());
    }
}
