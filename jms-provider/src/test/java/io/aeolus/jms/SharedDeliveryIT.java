package io.aeolus.jms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-out to several subscribers of one connection through a real broker: the copies of a message are decoded once
 * for the connection, yet each subscriber's message is its own; and a message sent after an idle spell long enough
 * for every polling thread to reach its long park is still delivered.
 */
@Timeout(60)
class SharedDeliveryIT
{
    private static final int SUBSCRIBERS = 4;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
    }

    @AfterEach
    void stopBroker()
    {
        broker.close();
    }

    @Test
    void copiesOnOneIpcConnectionAreDecodedOnceAndStayIndependent() throws JMSException
    {
        fanOutOnOneConnection(broker.ipcUrl());
    }

    @Test
    void copiesOnOneUdpConnectionAreDecodedOnceAndStayIndependent() throws JMSException
    {
        fanOutOnOneConnection(broker.udpUrl());
    }

    @Test
    void aMessageSentAfterAnIdleSpellIsDeliveredOverUdp() throws JMSException
    {
        try (Connection sender = new AeolusConnectionFactory(broker.udpUrl()).createConnection();
            Connection receiver = new AeolusConnectionFactory(broker.udpUrl()).createConnection())
        {
            final Session receiveSession = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = receiveSession.createConsumer(receiveSession.createQueue("after-idle"));
            receiver.start();
            final Session sendSession = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = sendSession.createProducer(sendSession.createQueue("after-idle"));

            for (int round = 0; round < 3; round++)
            {
                // The idle spell: nothing to receive for far longer than any thread's short parks last.
                assertNull(consumer.receive(1_500), "nothing was sent yet");
                producer.send(sendSession.createTextMessage("after idle " + round));
                final TextMessage received = (TextMessage)consumer.receive(10_000);
                assertNotNull(received, "the message sent after the idle spell was not delivered within 10 s");
                assertEquals("after idle " + round, received.getText());
            }
        }
    }

    private static void fanOutOnOneConnection(final String url) throws JMSException
    {
        try (Connection sender = new AeolusConnectionFactory(url).createConnection();
            Connection receiver = new AeolusConnectionFactory(url).createConnection())
        {
            final List<MessageConsumer> consumers = new ArrayList<>();
            Topic topic = null;
            for (int i = 0; i < SUBSCRIBERS; i++)
            {
                final Session session = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
                topic = session.createTopic("prices");
                consumers.add(session.createConsumer(topic));
            }
            receiver.start();
            final Session sendSession = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = sendSession.createProducer(topic);
            final long sharedBefore = ((AeolusConnection)receiver).sharedFrames().sharedDecodes();
            for (int n = 0; n < 2; n++)
            {
                final TextMessage message = sendSession.createTextMessage("EURUSD 1.08" + n);
                message.setStringProperty("symbol", "EURUSD");
                message.setIntProperty("n", n);
                message.setJMSCorrelationID("quote-" + n);
                producer.send(message);
            }

            for (int n = 0; n < 2; n++)
            {
                final List<TextMessage> copies = new ArrayList<>();
                for (final MessageConsumer consumer : consumers)
                {
                    copies.add(assertInstanceOf(TextMessage.class, consumer.receive(10_000),
                        "subscriber missed message " + n));
                }
                final TextMessage first = copies.get(0);
                assertThrows(MessageNotWriteableException.class, () -> first.setText("no"));
                first.clearBody();
                first.setText("rewritten by subscriber 0");
                first.clearProperties();
                first.setStringProperty("symbol", "mine");
                first.setJMSCorrelationID("mine");
                for (int i = 1; i < copies.size(); i++)
                {
                    final TextMessage copy = copies.get(i);
                    assertNotSame(first, copy);
                    assertEquals("EURUSD 1.08" + n, copy.getText());
                    assertEquals("EURUSD", copy.getStringProperty("symbol"));
                    assertEquals(n, copy.getIntProperty("n"));
                    assertEquals("quote-" + n, copy.getJMSCorrelationID());
                    assertEquals(first.getJMSMessageID(), copy.getJMSMessageID());
                    assertEquals(1, copy.getIntProperty("JMSXDeliveryCount"));
                    assertThrows(MessageNotWriteableException.class, () -> copy.setIntProperty("n", 9));
                }
            }
            final long shared = ((AeolusConnection)receiver).sharedFrames().sharedDecodes() - sharedBefore;
            assertTrue(shared >= 2, "copies of a message arriving back to back share one decode; shared " + shared);
        }
    }
}
