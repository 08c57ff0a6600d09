package io.aeolus.console.send;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.OutgoingMessage;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.JMSSecurityException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendMessageViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final FakeBackend backend = new FakeBackend();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final SendMessageViewModel form =
        new SendMessageViewModel(backend, new ImmediateTaskRunner(), notifier, BUNDLE);

    @Test
    void shouldSendNothingUntilADestinationIsGiven()
    {
        final boolean started = form.send();

        assertFalse(started);
        assertFalse(form.validProperty().get());
        assertEquals(List.of("Destination: enter a queue or topic name"), form.problems());
        assertTrue(backend.sentMessages().isEmpty());
    }

    @Test
    void shouldNameTheProblemOfEachBadField()
    {
        form.destinationProperty().set("orders eu");
        form.priorityProperty().set("12");
        form.timeToLiveProperty().set("-5");
        form.deliveryDelayProperty().set("soon");

        assertEquals(List.of(
            "Destination 'orders eu': U+0020 is not allowed (no blanks, and no * or #, which are wildcards)",
            "Priority: '12' is not a whole number from 0 to 9",
            "Time to live (ms): '-5' is not a whole number of milliseconds of at least 0",
            "Delivery delay (ms): 'soon' is not a whole number of milliseconds of at least 0"), form.problems());
        assertFalse(form.send());
        assertTrue(backend.sentMessages().isEmpty());
    }

    @Test
    void shouldRefuseWildcardsBadDotsAndTheBrokersOwnDestinations()
    {
        assertEquals("Destination 'orders.*': '*' is not allowed (no blanks, and no * or #, which are wildcards)",
            form.destinationProblem("orders.*"));
        assertEquals("Destination 'orders..eu': names are words separated by single dots",
            form.destinationProblem("orders..eu"));
        assertEquals("Destination 'aeolus.management' belongs to the broker; messages cannot be sent to it",
            form.destinationProblem("aeolus.management"));
        assertEquals(null, form.destinationProblem("orders.eu"));
    }

    @Test
    void shouldCheckTheBodyAgainstTheMessageType()
    {
        form.destinationProperty().set("orders");
        form.bodyProperty().set("48 6G");

        form.bodyTypeProperty().set(BodyType.BYTES);
        assertEquals(List.of("Body: 'G' at position 5 is not a hex digit (bytes are typed as hex, e.g. 48 65 6C)"),
            form.problems());

        form.bodyProperty().set("48 6");
        assertEquals(List.of("Body: odd number of hex digits; each byte takes two"), form.problems());

        form.bodyTypeProperty().set(BodyType.MAP);
        form.bodyProperty().set("region=eu\nno equals sign");
        assertEquals(List.of("Body, line 2: 'no equals sign' is not name=value"), form.problems());

        form.bodyProperty().set("region=eu\nregion=us");
        assertEquals(List.of("Body: map entry 'region' appears twice (line 2)"), form.problems());

        form.bodyTypeProperty().set(BodyType.TEXT);
        assertTrue(form.validProperty().get());
    }

    @Test
    void shouldCheckPropertyNamesAndTypedValues()
    {
        form.destinationProperty().set("orders");
        final PropertyRow digit = row("1st", PropertyType.STRING, "x");
        final PropertyRow reserved = row("AND", PropertyType.STRING, "x");
        final PropertyRow jms = row("JMSPriority", PropertyType.INT, "4");
        final PropertyRow notInt = row("count", PropertyType.INT, "many");
        final PropertyRow notBoolean = row("urgent", PropertyType.BOOLEAN, "yes");
        final PropertyRow tooBig = row("level", PropertyType.BYTE, "300");
        final PropertyRow groupSeq = row("JMSXGroupSeq", PropertyType.STRING, "1");

        assertEquals("Property '1st': not a valid name (letters, digits, _ and $, not starting with a digit)",
            form.propertyNameProblem(digit, "1st"));
        assertEquals("Property 'AND': a reserved selector word", form.propertyNameProblem(reserved, "AND"));
        assertEquals("Property 'JMSPriority': names starting with JMS are reserved (only JMSXGroupID and " +
            "JMSXGroupSeq may be set)", form.propertyNameProblem(jms, "JMSPriority"));
        assertEquals("Property 'count': 'many' is not a whole number that fits an int",
            form.propertyValueProblem(notInt, "many"));
        assertEquals("Property 'urgent': 'yes' is not true or false", form.propertyValueProblem(notBoolean, "yes"));
        assertEquals("Property 'level': '300' is not a whole number from -128 to 127",
            form.propertyValueProblem(tooBig, "300"));
        assertEquals("Property 'JMSXGroupSeq' must have type INT", form.propertyValueProblem(groupSeq, "1"));
        assertEquals(7, form.problems().size());
        assertFalse(form.send());
    }

    @Test
    void shouldFlagADuplicatePropertyOnce()
    {
        form.destinationProperty().set("orders");
        row("region", PropertyType.STRING, "eu");
        row("region", PropertyType.STRING, "us");

        assertEquals(List.of("Property 'region' appears twice"), form.problems());
    }

    @Test
    void shouldBecomeValidWhenTheBadRowIsRemoved()
    {
        form.destinationProperty().set("orders");
        final PropertyRow bad = row("count", PropertyType.INT, "many");
        assertFalse(form.validProperty().get());

        form.removeProperty(bad);

        assertTrue(form.validProperty().get());
        assertEquals(null, form.propertyValueProblem(bad, "many"), "a removed row has no problem");
    }

    @Test
    void shouldSendAValidMessageWithEveryFieldAndTellOfIt()
    {
        form.destinationProperty().set(" orders.eu ");
        form.destinationTypeProperty().set(DestinationType.TOPIC);
        form.bodyTypeProperty().set(BodyType.BYTES);
        form.bodyProperty().set("48 65 6c\n6C 6F");
        form.jmsTypeProperty().set("OrderPlaced");
        form.correlationIdProperty().set("cart-7");
        form.persistentProperty().set(false);
        form.priorityProperty().set(" 7 ");
        form.timeToLiveProperty().set("60000");
        form.deliveryDelayProperty().set("1500");
        row("count", PropertyType.INT, "3");
        row("urgent", PropertyType.BOOLEAN, "TRUE");
        row("JMSXGroupID", PropertyType.STRING, "cart-7");

        assertTrue(form.send());

        final OutgoingMessage sent = backend.sentMessages().get(0);
        assertEquals("orders.eu", sent.destination());
        assertEquals(DestinationType.TOPIC, sent.destinationType());
        assertEquals(BodyType.BYTES, sent.bodyType());
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), sent.bytes());
        assertEquals("OrderPlaced", sent.jmsType());
        assertEquals("cart-7", sent.correlationId());
        assertEquals(Map.of("count", 3, "urgent", true, "JMSXGroupID", "cart-7"), sent.properties());
        assertFalse(sent.persistent());
        assertEquals(7, sent.priority());
        assertEquals(60_000, sent.timeToLiveMs());
        assertEquals(1_500, sent.deliveryDelayMs());
        assertEquals(1, form.sentCountProperty().get());
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("Bytes (hex) message sent to topic 'orders.eu'", notifier.history().get(0).text());
    }

    @Test
    void shouldSendAMapMessage()
    {
        form.destinationProperty().set("prices");
        form.bodyTypeProperty().set(BodyType.MAP);
        form.bodyProperty().set("sku = AE-1\n\nprice=19.5\n");

        form.send();

        assertEquals(Map.of("sku", "AE-1", "price", "19.5"), backend.sentMessages().get(0).map());
    }

    @Test
    void shouldShowTheBrokersRefusalAndKeepTheForm()
    {
        form.destinationProperty().set("payroll");
        form.bodyProperty().set("raise");
        backend.failOn("sendMessage", new JMSSecurityException(
            "user 'bob' is not allowed to send to 'payroll' (needs permission send)", "SECURITY"));

        form.send();

        assertEquals("user 'bob' is not allowed to send to 'payroll' (needs permission send)",
            form.failureProperty().get());
        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Sending to payroll failed", notifier.history().get(0).title());
        assertEquals(0, form.sentCountProperty().get());
        assertEquals("raise", form.bodyProperty().get());
        assertFalse(form.busyProperty().get());
    }

    private PropertyRow row(final String name, final PropertyType type, final String value)
    {
        final PropertyRow row = form.addProperty();
        row.nameProperty().set(name);
        row.typeProperty().set(type);
        row.valueProperty().set(value);
        return row;
    }
}
