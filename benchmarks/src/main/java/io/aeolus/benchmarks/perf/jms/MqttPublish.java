package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MQTT 3.1.1 publishing through a provider's MQTT endpoint with the Eclipse Paho client: one publisher, one
 * subscriber, each its own connection, {@code --throughput-size} bytes (100 by default) per message, at QoS 0 and at
 * QoS 1 (publish and subscription at the same QoS; at QoS 1 the subscriber has a persistent session, so the broker
 * keeps the messages in its journal).
 * <ul>
 *     <li>{@code shape=throughput}: the publisher sends as fast as its window ({@code --async-window} publishes not
 *     yet completed: written at QoS 0, PUBACKed at QoS 1) allows; messages per second counted at the subscriber, from
 *     the first measured publish to the last measured receive. {@code --throughput-count} messages at QoS 0,
 *     {@code --persistent-count} at QoS 1.</li>
 *     <li>{@code shape=pingpong}: one message in flight: the publisher sends the next only once the subscriber has
 *     received the previous one; the latency is from just before {@code publish} to the subscriber's callback (the
 *     send time travels in the payload; both clients are in this JVM). {@code --pingpong-count} messages.</li>
 * </ul>
 * Every payload carries its sequence number; the subscriber marks each one, so the result says how many distinct
 * messages arrived ({@code received}), how many were {@code missing} and how many came twice ({@code duplicates}).
 * Status is {@code ok} only with none missing.
 */
final class MqttPublish
{
    /** The QoS levels measured. */
    static final int[] QOS_LEVELS = {0, 1};

    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final int HEADER = 16;

    private MqttPublish()
    {
    }

    static List<Result> run(final JmsProvider provider, final String uri, final WorkloadSettings settings)
        throws MqttException, InterruptedException
    {
        final List<Result> results = new ArrayList<>();
        for (final int qos : QOS_LEVELS)
        {
            results.add(throughput(provider, uri, settings, qos));
        }
        for (final int qos : QOS_LEVELS)
        {
            results.add(pingPong(provider, uri, settings, qos));
        }
        return results;
    }

    private static Result throughput(
        final JmsProvider provider, final String uri, final WorkloadSettings settings, final int qos)
        throws MqttException, InterruptedException
    {
        final int warmup = qos == 0 ? settings.throughputWarmup() : settings.persistentWarmup();
        final int count = qos == 0 ? settings.throughputCount() : settings.persistentCount();
        final String topic = topic("throughput");
        try (Subscriber subscriber = Subscriber.start(uri, topic, qos);
            Publisher publisher = Publisher.connect(uri, settings.asyncWindow()))
        {
            final long warmed = publisher.publish(topic, qos, 0, warmup, settings.throughputSize(),
                settings.maxWarmupNs(), settings.timeoutNs());
            subscriber.awaitCount(warmed, System.nanoTime() + settings.maxWarmupNs() + settings.timeoutNs());

            final long startNs = System.nanoTime();
            final long sent = publisher.publish(topic, qos, warmed, count, settings.throughputSize(),
                settings.maxMeasureNs(), settings.timeoutNs());
            subscriber.awaitCount(warmed + sent, System.nanoTime() + settings.timeoutNs());
            final long received = subscriber.distinctIn(warmed, warmed + sent);

            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("msgs_per_s", Latencies.perSecond(received, subscriber.lastReceiveNs() - startNs));
            return result(provider, qos, "throughput", settings, figures, info(provider, qos, sent, received,
                subscriber));
        }
    }

    private static Result pingPong(
        final JmsProvider provider, final String uri, final WorkloadSettings settings, final int qos)
        throws MqttException, InterruptedException
    {
        final String topic = topic("pingpong");
        try (Subscriber subscriber = Subscriber.start(uri, topic, qos);
            Publisher publisher = Publisher.connect(uri, settings.asyncWindow()))
        {
            final long warmed = publisher.pingPong(subscriber, topic, qos, 0, settings.pingpongWarmup(),
                settings.throughputSize(), settings.maxWarmupNs(), settings.timeoutNs());
            subscriber.resetLatencies();
            final long sent = publisher.pingPong(subscriber, topic, qos, warmed, settings.pingpongCount(),
                settings.throughputSize(), settings.maxMeasureNs(), settings.timeoutNs());
            subscriber.awaitCount(warmed + sent, System.nanoTime() + settings.timeoutNs());
            final long received = subscriber.distinctIn(warmed, warmed + sent);

            final Map<String, Double> figures = new LinkedHashMap<>();
            Latencies.putPercentiles("", subscriber.latencies, figures);
            return result(provider, qos, "pingpong", settings, figures, info(provider, qos, sent, received,
                subscriber));
        }
    }

