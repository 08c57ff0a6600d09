package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * Time in messaging. Reminders are sent now with a delivery delay: the broker holds each until its
 * {@code JMSDeliveryTime}, and a consumer waiting on the queue sees none of them early. Price quotes are sent with a
 * time to live: a quote still unconsumed at its {@code JMSExpiration} is never delivered, so a slow consumer cannot
 * act on a stale price. The sample prints the scheduled and the actual times.
 */
@Command(name = "delayed", mixinStandardHelpOptions = true,
    description = "Delayed and expiring messages: reminders with a delivery delay, quotes with a time to live.")
public final class Delayed implements Runnable
{
    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "4", description = "reminders and quotes each (default ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--step-ms", defaultValue = "400",
        description = "delay between reminders, and between quote lifetimes (default ${DEFAULT-VALUE})")
    private long stepMs;

    /**
     * Sends the reminders and waits for each, then sends the quotes and reads them late.
     */
    public void run()
    {
        try (SampleBroker broker = options.openBroker())
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                connection.start();
                final int early = reminders(session);
                final int stale = quotes(session);
                out().println("Summary: " + early + " reminders arrived early, " + stale + " expired quotes arrived");
            }
        }
        catch (final JMSException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private int reminders(final Session session) throws JMSException
    {
        final MessageConsumer consumer = session.createConsumer(session.createQueue("reminders"));
        final MessageProducer producer = session.createProducer(session.createQueue("reminders"));
        final long sentMs = System.currentTimeMillis();
        // Sent last-due first: the broker releases each when it is due, whatever the order they were sent in.
        for (int i = count; i >= 1; i--)
        {
            producer.setDeliveryDelay(i * stepMs);
            producer.send(session.createTextMessage("reminder " + i));
        }
        out().println("Sent " + count + " reminders, due in " + stepMs + " to " + count * stepMs + " ms");
        int early = 0;
        for (int i = 0; i < count; i++)
        {
            final Message reminder = consumer.receive(count * stepMs + 5_000);
            final long arrivedMs = System.currentTimeMillis();
            if (null == reminder)
            {
                throw new IllegalStateException("a reminder never came");
            }
            final long dueMs = reminder.getJMSDeliveryTime();
            early += arrivedMs < dueMs ? 1 : 0;
            out().printf("  %s: due at +%d ms, arrived at +%d ms (%d ms after due)%n",
                ((TextMessage)reminder).getText(), dueMs - sentMs, arrivedMs - sentMs, arrivedMs - dueMs);
        }
        consumer.close();
        return early;
    }

    private int quotes(final Session session) throws JMSException, InterruptedException
    {
        final MessageProducer producer = session.createProducer(session.createQueue("quotes"));
        final long sentMs = System.currentTimeMillis();
        for (int i = 1; i <= count; i++)
        {
            // A quote is good for a while only; after that the broker discards it rather than deliver it.
            producer.setTimeToLive(i * stepMs);
            final TextMessage quote = session.createTextMessage("quote " + i);
            producer.send(quote);
        }
        // Halfway between two expiry times, so that about half the quotes are stale by the time they are read.
        final long readAfterMs = (count / 2) * stepMs + stepMs / 2;
        out().println("Sent " + count + " quotes, valid for " + stepMs + " to " + count * stepMs +
            " ms; the consumer is busy and reads them after " + readAfterMs + " ms");
        Thread.sleep(readAfterMs);

        final MessageConsumer consumer = session.createConsumer(session.createQueue("quotes"));
        int received = 0;
        int stale = 0;
        Message quote;
        while (null != (quote = consumer.receive(stepMs)))
        {
            final long arrivedMs = System.currentTimeMillis();
            received++;
            stale += arrivedMs > quote.getJMSExpiration() ? 1 : 0;
            out().printf("  %s: expires at +%d ms, arrived at +%d ms (still valid)%n",
                ((TextMessage)quote).getText(), quote.getJMSExpiration() - sentMs, arrivedMs - sentMs);
        }
        out().println("  " + (count - received) + " of " + count + " quotes expired before the consumer got to them " +
            "and never arrived");
        consumer.close();
        return stale;
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
