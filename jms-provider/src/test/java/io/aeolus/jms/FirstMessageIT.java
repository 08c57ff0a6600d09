package io.aeolus.jms;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Timeout(60)
class FirstMessageIT
{
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
    void shouldSendAndReceiveTextMessageOverIpc() throws JMSException
    {
        roundTrip(broker.ipcUrl(), broker.ipcUrl());
    }

    @Test
    void shouldSendAndReceiveTextMessageOverUdp() throws JMSException
    {
        roundTrip(broker.udpUrl(), broker.udpUrl());
    }

    @Test
    void shouldReceiveOverUdpWhatWasSentOverIpc() throws JMSException
    {
        roundTrip(broker.ipcUrl(), broker.udpUrl());
    }

    private static void roundTrip(final String producerUrl, final String consumerUrl) throws JMSException
    {
        try (Connection sender = new AeolusConnectionFactory(producerUrl).createConnection();
            Connection receiver = new AeolusConnectionFactory(consumerUrl).createConnection())
        {
            final Session receiveSession = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = receiveSession.createQueue("orders");
            final MessageConsumer consumer = receiveSession.createConsumer(queue);
            receiver.start();

            final Session sendSession = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = sendSession.createProducer(queue);
            producer.send(sendSession.createTextMessage("hello aeolus"));

            final Message received = consumer.receive(10_000);
            assertNotNull(received, "no message within 10 s");
            assertInstanceOf(TextMessage.class, received);
            assertEquals("hello aeolus", ((TextMessage)received).getText());
            assertEquals(queue, received.getJMSDestination());
        }
    }
}