    private static String topic(final String shape)
    {
        return "perf/mqtt-" + shape + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A result on channel {@code tcp}: MQTT clients reach every provider over TCP, whatever its JMS channel.
     */
    private static Result result(final JmsProvider provider, final int qos, final String shape,
        final WorkloadSettings settings, final Map<String, Double> figures, final Map<String, String> info)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("qos", Integer.toString(qos));
        params.put("shape", shape);
        params.put("size", Integer.toString(settings.throughputSize()));
        return new Result(Workload.MQTT.workloadName(), provider.name(), "tcp", params, figures, info);
    }

    private static Map<String, String> info(
        final JmsProvider provider, final int qos, final long sent, final long received, final Subscriber subscriber)
    {
        final Map<String, String> info = new LinkedHashMap<>();
        if (qos > 0)
        {
            info.put("durability", provider.durability());
        }
        info.put("sent", Long.toString(sent));
        info.put("received", Long.toString(received));
        info.put("missing", Long.toString(sent - received));
        info.put("duplicates", Long.toString(subscriber.duplicates()));
        info.put("status", sent == received && null == subscriber.failure.get() ? "ok" : "incomplete");
        if (null != subscriber.failure.get())
        {
            info.put("error", subscriber.failure.get().toString().replace(' ', '_'));
        }
        return info;
    }

