package io.aeolus.jms.foundation;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency histograms on the Prometheus endpoint count what the traffic did: one send-to-confirm value per
 * confirmed send, one delivery latency per first delivery, one journal commit time and batch size per batch, one
 * enqueue-to-acknowledge latency per message finally acknowledged (not per delivery).
 */
@Timeout(60)
class LatencyMetricsIT
{
    private static final int MESSAGES = 20;
    private static final long DELIVERY_DELAY_MS = 100;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldCountEverySendConfirmationDeliveryAndJournalBatchInTheHistograms() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.METRICS_HTTP_ENDPOINT, "127.0.0.1:0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final URI uri = URI.create("http://127.0.0.1:" + broker.broker().metricsAddress().getPort() + "/metrics");
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("latency.orders");
            final MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++)
            {
                producer.send(session.createTextMessage("order " + i));
            }
            connection.start();
            try (MessageConsumer consumer = session.createConsumer(queue))
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    assertNotNull(consumer.receive(10_000), "message " + i);
                }
            }

            final String scrape = scrape(uri);

            assertEquals(MESSAGES, value(scrape, "aeolus_send_confirm_latency_seconds_count"), scrape);
            assertEquals(MESSAGES, value(scrape,
                "aeolus_delivery_latency_seconds_count{destination=\"latency.orders\"}"), scrape);
            final double batches = value(scrape, "aeolus_journal_commit_latency_seconds_count");
            assertTrue(batches >= 1 && batches <= value(scrape, "aeolus_journal_batch_size_commands_sum"), scrape);
            assertEquals(batches, value(scrape, "aeolus_journal_batch_size_commands_count"), scrape);
            assertTrue(value(scrape, "aeolus_journal_batch_size_commands_sum") >= MESSAGES,
                "every persistent send is at least one journal command: " + scrape);
            assertTrue(value(scrape, "aeolus_send_confirm_latency_seconds_sum") > 0, scrape);
            for (final String histogram : new String[]{"aeolus_send_confirm_latency_seconds",
                "aeolus_journal_commit_latency_seconds", "aeolus_journal_batch_size_commands"})
            {
                assertCumulativeBuckets(scrape, histogram);
            }
            assertEquals(MESSAGES, value(scrape, "aeolus_send_confirm_latency_seconds_bucket{le=\"+Inf\"}"), scrape);
        }
    }

    @Test
    void shouldCountEachMessageOnceInTheEnqueueToAckHistogramWhateverItsRedeliveries() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.METRICS_HTTP_ENDPOINT, "127.0.0.1:0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final URI uri = URI.create("http://127.0.0.1:" + broker.broker().metricsAddress().getPort() + "/metrics");
            final Session sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = sending.createProducer(null);
            // Enqueued at once, delivered no sooner than this: a lower bound on every enqueue-to-ack value.
            producer.setDeliveryDelay(DELIVERY_DELAY_MS);
            final Queue acked = sending.createQueue("latency.acked");
            final Queue committed = sending.createQueue("latency.committed");
            for (int i = 0; i < MESSAGES; i++)
            {
                producer.send(acked, sending.createTextMessage("acked " + i));
                producer.send(committed, sending.createTextMessage("committed " + i));
            }
            connection.start();

            final Session clientAck = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            final MessageConsumer ackConsumer = clientAck.createConsumer(acked);
            receiveAll(ackConsumer);
            clientAck.recover();
            receiveAll(ackConsumer).acknowledge();
            final Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer txConsumer = transacted.createConsumer(committed);
            receiveAll(txConsumer);
            transacted.rollback();
            receiveAll(txConsumer);
            transacted.commit();

            final String scrape = scrape(uri);

            for (final String queue : new String[]{"latency.acked", "latency.committed"})
            {
                final String series = "aeolus_enqueue_to_ack_latency_seconds";
                final String tag = "{destination=\"" + queue + "\"}";
                assertEquals(MESSAGES, value(scrape, series + "_count" + tag), scrape);
                assertTrue(value(scrape, series + "_sum" + tag) >= MESSAGES * DELIVERY_DELAY_MS / 1000.0, scrape);
                assertEquals(MESSAGES, value(scrape, series + "_bucket{destination=\"" + queue + "\",le=\"+Inf\"}"),
                    scrape);
            }
        }
    }

    private static Message receiveAll(final MessageConsumer consumer) throws Exception
    {
        Message last = null;
        for (int i = 0; i < MESSAGES; i++)
        {
            last = consumer.receive(10_000);
            assertNotNull(last, "message " + i);
        }
        return last;
    }

    /**
     * The buckets a {@code histogram_quantile} reads: increasing bounds, counts that never fall, the last (+Inf)
     * equal to the count.
     */
    private static void assertCumulativeBuckets(final String scrape, final String histogram)
    {
        final Matcher bucket = Pattern.compile("(?m)^" + histogram + "_bucket\\{le=\"([^\"]+)\"} (\\S+)$")
            .matcher(scrape);
        double previousBound = -1;
        double previousCount = 0;
        int buckets = 0;
        while (bucket.find())
        {
            final double bound = "+Inf".equals(bucket.group(1)) ? Double.POSITIVE_INFINITY :
                Double.parseDouble(bucket.group(1));
            final double count = Double.parseDouble(bucket.group(2));
            assertTrue(bound > previousBound && count >= previousCount, histogram + " bucket " + bucket.group());
            previousBound = bound;
            previousCount = count;
            buckets++;
        }
        assertTrue(buckets > 10 && Double.isInfinite(previousBound), histogram + ": " + buckets + " buckets");
        assertEquals(value(scrape, histogram + "_count"), previousCount, histogram);
    }

    private static double value(final String scrape, final String series)
    {
        final Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(line.find(), "no series " + series);
        return Double.parseDouble(line.group(1));
    }

    private String scrape(final URI uri) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
