package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.util.concurrent.CountDownLatch;

/**
 * A client in its own JVM: connects, takes messages from a queue without acknowledging them, says so, and then
 * waits to be killed. Arguments: URL, queue name, number of messages to take.
 */
public final class ClientProcess
{
    private ClientProcess()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Connection connection = new AeolusConnectionFactory(args[0]).createConnection();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue(args[1]));
        connection.start();
        final int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++)
        {
            final Message message = consumer.receive(30_000);
            if (null == message)
            {
                System.out.println("TIMEOUT");
                System.exit(1);
            }
        }
        System.out.println("HOLDING " + count);
        // Hold the messages until the test kills this process.
        new CountDownLatch(1).await();
    }
}
