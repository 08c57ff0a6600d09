package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, queue browsers: a browser looks at a queue's messages, in the order a consumer would get them,
 * without removing them; its selector is checked when it is created.
 */
@Timeout(60)
class BrowserIT extends SpecFixture
{
    @Test
    void aBrowserEnumeratesTheQueueInOrderWithoutConsumingIt() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final QueueBrowser browser = session.createBrowser(queue);

        final List<String> first = browse(browser);
        final List<String> second = browse(browser);

        assertEquals(List.of("a", "b", "c"), first);
        assertEquals(List.of("a", "b", "c"), second, "a second enumeration sees the same messages");
        assertEquals(List.of("a", "b", "c"), drain(session.createConsumer(queue)));
    }

    @Test
    void aBrowserOfAConnectionWhoseConsumersPullEnumeratesTheQueue() throws JMSException
    {
        final Connection connection = connect("prefetch=0");
        connection.start();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");

        final List<String> browsed = browse(session.createBrowser(queue));

        assertEquals(List.of("a", "b", "c"), browsed);
        assertEquals(List.of("a", "b", "c"), drain(session.createConsumer(queue)));
    }

    @Test
    void aBrowserWithASelectorEnumeratesOnlyTheMessagesItSelects() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final String[] colours = {"red", "blue", "red", "green", "red"};
        for (int i = 0; i < colours.length; i++)
        {
            final TextMessage message = session.createTextMessage(colours[i] + i);
            message.setStringProperty("colour", colours[i]);
            producer.send(message);
        }

        final QueueBrowser browser = session.createBrowser(queue, "colour = 'red'");

        assertEquals("colour = 'red'", browser.getMessageSelector());
        assertEquals(queue, browser.getQueue());
        assertEquals(List.of("red0", "red2", "red4"), browse(browser));
        assertEquals(List.of("red0", "blue1", "red2", "green3", "red4"), drain(session.createConsumer(queue)));
    }

    @Test
    void aBrowserDoesNotShowExpiredMessages() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage shortLived = session.createTextMessage("expired");
        producer.send(shortLived, DeliveryMode.PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("kept"));

        awaitClockPast(shortLived.getJMSExpiration());

        assertEquals(List.of("kept"), browse(session.createBrowser(queue)));
    }

    @Test
    void anEmptyQueueGivesAnEmptyEnumeration() throws JMSException
    {
        final Session session = started().createSession();
        final QueueBrowser browser = session.createBrowser(session.createQueue(name));

        final Enumeration<?> enumeration = browser.getEnumeration();

        assertFalse(enumeration.hasMoreElements());
        assertThrows(NoSuchElementException.class, enumeration::nextElement);
    }

    @Test
    void aBrowserWithoutASelectorReportsNone() throws JMSException
    {
        final Session session = connect().createSession();

        final QueueBrowser browser = session.createBrowser(session.createQueue(name));

        assertNull(browser.getMessageSelector());
    }

    @Test
    void anInvalidSelectorThrowsInvalidSelectorExceptionWhenTheBrowserIsCreated() throws JMSException
    {
        final Session session = connect().createSession();
        final Queue queue = session.createQueue(name);

        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, "colour = = 'red'"));
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, "colour LIKE"));
    }

    @Test
    void browsedMessagesAreStillThereForAConsumerOfAnotherConnection() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b");

        final List<String> browsed = browse(session.createBrowser(queue));
        connection.close();

        assertEquals(List.of("a", "b"), browsed);
        final Message a = receiveText(started().createSession().createConsumer(queue), "a");
        assertFalse(a.getJMSRedelivered(), "browsing is not a delivery");
        assertEquals(1, a.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void aClosedBrowserRefusesUse() throws JMSException
    {
        final Session session = connect().createSession();
        final QueueBrowser browser = session.createBrowser(session.createQueue(name));

        browser.close();

        assertThrows(IllegalStateException.class, browser::getEnumeration);
        assertThrows(IllegalStateException.class, browser::getQueue);
        browser.close();
    }

    @Test
    void aBrowserEnumerationShowsMessagesSentAfterTheBrowserWasCreated() throws JMSException
    {
        final Connection connection = connect();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final QueueBrowser browser = session.createBrowser(queue);

        sendTexts(connection, queue, "first");
        assertEquals(List.of("first"), browse(browser));

        sendTexts(connection, queue, "second");
        assertEquals(List.of("first", "second"), browse(browser));
        browser.close();
    }

    private static List<String> browse(final QueueBrowser browser) throws JMSException
    {
        final List<String> texts = new ArrayList<>();
        final Enumeration<?> enumeration = browser.getEnumeration();
        while (enumeration.hasMoreElements())
        {
            texts.add(((TextMessage)enumeration.nextElement()).getText());
        }
        return texts;
    }
}
