package io.aeolus.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMSProducer options and properties, which need no broker: the producer only touches its context on send.
 */
@Timeout(10)
class JMSProducerTest
{
    private final JMSProducer producer = new AeolusJMSProducer(new AeolusJMSProducer.Target()
    {
        @Override
        public Session session()
        {
            throw new AssertionError("not used without a send");
        }

        @Override
        public MessageProducer producer()
        {
            throw new AssertionError("not used without a send");
        }

        @Override
        public void checkOpen()
        {
        }
    });

    @Test
    void shouldStartWithTheSpecifiedDefaults()
    {
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, producer.getPriority());
        assertEquals(Message.DEFAULT_TIME_TO_LIVE, producer.getTimeToLive());
        assertEquals(Message.DEFAULT_DELIVERY_DELAY, producer.getDeliveryDelay());
        assertFalse(producer.getDisableMessageID());
        assertFalse(producer.getDisableMessageTimestamp());
        assertNull(producer.getAsync());
        assertNull(producer.getJMSCorrelationID());
        assertNull(producer.getJMSCorrelationIDAsBytes());
        assertNull(producer.getJMSType());
        assertNull(producer.getJMSReplyTo());
        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    void shouldReturnItselfFromEverySetterForChaining()
    {
        assertSame(producer, producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT));
        assertSame(producer, producer.setPriority(7));
        assertSame(producer, producer.setTimeToLive(1000));
        assertSame(producer, producer.setDeliveryDelay(10));
        assertSame(producer, producer.setDisableMessageID(true));
        assertSame(producer, producer.setDisableMessageTimestamp(true));
        assertSame(producer, producer.setAsync(null));
        assertSame(producer, producer.setJMSCorrelationID("c"));
        assertSame(producer, producer.setJMSCorrelationIDAsBytes(new byte[] { 1 }));
        assertSame(producer, producer.setJMSType("t"));
        assertSame(producer, producer.setJMSReplyTo(new AeolusQueue("replies")));
        assertSame(producer, producer.setProperty("b", true).setProperty("y", (byte)1).setProperty("s", (short)2)
            .setProperty("i", 3).setProperty("l", 4L).setProperty("f", 5f).setProperty("d", 6d)
            .setProperty("str", "x").setProperty("o", (Object)7));
        assertSame(producer, producer.clearProperties());
    }

    @Test
    void shouldKeepTheOptionsThatWereSet()
    {
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(9).setTimeToLive(5_000)
            .setDeliveryDelay(250).setDisableMessageID(true).setDisableMessageTimestamp(true).setJMSType("order");

        assertEquals(DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(9, producer.getPriority());
        assertEquals(5_000, producer.getTimeToLive());
        assertEquals(250, producer.getDeliveryDelay());
        assertTrue(producer.getDisableMessageID());
        assertTrue(producer.getDisableMessageTimestamp());
        assertEquals("order", producer.getJMSType());
    }

    @Test
    void shouldRejectInvalidDeliveryModeWithJMSRuntimeException()
    {
        final JMSRuntimeException ex = assertThrows(JMSRuntimeException.class, () -> producer.setDeliveryMode(3));

        assertEquals(JMSRuntimeException.class, ex.getClass());
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
    }

    @Test
    void shouldRejectPriorityOutsideZeroToNineWithJMSRuntimeException()
    {
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(10));
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(-1));

        assertEquals(Message.DEFAULT_PRIORITY, producer.getPriority());
    }

    @Test
    void shouldReadPropertiesThroughTheMessageConversionTable()
    {
        producer.setProperty("count", 42).setProperty("ratio", 1.5f).setProperty("flag", true)
            .setProperty("text", "17").setProperty("small", (byte)3);

        assertEquals(42L, producer.getLongProperty("count"));
        assertEquals("42", producer.getStringProperty("count"));
        assertEquals(1.5d, producer.getDoubleProperty("ratio"));
        assertEquals("true", producer.getStringProperty("flag"));
        assertEquals(17, producer.getIntProperty("text"));
        assertEquals(17.0d, producer.getDoubleProperty("text"));
        assertEquals((short)3, producer.getShortProperty("small"));
        assertEquals(42, producer.getObjectProperty("count"));
    }

    @Test
    void shouldThrowMessageFormatRuntimeExceptionForConversionOutsideTheTable()
    {
        producer.setProperty("flag", true).setProperty("count", 42L).setProperty("ratio", 2.5d);

        assertThrows(MessageFormatRuntimeException.class, () -> producer.getIntProperty("flag"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getIntProperty("count"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getFloatProperty("ratio"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getBooleanProperty("count"));
    }

    @Test
    void shouldReadAbsentPropertiesAsTheNullConversions()
    {
        assertNull(producer.getStringProperty("missing"));
        assertNull(producer.getObjectProperty("missing"));
        assertFalse(producer.getBooleanProperty("missing"));
        assertThrows(NumberFormatException.class, () -> producer.getIntProperty("missing"));
        assertThrows(NullPointerException.class, () -> producer.getDoubleProperty("missing"));
    }

    @Test
    void shouldRejectObjectPropertyOfUnsupportedTypeWithMessageFormatRuntimeException()
    {
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("o", new Object()));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("c", (Object)'c'));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("a", (Object)new byte[1]));

        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    void shouldRejectNullOrEmptyPropertyNameWithIllegalArgumentException()
    {
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", "x"));
    }

    @Test
    void shouldRejectNamesThatAreNotSelectorIdentifiersOrAreReserved()
    {
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("a-b", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("1abc", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("NULL", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("between", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("JMSPriority", 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("JMSXDeliveryCount", 1));
    }

    @Test
    void shouldAllowTheJMSXGroupPropertiesWithTheirTypes()
    {
        producer.setProperty("JMSXGroupID", "group-1").setProperty("JMSXGroupSeq", 3);

        assertEquals("group-1", producer.getStringProperty("JMSXGroupID"));
        assertEquals(3, producer.getIntProperty("JMSXGroupSeq"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("JMSXGroupSeq", "3"));
    }

    @Test
    void shouldReplaceAPropertySetTwice()
    {
        producer.setProperty("p", 1).setProperty("p", "two");

        assertEquals("two", producer.getObjectProperty("p"));
        assertEquals(1, producer.getPropertyNames().size());
    }

    @Test
    void shouldExposePropertyNamesAsAnUnmodifiableViewBackedByTheProducer()
    {
        final Set<String> names = producer.getPropertyNames();

        producer.setProperty("a", 1).setProperty("b", 2);

        assertEquals(Set.of("a", "b"), names);
        assertTrue(names.contains("a"));
        assertThrows(UnsupportedOperationException.class, () -> names.add("c"));
        assertThrows(UnsupportedOperationException.class, () -> names.remove("a"));
        assertThrows(UnsupportedOperationException.class, names::clear);
        producer.clearProperties();
        assertTrue(names.isEmpty());
    }

    @Test
    void shouldTellWhetherAPropertyExists()
    {
        producer.setProperty("present", "x");

        assertTrue(producer.propertyExists("present"));
        assertFalse(producer.propertyExists("absent"));
    }

    @Test
    void shouldForgetAllPropertiesOnClearProperties()
    {
        producer.setProperty("a", 1).setProperty("b", "x");

        producer.clearProperties();

        assertFalse(producer.propertyExists("a"));
        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    void shouldGiveCorrelationIdSetAsBytesBackAsBytesAndAsString()
    {
        final byte[] id = "corr-1".getBytes(StandardCharsets.UTF_8);

        producer.setJMSCorrelationIDAsBytes(id);
        id[0] = 'X';

        assertArrayEquals("corr-1".getBytes(StandardCharsets.UTF_8), producer.getJMSCorrelationIDAsBytes());
        assertEquals("corr-1", producer.getJMSCorrelationID());
    }

    @Test
    void shouldReplaceBytesCorrelationIdWithStringOne()
    {
        producer.setJMSCorrelationIDAsBytes(new byte[] { 1, 2 });

        producer.setJMSCorrelationID("text-id");

        assertEquals("text-id", producer.getJMSCorrelationID());
        assertArrayEquals("text-id".getBytes(StandardCharsets.UTF_8), producer.getJMSCorrelationIDAsBytes());
    }

    @Test
    void shouldKeepObjectPropertyValuesWithTheirType()
    {
        producer.setProperty("o", (Object)Long.valueOf(9));

        assertInstanceOf(Long.class, producer.getObjectProperty("o"));
    }
}