    private static MqttAsyncClient connect(
        final String uri, final String clientId, final boolean cleanSession, final int maxInflight,
        final MqttCallback callback)
        throws MqttException
    {
        final MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        if (null != callback)
        {
            client.setCallback(callback);
        }
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setMaxInflight(maxInflight);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(60);
        client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MS);
        return client;
    }

    private static void closeQuietly(final MqttAsyncClient client)
    {
        try
        {
            if (client.isConnected())
            {
                client.disconnect().waitForCompletion(CONNECT_TIMEOUT_MS);
            }
        }
        catch (final MqttException ex)
        {
            // Closing anyway below.
        }
        try
        {
            client.close(true);
        }
        catch (final MqttException ex)
        {
            // Nothing more to release.
        }
    }

    /**
     * The subscribing side: marks every sequence number it receives and records latencies from the send time in the
     * payload. Written by Paho's callback thread, read by the tool's thread after it has seen the count it waits for.
     */
    private static final class Subscriber implements MqttCallback, AutoCloseable
    {
        private final BitSet seen = new BitSet();
        private final Histogram latencies = Latencies.newHistogram();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Semaphore arrivals = new Semaphore(0);
        private final String topic;
        private final boolean persistentSession;
        private MqttAsyncClient client;
        private long received;
        private long duplicates;
        private volatile long lastReceiveNs;

        private Subscriber(final String topic, final boolean persistentSession)
        {
            this.topic = topic;
            this.persistentSession = persistentSession;
        }

        static Subscriber start(final String uri, final String topic, final int qos) throws MqttException
        {
            final Subscriber subscriber = new Subscriber(topic, qos > 0);
            subscriber.client = connect(uri, "perf-sub-" + UUID.randomUUID().toString().substring(0, 12),
                !subscriber.persistentSession, 10, subscriber);
            try
            {
                final IMqttToken token = subscriber.client.subscribe(topic, qos);
                token.waitForCompletion(CONNECT_TIMEOUT_MS);
                final int granted = token.getGrantedQos()[0];
                if (granted != qos)
                {
                    throw new MqttException(new IllegalStateException(
                        "subscription to " + topic + " at QoS " + qos + " was granted " + granted));
                }
            }
            catch (final MqttException ex)
            {
                closeQuietly(subscriber.client);
                throw ex;
            }
            return subscriber;
        }

        @Override
        public void messageArrived(final String ignored, final MqttMessage message)
        {
            final long nowNs = System.nanoTime();
            final ByteBuffer payload = ByteBuffer.wrap(message.getPayload());
            final int sequence = (int)payload.getLong(0);
            final long sentNs = payload.getLong(8);
            synchronized (this)
            {
                if (seen.get(sequence))
                {
                    duplicates++;
                }
                else
                {
                    seen.set(sequence);
                    received++;
                }
                Latencies.record(latencies, nowNs - sentNs);
            }
            lastReceiveNs = nowNs;
            arrivals.release();
        }

        @Override
        public void connectionLost(final Throwable cause)
        {
            failure.compareAndSet(null, cause);
            arrivals.release(Integer.MAX_VALUE / 2);
        }

        @Override
        public void deliveryComplete(final IMqttDeliveryToken token)
        {
            // The subscriber publishes nothing.
        }

        /**
         * Waits for one more arrival.
         *
         * @return false at the timeout.
         */
        boolean awaitOne(final long timeoutNs) throws InterruptedException
        {
            return arrivals.tryAcquire(timeoutNs, TimeUnit.NANOSECONDS);
        }

        /**
         * Waits until {@code count} distinct messages have arrived, or the deadline, or the connection is lost.
         */
        void awaitCount(final long count, final long deadlineNs) throws InterruptedException
        {
            while (received() < count && null == failure.get())
            {
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0 || !arrivals.tryAcquire(Math.min(remainingNs, 100_000_000L),
                    TimeUnit.NANOSECONDS) && System.nanoTime() >= deadlineNs)
                {
                    return;
                }
            }
        }

        synchronized void resetLatencies()
        {
            latencies.reset();
        }

        synchronized long received()
        {
            return received;
        }

        synchronized long duplicates()
        {
            return duplicates;
        }

        synchronized long distinctIn(final long from, final long to)
        {
            return seen.get((int)from, (int)to).cardinality();
        }

        long lastReceiveNs()
        {
            return lastReceiveNs;
        }

        @Override
        public void close()
        {
            try
            {
                if (client.isConnected() && persistentSession)
                {
                    // Leaves no subscription (and no queued messages) behind in the broker.
                    client.unsubscribe(topic).waitForCompletion(CONNECT_TIMEOUT_MS);
                }
            }
            catch (final MqttException ex)
            {
                // Disconnecting anyway.
            }
            closeQuietly(client);
        }
    }

    /**
     * The publishing side: at most {@code window} publishes not yet completed (written at QoS 0, PUBACKed at QoS 1).
     */
    private static final class Publisher implements IMqttActionListener, AutoCloseable
    {
        private final MqttAsyncClient client;
        private final Semaphore window;
        private final int windowSize;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Publisher(final MqttAsyncClient client, final int windowSize)
        {
            this.client = client;
            this.windowSize = windowSize;
            this.window = new Semaphore(windowSize);
        }

        static Publisher connect(final String uri, final int window) throws MqttException
        {
            return new Publisher(
                MqttPublish.connect(uri, "perf-pub-" + UUID.randomUUID().toString().substring(0, 12), true,
                    2 * window, null), window);
        }

        /**
         * Publishes up to {@code count} messages numbered from {@code first}, stopping early at the time cap; waits
         * for all of them to complete.
         *
         * @return how many were published.
         */
        long publish(final String topic, final int qos, final long first, final long count, final int size,
            final long capNs, final long timeoutNs)
            throws MqttException, InterruptedException
        {
            final long startNs = System.nanoTime();
            long sent = 0;
            while (sent < count && ((sent & 0xFF) != 0 || System.nanoTime() - startNs < capNs))
            {
                send(topic, qos, first + sent, size, timeoutNs);
                sent++;
            }
            drain(timeoutNs);
            return sent;
        }

        /**
         * Publishes up to {@code count} messages one at a time, each once the subscriber has the previous one.
         *
         * @return how many were published.
         */
        long pingPong(final Subscriber subscriber, final String topic, final int qos, final long first,
            final long count, final int size, final long capNs, final long timeoutNs)
            throws MqttException, InterruptedException
        {
            final long startNs = System.nanoTime();
            long sent = 0;
            while (sent < count && System.nanoTime() - startNs < capNs)
            {
                send(topic, qos, first + sent, size, timeoutNs);
                sent++;
                if (!subscriber.awaitOne(timeoutNs) || null != subscriber.failure.get())
                {
                    break;
                }
            }
            drain(timeoutNs);
            return sent;
        }

        private void send(final String topic, final int qos, final long sequence, final int size,
            final long timeoutNs)
            throws MqttException, InterruptedException
        {
            if (!window.tryAcquire(timeoutNs, TimeUnit.NANOSECONDS))
            {
                throw new MqttException(new IllegalStateException(
                    "no publish completed in " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s"));
            }
            checkFailure();
            final byte[] payload = new byte[Math.max(HEADER, size)];
            final ByteBuffer buffer = ByteBuffer.wrap(payload);
            buffer.putLong(0, sequence);
            buffer.putLong(8, System.nanoTime());
            final MqttMessage message = new MqttMessage(payload);
            message.setQos(qos);
            client.publish(topic, message, null, this);
        }

        private void drain(final long timeoutNs) throws MqttException, InterruptedException
        {
            if (!window.tryAcquire(windowSize, timeoutNs, TimeUnit.NANOSECONDS))
            {
                throw new MqttException(new IllegalStateException(
                    (windowSize - window.availablePermits()) + " publishes not completed in " +
                    TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s"));
            }
            window.release(windowSize);
            checkFailure();
        }

        private void checkFailure() throws MqttException
        {
            final Throwable cause = failure.get();
            if (null != cause)
            {
                throw cause instanceof MqttException ? (MqttException)cause : new MqttException(cause);
            }
        }

        @Override
        public void onSuccess(final IMqttToken token)
        {
            window.release();
        }

        @Override
        public void onFailure(final IMqttToken token, final Throwable cause)
        {
            failure.compareAndSet(null, cause);
            window.release();
        }

        @Override
        public void close()
        {
            closeQuietly(client);
        }
    }
}
