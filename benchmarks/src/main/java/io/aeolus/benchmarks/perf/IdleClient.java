package io.aeolus.benchmarks.perf;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.concurrent.TimeUnit;

/**
 * A JMS client with an idle connection, for measuring what an idle client costs: connects to the URL, starts a
 * consumer on a queue, prints {@code IDLE-CLIENT pid=<pid>} and holds the connection for the given seconds without
 * traffic. Measure it with {@code benchmarks/scripts/idle-cpu.sh <pid>}.
 * <p>
 * Usage: {@code java -cp aeolus-perf.jar io.aeolus.benchmarks.perf.IdleClient <url> [seconds, default 90]}.
 */
public final class IdleClient
{
    private IdleClient()
    {
    }

    /**
     * Connects and idles.
     *
     * @param args the broker's URL and how long to hold the connection.
     * @throws JMSException         if the connection fails.
     * @throws InterruptedException if interrupted while idling.
     */
    public static void main(final String[] args) throws JMSException, InterruptedException
    {
        if (args.length < 1 || args.length > 2)
        {
            System.err.println("usage: IdleClient <url> [seconds]");
            System.exit(2);
        }
        final long seconds = args.length > 1 ? Long.parseLong(args[1]) : 90;
        try (Connection connection = new AeolusConnectionFactory(args[0]).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("perf.idle"));
            connection.start();
            System.out.println("IDLE-CLIENT pid=" + ProcessHandle.current().pid());
            System.out.flush();
            TimeUnit.SECONDS.sleep(seconds);
        }
    }
}
