package io.aeolus.jms.spec;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, exceptions: the JMSException subclass the specification names for each misuse, and no
 * transport or broker failure reaching the application as anything but a JMSException.
 */
@Timeout(90)
class ExceptionsIT extends SpecFixture
{
    @TempDir
    Path privateBrokerDir;

    @Test
    void aNullDestinationThrowsInvalidDestination() throws JMSException
    {
        final Connection connection = connect();
        connection.setClientID(clientId("c"));
        final Session session = connection.createSession();
        final MessageProducer anonymous = session.createProducer(null);
        final Message message = session.createMessage();

        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null));
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null, "a = 1"));
        assertThrows(InvalidDestinationException.class, () -> session.createBrowser(null));
        assertThrows(InvalidDestinationException.class, () -> session.createDurableConsumer(null, name));
        assertThrows(InvalidDestinationException.class, () -> session.createSharedConsumer(null, name));
        assertThrows(InvalidDestinationException.class, () -> session.createSharedDurableConsumer(null, name));
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(null, message));
    }

    @Test
    void aProducerUsedAgainstItsDestinationRulesThrowsUnsupportedOperation() throws JMSException
    {
        final Session session = connect().createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer bound = session.createProducer(queue);
        final MessageProducer anonymous = session.createProducer(null);
        final Message message = session.createMessage();

        assertThrows(UnsupportedOperationException.class, () -> bound.send(queue, message));
        assertThrows(UnsupportedOperationException.class, () -> anonymous.send(message));
    }

    @Test
    void anInvalidSelectorThrowsInvalidSelector() throws JMSException
    {
        final Session session = connect().createSession();
        final Queue queue = session.createQueue(name);
        final Topic topic = session.createTopic(name);

        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "a = = 1"));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, "NOT"));
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, "a = 'unterminated"));
    }

    @Test
    void usingClosedObjectsThrowsIllegalState() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final MessageConsumer consumer = session.createConsumer(queue);

        consumer.close();
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        producer.close();
        assertThrows(IllegalStateException.class, () -> producer.send(session.createMessage()));
        session.close();
        assertThrows(IllegalStateException.class, () -> session.createProducer(queue));
        connection.close();
        assertThrows(IllegalStateException.class, connection::createSession);
    }

    @Test
    void aClientIdInUseByAnotherConnectionThrowsInvalidClientId() throws JMSException
    {
        final String clientId = clientId("taken");
        connect().setClientID(clientId);
        final Connection second = connect();

        assertThrows(InvalidClientIDException.class, () -> second.setClientID(clientId));
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
        factory.setClientId(clientId);
        assertThrows(InvalidClientIDException.class, () -> factory.createConnection().close());
    }

    @Test
    void settingTheClientIdAfterTheConnectionWasUsedThrowsIllegalState() throws JMSException
    {
        final Connection used = connect();
        used.createSession();
        final Connection configured = connect("clientId=" + clientId("configured"));

        assertThrows(IllegalStateException.class, () -> used.setClientID(clientId("late")));
        assertThrows(IllegalStateException.class, () -> configured.setClientID(clientId("other")));
    }

    @Test
    void writingToAReceivedMessageThrowsMessageNotWriteable() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("text"));
        producer.send(session.createBytesMessage());
        producer.send(session.createStreamMessage());
        producer.send(session.createMapMessage());
        final MessageConsumer consumer = session.createConsumer(queue);
        final TextMessage text = (TextMessage)consumer.receive(RECEIVE_MS);
        final BytesMessage bytes = (BytesMessage)consumer.receive(RECEIVE_MS);
        final StreamMessage stream = (StreamMessage)consumer.receive(RECEIVE_MS);
        final MapMessage map = (MapMessage)consumer.receive(RECEIVE_MS);

        assertThrows(MessageNotWriteableException.class, () -> text.setText("changed"));
        assertThrows(MessageNotWriteableException.class, () -> text.setStringProperty("p", "v"));
        assertThrows(MessageNotWriteableException.class, () -> bytes.writeInt(1));
        assertThrows(MessageNotWriteableException.class, () -> stream.writeString("s"));
        assertThrows(MessageNotWriteableException.class, () -> map.setInt("k", 1));

        text.clearBody();
        text.setText("writable after clearBody");
        text.clearProperties();
        text.setStringProperty("p", "writable after clearProperties");
    }

    @Test
    void readingAMessageAsTheWrongTypeThrowsMessageFormat() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage sent = session.createTextMessage("text");
        sent.setBooleanProperty("flag", true);
        producer.send(sent);
        final StreamMessage sentStream = session.createStreamMessage();
        sentStream.writeBoolean(true);
        producer.send(sentStream);
        final MessageConsumer consumer = session.createConsumer(queue);
        final Message text = consumer.receive(RECEIVE_MS);
        final StreamMessage stream = (StreamMessage)consumer.receive(RECEIVE_MS);

        assertThrows(MessageFormatException.class, () -> text.getIntProperty("flag"));
        assertThrows(MessageFormatException.class, () -> text.getBody(Integer.class));
        assertFalse(text.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, stream::readInt);
        assertThrows(MessageFormatException.class, () -> session.createMessage().setObjectProperty("o", new Object()));
    }

    @Test
    void readingAWriteOnlyMessageThrowsMessageNotReadable() throws JMSException
    {
        final Session session = connect().createSession();
        final BytesMessage bytes = session.createBytesMessage();
        bytes.writeInt(1);
        final StreamMessage stream = session.createStreamMessage();
        stream.writeInt(1);

        assertThrows(MessageNotReadableException.class, bytes::readInt);
        assertThrows(MessageNotReadableException.class, stream::readInt);
    }

    @Test
    void connectingWhereNoBrokerListensThrowsAJMSException() throws IOException
    {
        final String udp = "aeolus:udp://127.0.0.1:" + freeUdpPort() + "?connectTimeout=1s";
        final String ipc = "aeolus:ipc?aeronDir=" + privateBrokerDir.resolve("no-driver-here");

        assertJMSException(() -> new AeolusConnectionFactory(udp).createConnection().close());
        assertJMSException(() -> new AeolusConnectionFactory(ipc).createConnection().close());
    }

    @Test
    void aBrokerThatGoesAwayReachesTheApplicationOnlyAsJMSExceptions() throws Exception
    {
        final EmbeddedBroker doomed = EmbeddedBroker.startIsolated(privateBrokerDir);
        final Connection connection;
        try
        {
            connection = new AeolusConnectionFactory(doomed.ipcUrl() +
                "&heartbeatInterval=200ms&livenessTimeout=1s&requestTimeout=2s&sendTimeout=2s").createConnection();
        }
        catch (final JMSException ex)
        {
            doomed.close();
            throw ex;
        }
        final BlockingQueue<JMSException> heard = new LinkedBlockingQueue<>();
        connection.setExceptionListener(heard::add);
        connection.start();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final MessageConsumer consumer = session.createConsumer(queue);
        producer.send(session.createTextMessage("before"));

        doomed.close();

        final JMSException failure = heard.poll(30, TimeUnit.SECONDS);
        assertNotNull(failure, "the exception listener heard nothing");
        assertJMSException(() -> producer.send(session.createTextMessage("after")));
        assertJMSException(() -> consumer.receive(ABSENT_MS));
        assertJMSException(() -> connection.createSession());
        assertJMSException(session::createTemporaryQueue);
        connection.close();
    }

    private static void assertJMSException(final Executable call)
    {
        final Throwable thrown = assertThrows(Throwable.class, call);
        assertInstanceOf(JMSException.class, thrown, "not a JMSException: " + thrown);
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
