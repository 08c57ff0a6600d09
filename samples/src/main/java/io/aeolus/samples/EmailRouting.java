package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Content-based routing by the broker. Applications drop outgoing mail into one inbox queue with a {@code kind}
 * property, {@code urgent} or {@code bulk}. Two routing rules on the broker, made once through management, take
 * each mail as it is sent, by selector, to the queue of the mailer for its kind; they are exclusive, so a routed
 * mail is not left in the inbox. Mail no rule takes (an unknown kind) stays in the inbox for a person to look at.
 * No router process runs: the routing happens in the send, so nothing waits for a router to catch up, and a mail is
 * in its mailer's queue as soon as its send returns. Urgent mail is also sent with JMS priority 9, which it keeps
 * when routed: a mailer that falls behind sends its urgent mail first.
 */
@Command(name = "email-routing", mixinStandardHelpOptions = true,
    description = "Email routing by broker rules: urgent and bulk mail go from the inbox to two queues as they are " +
        "sent, with no router process; mail of an unknown kind stays in the inbox.")
public final class EmailRouting implements Runnable
{
    private static final String INBOX = "email.inbox";
    private static final Duration MANAGEMENT_TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "16", description = "mails to send (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--urgent-every", defaultValue = "4",
        description = "every n-th mail is urgent (default ${DEFAULT-VALUE})")
    private int urgentEvery;

    /**
     * Makes the rules, sends the mail, shows where it went, and has each mailer drain its queue.
     */
    public void run()
    {
        try (SampleBroker broker = options.openBroker())
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection connection = factory.createConnection())
            {
                connection.start();
                // Routing rules are broker state, journaled: made once (here at start; an administrator would use
                // "aeolus route create" or the console), they hold for every sender and survive a restart.
                final AdminRoutes routes = new AdminRoutes(new AdminClient(connection, MANAGEMENT_TIMEOUT));
                routes.create("email-urgent", "queue:" + INBOX, "kind = 'urgent'", "queue:email.urgent",
                    "exclusive");
                routes.create("email-bulk", "queue:" + INBOX, "kind = 'bulk'", "queue:email.bulk", "exclusive");
                out().println("Broker rules: kind = 'urgent' -> email.urgent, kind = 'bulk' -> email.bulk " +
                    "(exclusive); no router process runs");
                try
                {
                    sendMail(connection);
                    out().println(INBOX + " holds " + depth(connection, INBOX) + " mail (of an unknown kind, for " +
                        "a person), email.urgent " + depth(connection, "email.urgent") + ", email.bulk " +
                        depth(connection, "email.bulk"));
                    drain(connection, "email.urgent");
                    drain(connection, "email.bulk");
                    drain(connection, INBOX);
                }
                finally
                {
                    // Leave a broker at --url as it was.
                    routes.delete("email-urgent");
                    routes.delete("email-bulk");
                }
            }
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void sendMail(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue(INBOX));
        for (int i = 1; i <= count + 1; i++)
        {
            final boolean urgent = i % urgentEvery == 0;
            final boolean unknown = i == count + 1;
            final TextMessage mail = session.createTextMessage(urgent ? "Your password reset code" : "Newsletter");
            mail.setIntProperty("mail", i);
            // Selectors see properties and headers, never the body: what rules route on goes in properties.
            mail.setStringProperty("kind", unknown ? "fax" : urgent ? "urgent" : "bulk");
            // JMS priority runs from 0 to 9; 4 is the default. A routed mail keeps its priority.
            producer.send(mail, DeliveryMode.PERSISTENT, urgent ? 9 : Message.DEFAULT_PRIORITY,
                Message.DEFAULT_TIME_TO_LIVE);
        }
        out().println("Applications sent " + (count + 1) + " mails to " + INBOX + " (every " + urgentEvery +
            "th urgent, the last one of kind 'fax')");
        session.close();
    }

    private static int depth(final Connection connection, final String queue) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue)))
        {
            int depth = 0;
            for (final Enumeration<?> mail = browser.getEnumeration(); mail.hasMoreElements(); mail.nextElement())
            {
                depth++;
            }
            return depth;
        }
        finally
        {
            session.close();
        }
    }

    private void drain(final Connection connection, final String queue) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer mailer = session.createConsumer(session.createQueue(queue));
        final List<String> sent = new ArrayList<>();
        for (Message mail = mailer.receive(2_000); null != mail; mail = mailer.receive(300))
        {
            sent.add(("urgent".equals(mail.getStringProperty("kind")) ? "U" : "b") + mail.getIntProperty("mail"));
        }
        out().println((INBOX.equals(queue) ? "A person looked at " + sent.size() + " mail left in " :
            "Mailer for " + queue + " sent " + sent.size() + " mails: ") + (INBOX.equals(queue) ? queue :
            String.join(" ", sent)));
        session.close();
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
