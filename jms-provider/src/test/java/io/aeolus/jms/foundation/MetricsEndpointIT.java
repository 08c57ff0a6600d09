package io.aeolus.jms.foundation;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scrapes a running broker's Prometheus endpoint as Prometheus would: basic authentication, per-destination
 * gauges and counters that follow the traffic, connections per user, JVM meters, the OpenMetrics format, and every
 * metric the Grafana dashboard in dist/ charts.
 */
@Timeout(60)
class MetricsEndpointIT
{
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeDestinationConnectionAndJvmMetricsToAnAuthenticatedScraper() throws Exception
    {
        final Path passwordFile = Files.writeString(dataDir.resolve("metrics.password"), "scrape-secret\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.METRICS_HTTP_ENDPOINT, "127.0.0.1:0")
            .set(BrokerConfiguration.METRICS_HTTP_USER, "prometheus")
            .set(BrokerConfiguration.METRICS_HTTP_PASSWORD_FILE, passwordFile.toString())))
        {
            assertNotNull(broker.broker().metricsAddress());
            final URI uri = URI.create("http://127.0.0.1:" + broker.broker().metricsAddress().getPort() + "/metrics");
            assertEquals(401, http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
            assertEquals(401, scrape(uri, "prometheus:wrong", "text/plain").statusCode());

            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final Queue orders = session.createQueue("orders");
                final MessageProducer producer = session.createProducer(orders);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < 3; i++)
                {
                    producer.send(session.createTextMessage("order " + i));
                }
                session.createConsumer(session.createTopic("prices")).close();
                session.createProducer(session.createTopic("prices")).send(session.createTextMessage("1.25"));
                final String before = body(scrape(uri, "prometheus:scrape-secret", "text/plain"));
                assertTrue(before.contains("aeolus_queue_depth{destination=\"orders\"} 3"), before);
                assertTrue(before.contains("aeolus_queue_enqueued_total{destination=\"orders\"} 3"), before);
                assertTrue(before.contains("aeolus_connections{user=\"anonymous\"} 1"), before);
                assertTrue(before.contains("aeolus_queue_oldest_message_age_seconds{destination=\"orders\"} "),
                    before);
                assertTrue(before.contains("aeolus_queue_dlq_depth{destination=\"orders\"} 0"), before);
                assertTrue(before.contains("aeolus_queue_expired_total{destination=\"orders\"} 0"), before);
                assertTrue(before.contains("aeolus_queue_dead_lettered_total{destination=\"orders\"} 0"), before);
                assertTrue(before.contains("aeolus_queue_consumers{destination=\"orders\"} 0"), before);
                assertTrue(before.contains("jvm_memory_used_bytes{"), before);
                assertTrue(before.contains("jvm_threads_live_threads "), before);
                assertTrue(before.contains("jvm_gc_"), before);

                connection.start();
                try (MessageConsumer consumer = session.createConsumer(orders))
                {
                    for (int i = 0; i < 3; i++)
                    {
                        assertNotNull(consumer.receive(5_000));
                    }
                    final String consuming = body(scrape(uri, "prometheus:scrape-secret", "text/plain"));
                    assertTrue(consuming.contains("aeolus_queue_consumers{destination=\"orders\"} 1"), consuming);
                }
                final HttpResponse<String> after = scrape(uri, "prometheus:scrape-secret",
                    "application/openmetrics-text; version=1.0.0");
                assertTrue(after.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/openmetrics-text"), after.headers().toString());
                assertTrue(body(after).contains("aeolus_queue_depth{destination=\"orders\"} 0"), body(after));
                assertTrue(body(after).contains("aeolus_queue_acknowledged_total{destination=\"orders\"} 3"),
                    body(after));
                assertTrue(body(after).endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
                // After sends and deliveries, so that the latency histograms have their series.
                assertDashboardMetricsPresent(body(after));
            }
        }
    }

    private static void assertDashboardMetricsPresent(final String scrape) throws Exception
    {
        final String dashboard = Files.readString(Path.of("..", "dist", "grafana-dashboard.json"),
            StandardCharsets.UTF_8);
        final Matcher metric = Pattern.compile("aeolus_[a-z_]+").matcher(dashboard);
        int count = 0;
        while (metric.find())
        {
            assertTrue(scrape.contains(metric.group() + "{") || scrape.contains(metric.group() + " "),
                "the dashboard charts " + metric.group() + ", which the broker does not export");
            count++;
        }
        assertTrue(count >= 12, "dashboard charts too few broker metrics: " + count);
    }

    private HttpResponse<String> scrape(final URI uri, final String credentials, final String accept)
        throws Exception
    {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).header("Authorization", "Basic " +
            Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String body(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
