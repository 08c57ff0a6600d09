package io.aeolus.samples;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Publish/subscribe with hierarchical topics: a feed publishes each price update to the topic of its market and
 * symbol, {@code stock.<market>.<symbol>} ({@code stock.us.ACME}). Every subscriber gets its own copy. A trading
 * desk per symbol subscribes to the wildcard {@code stock.*.ACME} ({@code *}: exactly one level) and receives only
 * its symbol; a dashboard subscribes to {@code stock.#} ({@code #}: any number of levels) and gets everything. An
 * audit service holds a durable subscription to {@code stock.#}: it goes offline for a while, the broker keeps the
 * updates published meanwhile for it, and it catches up when it returns. A broker rule also copies every update
 * into {@code stock.latest}, a last-value queue keyed by {@code symbol}: a new price replaces the waiting one of its
 * symbol, so a quote board that starts late reads one latest price per symbol, not the whole history.
 */
@Command(name = "ticker", mixinStandardHelpOptions = true,
    description = "Stock ticker: topics stock.<market>.<symbol>, a desk per symbol on stock.*.<symbol>, a " +
        "dashboard and a durable audit subscriber on stock.#, and a last-value queue of the latest prices.")
public final class Ticker implements Runnable
{
    private static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH");
    private static final List<String> MARKETS = List.of("us", "us", "eu");
    private static final String LATEST = "stock.latest";
    private static final Duration MANAGEMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String AUDIT_CLIENT_ID = "ticker-audit";
    private static final String AUDIT_SUBSCRIPTION = "price-audit";

    private final AtomicInteger strays = new AtomicInteger();

    @Mixin
    private SampleOptions options;

    @Option(names = "--count", defaultValue = "12", description = "price updates per phase (default ${DEFAULT-VALUE})")
    private int count;

    /**
     * Publishes two rounds of prices, the audit subscriber offline during the second, then lets it catch up.
     */
    public void run()
    {
        // The last-value key is a destination setting of the broker's config file
        // (aeolus.destination.stock.latest.last.value.key=symbol); a broker at --url needs it there.
        try (SampleBroker broker = options.openBrokerWith(Map.of(LATEST, Map.of("last.value.key", "symbol"))))
        {
            final ConnectionFactory factory = new AeolusConnectionFactory(broker.url());
            try (Connection feed = factory.createConnection();
                Connection subscribers = factory.createConnection())
            {
                feed.start();
                final AdminRoutes routes = new AdminRoutes(new AdminClient(feed, MANAGEMENT_TIMEOUT));
                // A rule on the broker: whatever is published under stock. is also put in the last-value queue.
                routes.create("stock-latest", "topic:stock.#", null, "queue:" + LATEST, "copy");
                final Session feedSession = feed.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final Topic prices = feedSession.createTopic("stock.#");
                // No destination: each update names its topic, stock.<market>.<symbol>.
                final MessageProducer publisher = feedSession.createProducer(null);
                final AtomicInteger[] received = startSubscribers(subscribers);

                Connection audit = auditConnection(factory);
                MessageConsumer auditConsumer = subscribeAudit(audit, prices);
                publish(feedSession, publisher, 0);
                final int online = record(auditConsumer, "while online");
                out().println("Audit service goes offline");
                audit.close();
                publish(feedSession, publisher, count);
                audit = auditConnection(factory);
                auditConsumer = subscribeAudit(audit, prices);
                out().println("Audit service is back");
                final int caughtUp = record(auditConsumer, "on catching up");
                awaitSubscribers(received, 2 * 2 * count); // each update reaches one desk and the dashboard

                for (int i = 0; i < SYMBOLS.size(); i++)
                {
                    out().println("Desk " + SYMBOLS.get(i) + " received " + received[i].get() + " " +
                        SYMBOLS.get(i) + " updates");
                }
                out().println("Summary: published " + 2 * count + ", audit recorded " + (online + caughtUp) +
                    " (" + caughtUp + " of them published while it was offline), desks received " + strays +
                    " updates of other symbols");
                // A durable subscription outlives its subscribers: remove it, once it has no consumer, when the
                // audit service is retired.
                auditConsumer.close();
                final Session auditSession = audit.createSession(false, Session.AUTO_ACKNOWLEDGE);
                auditSession.unsubscribe(AUDIT_SUBSCRIPTION);
                audit.close();
                quoteBoard(feed);
                routes.delete("stock-latest");
            }
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void quoteBoard(final Connection connection) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer board = session.createConsumer(session.createQueue(LATEST));
        final List<String> quotes = new ArrayList<>();
        for (Message quote = board.receive(2_000); null != quote; quote = board.receive(300))
        {
            quotes.add(String.format(Locale.ROOT, "%s %.2f (#%d)", quote.getStringProperty("symbol"),
                quote.getDoubleProperty("price"), quote.getIntProperty("seq")));
        }
        out().println("Quote board read " + quotes.size() + " latest prices from last-value queue " + LATEST +
            ", for " + 2 * count + " updates: " + String.join(", ", quotes));
        session.close();
    }

    private AtomicInteger[] startSubscribers(final Connection connection) throws JMSException
    {
        final AtomicInteger[] received = new AtomicInteger[SYMBOLS.size() + 1]; // the desks, then the dashboard
        for (int i = 0; i < received.length; i++)
        {
            received[i] = new AtomicInteger();
        }
        for (int i = 0; i < SYMBOLS.size(); i++)
        {
            final AtomicInteger desk = received[i];
            final String symbol = SYMBOLS.get(i);
            // A wildcard filters in the broker: this desk is never sent another symbol's prices.
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic("stock.*." + symbol)).setMessageListener((message) ->
            {
                try
                {
                    (symbol.equals(message.getStringProperty("symbol")) ? desk : strays).incrementAndGet();
                }
                catch (final JMSException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
        }
        final Session dashboard = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        dashboard.createConsumer(dashboard.createTopic("stock.#")).setMessageListener((message) ->
        {
            try
            {
                out().printf("  dashboard  %-8s %8.2f%n", message.getStringProperty("symbol"),
                    message.getDoubleProperty("price"));
                received[SYMBOLS.size()].incrementAndGet();
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        connection.start();
        return received;
    }

    private static Connection auditConnection(final ConnectionFactory factory) throws JMSException
    {
        final Connection connection = factory.createConnection();
        // The client id and subscription name identify the durable subscription across reconnects.
        connection.setClientID(AUDIT_CLIENT_ID);
        return connection;
    }

    private static MessageConsumer subscribeAudit(final Connection audit, final Topic prices) throws JMSException
    {
        // The first call creates the durable subscription; later ones, with the same client id and name, reattach
        // to it and receive what was published meanwhile.
        final MessageConsumer consumer = audit.createSession(false, Session.AUTO_ACKNOWLEDGE)
            .createDurableConsumer(prices, AUDIT_SUBSCRIPTION);
        audit.start();
        return consumer;
    }

    private int record(final MessageConsumer audit, final String when) throws JMSException
    {
        int received = 0;
        Message message;
        while (received < count && null != (message = audit.receive(TimeUnit.SECONDS.toMillis(10))))
        {
            received++;
            if (received == 1 || received == count)
            {
                out().println("Audit recorded update #" + message.getIntProperty("seq") + " " + when);
            }
        }
        out().println("Audit recorded " + received + " updates " + when);
        return received;
    }

    private void publish(final Session session, final MessageProducer publisher, final int firstSeq)
        throws JMSException
    {
        for (int seq = firstSeq + 1; seq <= firstSeq + count; seq++)
        {
            final int index = seq % SYMBOLS.size();
            final String symbol = SYMBOLS.get(index);
            final double price = 100 + 10 * Math.sin(seq) + index * 50;
            // Selectors see headers and properties, never the body: what subscribers filter on goes in properties.
            final Message update = session.createTextMessage(symbol + " " + price);
            update.setStringProperty("symbol", symbol);
            update.setDoubleProperty("price", Math.round(price * 100) / 100.0);
            update.setIntProperty("seq", seq);
            // Persistent (the JMS default): what waits in the durable subscription survives a broker restart too.
            publisher.send(session.createTopic("stock." + MARKETS.get(index) + "." + symbol), update);
        }
        out().println("Feed published updates #" + (firstSeq + 1) + " to #" + (firstSeq + count));
    }

    private static void awaitSubscribers(final AtomicInteger[] received, final int total)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int sum = 0;
        while (sum < total && System.nanoTime() - deadlineNs < 0)
        {
            sum = 0;
            for (final AtomicInteger subscriber : received)
            {
                sum += subscriber.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private PrintWriter out()
    {
        return options.out();
    }
}
