package io.aeolus.samples;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.ReplayInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event streaming: a late analytics job reading the last hour. A web shop publishes click events to the topic
 * {@code shop.clicks}, which retains what is published for an hour ({@code retention.time}); a live dashboard reads
 * them as they come. An analytics job that starts later subscribes with {@code shop.clicks?start=-1h} and still gets
 * every event of the last hour, in order, before any new one; another starts from a point in time. Finally an
 * operator replays the last hour into a queue through management, for a batch job to work through at its pace.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Event streaming: a late analytics job reads the last hour of a retained topic; a replay into a " +
        "queue.")
public final class Replay implements Runnable
{
    private static final String TOPIC = "shop.clicks";
    private static final String BACKFILL = "analytics.backfill";
    private static final String[] PAGES = {"/home", "/product", "/cart", "/checkout"};
    private static final long RECEIVE_MS = 5_000;
    private static final long QUIET_MS = 300;

    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "12", description = "click events published (default ${DEFAULT-VALUE})")
    private int count;

    /**
     * Publishes the clicks, runs the late readers and the replay, prints what each got.
     */
    public void run()
    {
        // A broker at --url needs aeolus.destination.shop.clicks.retention.time=1h in its config file.
        try (SampleBroker broker = options.openBroker(Map.of(BrokerConfiguration.RETENTION_TIME, "1h")))
        {
            try (Connection connection = new AeolusConnectionFactory(broker.url()).createConnection())
            {
                connection.start();
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final Instant middle = publish(session);
                final int late = analytics(session);
                final int fromMiddle = fromTime(session, middle);
                final int replayed = replay(connection, session);
                out().println("Summary: " + count + " published, " + late + " read late, " + fromMiddle +
                    " read from the middle, " + replayed + " replayed, " + (count - Math.min(late, replayed)) +
                    " lost");
            }
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The shop publishes while a dashboard watches live.
     *
     * @return a time between the first half of the events and the second.
     */
    private Instant publish(final Session session) throws JMSException
    {
        final MessageConsumer dashboard = session.createConsumer(session.createTopic(TOPIC));
        final MessageProducer shop = session.createProducer(session.createTopic(TOPIC));
        Instant middle = null;
        for (int i = 0; i < count; i++)
        {
            if (i == count / 2)
            {
                middle = pause();
            }
            final Message click = session.createTextMessage("click " + (i + 1));
            click.setStringProperty("page", PAGES[i % PAGES.length]);
            click.setIntProperty("seq", i + 1);
            shop.send(click);
        }
        final int live = drain(dashboard, null);
        dashboard.close();
        out().println("Shop published " + count + " click events to topic " + TOPIC + "; the live dashboard saw " +
            live);
        return middle;
    }

    /**
     * A job that starts after the events were published, and still reads the last hour of them.
     */
    private int analytics(final Session session) throws JMSException
    {
        // The destination option says where a new subscription starts: earliest, now, a time, or a span ago.
        final MessageConsumer job = session.createConsumer(session.createTopic(TOPIC + "?start=-1h"));
        final Map<String, Integer> byPage = new TreeMap<>();
        final int read = drain(job, byPage);
        job.close();
        out().println("Analytics job started late (" + TOPIC + "?start=-1h) and read " + read + " events: " + byPage);
        return read;
    }

    private int fromTime(final Session session, final Instant time) throws JMSException
    {
        final MessageConsumer job = session.createConsumer(session.createTopic(TOPIC + "?start=" + time));
        final int read = drain(job, null);
        job.close();
        out().println("A job starting from " + time + " read " + read + " events (the second half)");
        return read;
    }

    /**
     * An operator replays the last hour into a queue; a batch job then reads the queue at its own pace.
     */
    private int replay(final Connection connection, final Session session) throws JMSException
    {
        final AdminRetention retention = new AdminRetention(new AdminClient(connection, Duration.ofSeconds(10)));
        final ReplayInfo started = retention.replay(TOPIC, BACKFILL, "-1h", null);
        ReplayInfo progress = started;
        final long deadlineMs = System.currentTimeMillis() + RECEIVE_MS;
        while (!progress.isFinished() && System.currentTimeMillis() < deadlineMs)
        {
            progress = retention.replay(started.id());
        }
        final MessageConsumer batch = session.createConsumer(session.createQueue(BACKFILL));
        final int read = drain(batch, null);
        batch.close();
        out().println("Replay " + started.id() + " of the last hour into queue " + BACKFILL + ": " +
            progress.replayed() + " of " + progress.total() + " copied (" + progress.state() +
            "); the batch job read " + read);
        return read;
    }

    private int drain(final MessageConsumer consumer, final Map<String, Integer> byPage) throws JMSException
    {
        int read = 0;
        int expected = 1;
        Message message;
        while (null != (message = consumer.receive(read < count ? RECEIVE_MS : QUIET_MS)))
        {
            read++;
            if (null != byPage)
            {
                byPage.merge(message.getStringProperty("page"), 1, Integer::sum);
                // Retained events come in the order they were published.
                if (message.getIntProperty("seq") != expected++)
                {
                    throw new IllegalStateException("event out of order: " + message.getIntProperty("seq"));
                }
            }
        }
        return read;
    }

    /**
     * Lets the clock move on a little, so the events before and after have distinct publication times.
     *
     * @return the time between them.
     */
    private static Instant pause()
    {
        final Instant middle = Instant.now().plusMillis(20);
        while (!Instant.now().isAfter(middle.plusMillis(20)))
        {
            Thread.onSpinWait();
        }
        return middle;
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
