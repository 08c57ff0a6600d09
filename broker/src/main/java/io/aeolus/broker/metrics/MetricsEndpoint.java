package io.aeolus.broker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aeolus.broker.logging.BrokerLog;
import io.aeolus.broker.management.ManagementProxy;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server answering Prometheus ({@code text/plain; version=0.0.4}) and OpenMetrics scrapes at
 * {@code /metrics}, with optional basic authentication. One thread serves the scrapes; each takes a fresh snapshot
 * from the conductor. Start with {@link #start}, stop with {@link #close()}.
 */
public final class MetricsEndpoint implements AutoCloseable
{
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final BrokerMeters meters;
    private final byte[] expectedAuthorization;

    private MetricsEndpoint(final MetricsSettings settings, final ManagementProxy proxy,
        final PrometheusMeterRegistry registry) throws IOException
    {
        this.registry = registry;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        meters = new BrokerMeters(registry, proxy);
        expectedAuthorization = null == settings.user() ? null : ("Basic " + Base64.getEncoder().encodeToString(
            (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
        executor = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "aeolus-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(settings.endpoint(), 16);
        server.createContext("/metrics", this::onRequest);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts the server.
     *
     * @param settings where to listen and whom to let in; must be enabled.
     * @param proxy    how to reach the conductor.
     * @return the running endpoint.
     * @throws IllegalStateException naming the option when the address cannot be bound.
     */
    public static MetricsEndpoint start(final MetricsSettings settings, final ManagementProxy proxy)
    {
        return start(settings, proxy, newRegistry());
    }

    /**
     * @return a registry for {@link #start(MetricsSettings, ManagementProxy, PrometheusMeterRegistry)}, which
     *         meters such as {@link LatencyMeters} may use before the endpoint starts.
     */
    public static PrometheusMeterRegistry newRegistry()
    {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Starts the server over a registry that other meters already use.
     *
     * @param settings where to listen and whom to let in; must be enabled.
     * @param proxy    how to reach the conductor.
     * @param registry the registry to scrape; the endpoint adds its JVM and destination meters, and closes it.
     * @return the running endpoint.
     * @throws IllegalStateException naming the option when the address cannot be bound.
     */
    public static MetricsEndpoint start(final MetricsSettings settings, final ManagementProxy proxy,
        final PrometheusMeterRegistry registry)
    {
        try
        {
            return new MetricsEndpoint(settings, proxy, registry);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("aeolus.broker.metrics.http.endpoint: cannot listen on " +
                settings.endpoint() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the address the server listens on (the port the OS chose for port 0).
     */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    /**
     * Stops the server.
     */
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
        gcMetrics.close();
        registry.close();
    }

    private void onRequest(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!isAuthorized(exchange.getRequestHeaders().getFirst("Authorization")))
            {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"aeolus metrics\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            final String accept = exchange.getRequestHeaders().getFirst("Accept");
            final String contentType = null != accept && accept.contains("application/openmetrics-text") ?
                OPEN_METRICS : PROMETHEUS_TEXT;
            final byte[] body;
            try
            {
                meters.refresh();
                body = registry.scrape(contentType).getBytes(StandardCharsets.UTF_8);
            }
            catch (final RuntimeException ex)
            {
                BrokerLog.BROKER.log(System.Logger.Level.WARNING, "metrics scrape failed: " + ex, ex);
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
            if (!"HEAD".equals(exchange.getRequestMethod()))
            {
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(body);
                }
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
    }

    private boolean isAuthorized(final String authorization)
    {
        return null == expectedAuthorization || (null != authorization &&
            MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8)));
    }
}
