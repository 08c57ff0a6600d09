package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Content-based routing. Applications drop outgoing mail into one inbox queue with a {@code priority} property,
 * {@code urgent} or {@code bulk}. A small router takes, by message selector, the mail it knows how to route and
 * moves each to the queue of the mailer for its kind. Urgent mail is also sent with JMS priority 9: when mail piles
 * up (here the router starts late, after a backlog has built), the broker hands out higher-priority messages first,
 * so password resets overtake newsletters. Run with {@code --urgent-priority 4} to see the arrival order instead.
 */
@Command(name = "email-routing", mixinStandardHelpOptions = true,
    description = "Priority email routing: a router with a selector moves urgent and bulk mail to two queues; " +
        "urgent mail, sent with JMS priority 9, goes first.")
public final class EmailRouting implements Runnable
{
    private static final String INBOX = "email.inbox";

    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "16", description = "mails to send (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--urgent-every", defaultValue = "4",
        description = "every n-th mail is urgent (default ${DEFAULT-VALUE})")
    private int urgentEvery;

    @Option(names = "--urgent-priority", defaultValue = "9", description = "JMS priority of urgent mail, 0 to 9 " +
        "(default ${DEFAULT-VALUE}; 4, the default of all mail, routes in arrival order)")
    private int urgentPriority;

    private final List<String> routed = new ArrayList<>();

    /**
     * Sends the backlog, routes it, and has each mailer drain its queue.
     */
    public void run()
    {
        try (SampleBroker broker = options.openBroker())
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection connection = factory.createConnection())
            {
                sendMail(connection);
                route(connection);
                out().println("Router routed, in this order: " + String.join(" ", routed));
                drain(connection, "email.urgent");
                drain(connection, "email.bulk");
            }
        }
        catch (final JMSException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void sendMail(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue(INBOX));
        for (int i = 1; i <= count; i++)
        {
            final boolean urgent = i % urgentEvery == 0;
            final TextMessage mail = session.createTextMessage(urgent ? "Your password reset code" : "Newsletter");
            mail.setIntProperty("mail", i);
            mail.setStringProperty("priority", urgent ? "urgent" : "bulk");
            // JMS priority runs from 0 to 9; 4 is the default. The broker delivers higher priorities first.
            producer.send(mail, DeliveryMode.PERSISTENT, urgent ? urgentPriority : Message.DEFAULT_PRIORITY,
                Message.DEFAULT_TIME_TO_LIVE);
        }
        out().println("Applications sent " + count + " mails to " + INBOX + " (every " + urgentEvery +
            "th urgent) while the router was down");
    }

    private void route(final Connection connection) throws JMSException, InterruptedException
    {
        final CountDownLatch done = new CountDownLatch(count);
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(null);
        final Queue urgent = session.createQueue("email.urgent");
        final Queue bulk = session.createQueue("email.bulk");
        // The selector takes only mail the router knows how to route; anything else stays in the inbox for a
        // person to look at. One consumer sees both kinds, so the broker's priority order decides which goes first.
        final String selector = "priority IN ('urgent', 'bulk')";
        session.createConsumer(session.createQueue(INBOX), selector).setMessageListener((mail) ->
        {
            try
            {
                final boolean isUrgent = "urgent".equals(mail.getStringProperty("priority"));
                // Keep the mail's JMS priority, so urgent mail stays ahead in its mailer's queue too.
                producer.send(isUrgent ? urgent : bulk, mail, DeliveryMode.PERSISTENT, mail.getJMSPriority(),
                    Message.DEFAULT_TIME_TO_LIVE);
                routed.add((isUrgent ? "U" : "b") + mail.getIntProperty("mail"));
                done.countDown();
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        connection.start();
        if (!done.await(20, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("mail left unrouted: " + done.getCount());
        }
        session.close();
    }

    private void drain(final Connection connection, final String queue) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer mailer = session.createConsumer(session.createQueue(queue));
        int sent = 0;
        while (null != mailer.receive(500))
        {
            sent++;
        }
        out().println("Mailer for " + queue + " sent " + sent + " mails");
        session.close();
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
