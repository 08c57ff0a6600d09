package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A JMS application as users write it, run by {@link NoJvmFlagsIT} in a JVM started without any flag: for each URL
 * it sends a message and receives it back, printing {@code ok <url>}; a JMSException is printed as
 * {@code JMSException: <message>} and ends the process with exit code 3.
 */
public final class NoFlagClient
{
    private NoFlagClient()
    {
    }

    /**
     * @param args broker URLs.
     */
    public static void main(final String[] args)
    {
        try
        {
            for (final String url : args)
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection())
                {
                    connection.start();
                    final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    final Queue queue = session.createQueue("no-flag");
                    session.createProducer(queue).send(session.createTextMessage(url));
                    try (MessageConsumer consumer = session.createConsumer(queue))
                    {
                        final TextMessage message = (TextMessage)consumer.receive(10_000);
                        System.out.println(null != message && url.equals(message.getText()) ? "ok " + url :
                            "wrong message " + message);
                    }
                }
            }
        }
        catch (final JMSException ex)
        {
            System.out.println("JMSException: " + ex.getMessage());
            System.out.flush();
            System.exit(3);
        }
    }
}
