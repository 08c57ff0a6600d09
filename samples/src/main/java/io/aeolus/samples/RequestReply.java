package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Request/reply over queues. A currency service consumes requests from a well-known queue. Each requester creates
 * a temporary queue for its replies and names it in every request's {@code JMSReplyTo}; the service answers there,
 * copying the request's message id into the reply's {@code JMSCorrelationID}, which is how the requester matches a
 * reply to its request. The requester waits only so long: once the service is stopped, a request times out.
 */
@Command(name = "request-reply", mixinStandardHelpOptions = true,
    description = "Request/reply: a service answers on each requester's temporary queue, replies matched by " +
        "JMSCorrelationID, with a timeout.")
public final class RequestReply implements Runnable
{
    private static final String SERVICE_QUEUE = "service.fx";

    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "3", description = "requests per requester (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--requesters", defaultValue = "2", description = "requesters (default ${DEFAULT-VALUE})")
    private int requesters;

    @Option(names = "--timeout-ms", defaultValue = "1000",
        description = "how long a requester waits for a reply (default ${DEFAULT-VALUE})")
    private long timeoutMs;

    /**
     * Runs the service, lets every requester ask, then stops the service and shows a request timing out.
     */
    public void run()
    {
        try (SampleBroker broker = options.openBroker())
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            int answered = 0;
            int timedOut = 0;
            try (Connection service = factory.createConnection();
                Connection client = factory.createConnection())
            {
                startService(service);
                for (int r = 1; r <= requesters; r++)
                {
                    // Each requester has its own session and its own temporary queue, alive as long as the
                    // connection that created it.
                    final Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    final TemporaryQueue replies = session.createTemporaryQueue();
                    client.start();
                    for (int i = 1; i <= count; i++)
                    {
                        final boolean ok = request(session, replies, "requester-" + r, 100 * i * r);
                        answered += ok ? 1 : 0;
                        timedOut += ok ? 0 : 1;
                    }
                    session.close();
                }
                out().println("The service stops");
                service.close();
                final Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final boolean ok = request(session, session.createTemporaryQueue(), "requester-late", 42);
                answered += ok ? 1 : 0;
                timedOut += ok ? 0 : 1;
            }
            out().println("Summary: " + answered + " answered, " + timedOut + " timed out");
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void startService(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        // No fixed destination: each reply goes wherever its request asks.
        final MessageProducer replier = session.createProducer(null);
        replier.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        session.createConsumer(session.createQueue(SERVICE_QUEUE)).setMessageListener((request) ->
        {
            try
            {
                final double euros = Double.parseDouble(((TextMessage)request).getText());
                final TextMessage reply = session.createTextMessage(
                    String.format(Locale.ROOT, "%.2f USD", euros * 1.08));
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replier.send(request.getJMSReplyTo(), reply);
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        connection.start();
        out().println("Currency service listening on queue " + SERVICE_QUEUE);
    }

    private boolean request(final Session session, final TemporaryQueue replies, final String name, final int euros)
        throws JMSException
    {
        final MessageProducer producer = session.createProducer(session.createQueue(SERVICE_QUEUE));
        // A request nobody answers in time is worthless: let it expire rather than be served late.
        producer.setTimeToLive(timeoutMs);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        final TextMessage request = session.createTextMessage(Integer.toString(euros));
        request.setJMSReplyTo(replies);
        final long startNs = System.nanoTime();
        producer.send(request);
        producer.close();

        // Only the reply to this request: the selector matches the id the service copies into the reply.
        final MessageConsumer consumer = session.createConsumer(replies,
            "JMSCorrelationID = '" + request.getJMSMessageID() + "'");
        final Message reply = consumer.receive(timeoutMs);
        consumer.close();
        if (null == reply)
        {
            out().println(name + ": " + euros + " EUR -> no reply within " + timeoutMs + " ms, giving up");
            return false;
        }
        out().println(name + ": " + euros + " EUR -> " + ((TextMessage)reply).getText() + " (correlation id " +
            reply.getJMSCorrelationID() + ", " + (System.nanoTime() - startNs) / 1000 + " us)");
        return true;
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
