package io.aeolus.jms.message;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ObjectMessage} bodies: snapshot semantics (JMS 3.11), and deserialization of received bodies restricted by a
 * {@link DeserializationPolicy} so that a hostile payload never runs code.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ObjectMessageDeserializationTest
{
    private static final String TEST_PACKAGE = "io.aeolus.jms.message";

    /**
     * Stands for a gadget class: its {@code readObject} would run attacker-chosen code.
     */
    static final class Exploit implements Serializable
    {
        private static final long serialVersionUID = 1L;
        static volatile boolean readObjectRan;

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            readObjectRan = true;
            in.defaultReadObject();
        }
    }

    static final class Order implements Serializable
    {
        private static final long serialVersionUID = 1L;
        final List<String> lines = new ArrayList<>();
    }

    @BeforeEach
    void resetFlag()
    {
        Exploit.readObjectRan = false;
    }

    private static AeolusObjectMessage receivedWith(final Serializable body, final DeserializationPolicy policy)
        throws JMSException
    {
        final AeolusObjectMessage message = new AeolusObjectMessage(body);
        final AeolusObjectMessage received = (AeolusObjectMessage)TestMessages.roundTrip(message, policy);
        received.markReceived(1, false);
        return received;
    }

    @Test
    void shouldDeserializeJdkValueTypesUnderTheSecureDefault() throws JMSException
    {
        final HashMap<String, Object> body = new HashMap<>();
        body.put("amount", new BigDecimal("12.50"));
        body.put("date", LocalDate.of(2024, 2, 29));
        body.put("ids", new ArrayList<>(List.of(1L, 2L)));
        body.put("raw", new int[]{ 1, 2 });
        body.put("names", new String[]{ "a" });

        final AeolusObjectMessage received = receivedWith(body, DeserializationPolicy.secureDefault());

        final Map<?, ?> object = (Map<?, ?>)received.getObject();
        assertEquals(new BigDecimal("12.50"), object.get("amount"));
        assertEquals(LocalDate.of(2024, 2, 29), object.get("date"));
        assertEquals(List.of(1L, 2L), object.get("ids"));
        assertArrayEquals(new int[]{ 1, 2 }, (int[])object.get("raw"));
        assertArrayEquals(new String[]{ "a" }, (String[])object.get("names"));
    }

    @Test
    void shouldRefuseADeniedClassWithoutRunningItsReadObject() throws JMSException
    {
        final AeolusObjectMessage received = receivedWith(new Exploit(), DeserializationPolicy.secureDefault());

        final MessageFormatException ex = assertThrows(MessageFormatException.class, received::getObject);

        assertFalse(Exploit.readObjectRan);
        assertTrue(ex.getMessage().contains(Exploit.class.getName()), ex.getMessage());
    }

    @Test
    void shouldRefuseADeniedClassNestedInsideAnAllowedCollection() throws JMSException
    {
        final ArrayList<Object> body = new ArrayList<>(List.of("harmless", new Exploit()));
        final AeolusObjectMessage received = receivedWith(body, DeserializationPolicy.secureDefault());

        assertThrows(MessageFormatException.class, received::getObject);

        assertFalse(Exploit.readObjectRan);
    }

    @Test
    void shouldRefuseTheBodyInGetBodyAndReportItNotAssignable() throws JMSException
    {
        final AeolusObjectMessage received = receivedWith(new Exploit(), DeserializationPolicy.secureDefault());

        assertThrows(MessageFormatException.class, () -> received.getBody(Serializable.class));
        assertFalse(received.isBodyAssignableTo(Serializable.class));
        assertFalse(Exploit.readObjectRan);
    }

    @Test
    void shouldUseTheSecureDefaultWhenNoPolicyIsGiven() throws JMSException
    {
        final AeolusObjectMessage received = receivedWith(new Exploit(), null);

        assertThrows(MessageFormatException.class, received::getObject);
        assertEquals(DeserializationPolicy.secureDefault(), received.deserializationPolicy());
    }

    @Test
    void shouldDeserializeAClassWhosePackageIsAllowed() throws JMSException
    {
        final DeserializationPolicy policy = new DeserializationPolicy(List.of("java", TEST_PACKAGE), List.of());

        final AeolusObjectMessage received = receivedWith(new Exploit(), policy);

        assertInstanceOf(Exploit.class, received.getObject());
        assertTrue(Exploit.readObjectRan);
    }

    @Test
    void shouldLetTheDenyListWinOverAnAllowAll() throws JMSException
    {
        final DeserializationPolicy policy = new DeserializationPolicy(
            List.of(DeserializationPolicy.ALL), List.of(Exploit.class.getName()));

        final AeolusObjectMessage received = receivedWith(new Exploit(), policy);

        assertThrows(MessageFormatException.class, received::getObject);
        assertFalse(Exploit.readObjectRan);
    }

    @Test
    void shouldAllowEverythingWithTheWildcard() throws JMSException
    {
        final AeolusObjectMessage received = receivedWith(new Order(), DeserializationPolicy.allowAll());

        assertInstanceOf(Order.class, received.getObject());
    }

    @Test
    void shouldMatchPolicyEntriesByNameSegment()
    {
        final DeserializationPolicy policy = new DeserializationPolicy(List.of("com.acme", "org.x."), List.of());

        assertTrue(policy.isAllowed("com.acme.Order"));
        assertTrue(policy.isAllowed("com.acme.billing.Invoice"));
        assertTrue(policy.isAllowed("com.acme$Inner"));
        assertFalse(policy.isAllowed("com.acmeevil.Payload"));
        assertTrue(policy.isAllowed("org.x.Y"));
        assertTrue(policy.isAllowed("[Lcom.acme.Order;"));
        assertFalse(policy.isAllowed("[[Lcom.evil.Order;"));
        assertTrue(policy.isAllowed("[[J"));
        assertTrue(policy.isAllowed("int"));
        assertFalse(policy.isAllowed("[Q"));
    }

    @Test
    void shouldParseCommaSeparatedPolicyLists()
    {
        final DeserializationPolicy policy = DeserializationPolicy.parse(" com.acme , org.x ", "com.acme.secret");

        assertEquals(List.of("com.acme", "org.x"), policy.allowList());
        assertTrue(policy.isAllowed("org.x.Y"));
        assertFalse(policy.isAllowed("com.acme.secret.Key"));
        assertEquals(DeserializationPolicy.secureDefault().allowList(), DeserializationPolicy.parse("", null)
            .allowList());
    }

    @Test
    void shouldHoldASnapshotTakenAtSetObject() throws JMSException
    {
        final Order order = new Order();
        order.lines.add("first");
        final AeolusObjectMessage message = new AeolusObjectMessage(order);

        order.lines.add("second");

        assertEquals(List.of("first"), ((Order)message.getObject()).lines);
    }

    @Test
    void shouldDeserializeALocallySetObjectWithoutRestriction() throws JMSException
    {
        final AeolusObjectMessage message = new AeolusObjectMessage(new Order());

        assertInstanceOf(Order.class, message.getBody(Order.class));
        assertTrue(message.isBodyAssignableTo(Serializable.class));
        assertFalse(message.isBodyAssignableTo(String.class));
    }

    @Test
    void shouldRejectAnObjectThatCannotBeSerialized()
    {
        final HashMap<String, Object> body = new HashMap<>();
        body.put("thread", new Object());

        assertThrows(MessageFormatException.class, () -> new AeolusObjectMessage().setObject(body));
    }

    @Test
    void shouldCarryANullObjectAsNoBody() throws JMSException
    {
        final AeolusObjectMessage received = receivedWith(null, DeserializationPolicy.secureDefault());

        assertNull(received.getObject());
        assertNull(received.getBody(String.class));
        assertTrue(received.isBodyAssignableTo(String.class));
    }

    @Test
    void shouldMakeAReceivedBodyReadOnly() throws JMSException
    {
        final AeolusObjectMessage received = receivedWith("text", DeserializationPolicy.secureDefault());

        assertThrows(MessageNotWriteableException.class, () -> received.setObject("other"));
        received.clearBody();
        received.setObject("other");
        assertEquals("other", received.getObject());
    }
}
