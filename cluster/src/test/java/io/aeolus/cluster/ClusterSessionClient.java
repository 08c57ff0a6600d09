package io.aeolus.cluster;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A client of a broker group in a process of its own, for {@code ClusterSessionTimeoutIT}: it takes one message
 * from {@code <queue>} without acknowledging it, makes a temporary queue and sends a request naming it as
 * {@code JMSReplyTo} to {@code <queue>.requests}, prints {@code READY} and waits for a line on its standard input
 * (the test stops the process meanwhile, so the group hears nothing from it). Then it tries its old connection (a
 * send) and a new one, and prints what happened to each: {@code SEND-OK} or {@code SEND-FAILED <exception>},
 * {@code RECONNECT-OK} or {@code RECONNECT-FAILED <exception>}, every {@code ExceptionListener} call as
 * {@code EXCEPTION <message>}, and {@code DONE}.
 * <p>
 * Usage: {@code ClusterSessionClient <url> <queue>}.
 */
public final class ClusterSessionClient
{
    private ClusterSessionClient()
    {
    }

    /**
     * @param args url, queue.
     * @throws Exception if the group cannot be reached before the pause.
     */
    public static void main(final String[] args) throws Exception
    {
        final String url = args[0];
        final String queue = args[1];
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
        final Connection connection = factory.createConnection();
        connection.setExceptionListener(ex -> say("EXCEPTION " + ex.getClass().getSimpleName() + ": " +
            ex.getMessage()));
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        connection.start();
        final Message held = consumer.receive(60_000);
        if (null == held)
        {
            say("NOTHING-RECEIVED");
            System.exit(1);
        }
        say("RECEIVED " + ((TextMessage)held).getText() + " redelivered=" + held.getJMSRedelivered());
        final TemporaryQueue temporary = session.createTemporaryQueue();
        final MessageProducer producer = session.createProducer(null);
        final Message request = session.createTextMessage("request");
        request.setJMSReplyTo(temporary);
        producer.send(session.createQueue(queue + ".requests"), request);
        say("READY");

        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine();
        say("RESUMED");
        try
        {
            producer.send(session.createQueue(queue + ".after"), session.createTextMessage("old session"));
            say("SEND-OK");
        }
        catch (final JMSException | RuntimeException ex)
        {
            say("SEND-FAILED " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        try (Connection again = factory.createConnection())
        {
            final Session other = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
            other.createProducer(other.createQueue(queue + ".after")).send(other.createTextMessage("new session"));
            say("RECONNECT-OK");
        }
        catch (final JMSException | RuntimeException ex)
        {
            say("RECONNECT-FAILED " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        try
        {
            connection.close();
        }
        catch (final JMSException ex)
        {
            say("CLOSE-FAILED " + ex.getMessage());
        }
        say("DONE");
        System.exit(0);
    }

    private static synchronized void say(final String line)
    {
        System.out.println(line);
        System.out.flush();
    }
}
