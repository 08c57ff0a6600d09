package io.aeolus.benchmarks.perf.aeron;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ping-pong on bare Aeron: the requester offers a message on the ping stream and polls the pong stream for the
 * echo, which a responder thread offers back as soon as it polls the ping. One message in flight; round-trip
 * times. The same shape as the JMS ping-pong, minus the broker in the middle (two hops instead of four).
 */
final class AeronPingPong
{
    private AeronPingPong()
    {
    }

    static Result run(final RawAeronProvider provider, final WorkloadSettings settings)
    {
        final String pingChannel = provider.newChannel();
        final String pongChannel = provider.newChannel();
        final int pingStream = provider.newStreamId();
        final int pongStream = provider.newStreamId();
        final Publication ping = provider.senderAeron().addPublication(pingChannel, pingStream);
        final Subscription pong = provider.senderAeron().addSubscription(pongChannel, pongStream);
        final Echo echo = new Echo(provider, provider.receiverAeron().addSubscription(pingChannel, pingStream),
            provider.receiverAeron().addPublication(pongChannel, pongStream));
        try
        {
            awaitConnected(ping, pong, settings.timeoutNs());
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(settings.pingpongSize()));
            final IdleStrategy idle = provider.newIdleStrategy();
            final long[] replies = new long[1];
            final FragmentHandler onReply = (replyBuffer, offset, length, header) -> replies[0]++;

            roundTrips(ping, pong, buffer, idle, onReply, replies, settings.pingpongWarmup(), settings.maxWarmupNs(),
                settings.timeoutNs(), null);
            final Histogram rtt = Latencies.newHistogram();
            final long measured = roundTrips(ping, pong, buffer, idle, onReply, replies, settings.pingpongCount(),
                settings.maxMeasureNs(), settings.timeoutNs(), rtt);
            echo.throwIfFailed();

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("size", Integer.toString(settings.pingpongSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            Latencies.putPercentiles("", rtt, figures);
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("round_trips", Long.toString(measured));
            return provider.result(Workload.PINGPONG, params, figures, info);
        }
        finally
        {
            echo.close();
            CloseHelper.quietCloseAll(ping, pong);
        }
    }

    private static long roundTrips(
        final Publication ping,
        final Subscription pong,
        final UnsafeBuffer buffer,
        final IdleStrategy idle,
        final FragmentHandler onReply,
        final long[] replies,
        final long count,
        final long capNs,
        final long timeoutNs,
        final Histogram rtt)
    {
        final long startNs = System.nanoTime();
        long done = 0;
        while (done < count && System.nanoTime() - startNs < capNs)
        {
            final long sentNs = System.nanoTime();
            buffer.putLong(0, done);
            RawAeronProvider.offer(ping, buffer, buffer.capacity(), idle, timeoutNs);
            final long expected = replies[0] + 1;
            while (replies[0] < expected)
            {
                final int fragments = pong.poll(onReply, 1);
                if (fragments == 0 && System.nanoTime() - sentNs > timeoutNs)
                {
                    throw new IllegalStateException("no echo within " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) +
                        " ms after " + done + " round trips");
                }
                idle.idle(fragments);
            }
            if (null != rtt)
            {
                Latencies.record(rtt, System.nanoTime() - sentNs);
            }
            done++;
        }
        return done;
    }

    static void awaitConnected(final Publication publication, final Subscription subscription, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!publication.isConnected() || !subscription.isConnected())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("Aeron streams did not connect: " + publication.channel());
            }
            Thread.yield();
        }
    }

    /**
     * The responder: polls the ping stream and offers every message back on the pong stream.
     */
    private static final class Echo implements AutoCloseable
    {
        private final Subscription requests;
        private final Publication replies;
        private final IdleStrategy idle;
        private final IdleStrategy offerIdle;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile RuntimeException failure;

        Echo(final RawAeronProvider provider, final Subscription requests, final Publication replies)
        {
            this.requests = requests;
            this.replies = replies;
            this.idle = provider.newIdleStrategy();
            this.offerIdle = provider.newIdleStrategy();
            this.thread = new Thread(this::echoLoop, "perf-aeron-echo");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        void throwIfFailed()
        {
            if (null != failure)
            {
                throw new IllegalStateException("echo failed: " + failure, failure);
            }
        }

        @Override
        public void close()
        {
            running = false;
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            CloseHelper.quietCloseAll(requests, replies);
        }

        private void echoLoop()
        {
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                while (true)
                {
                    final long position = replies.offer(buffer, offset, length);
                    if (position > 0)
                    {
                        offerIdle.reset();
                        return;
                    }
                    if (position == Publication.CLOSED || !running)
                    {
                        return;
                    }
                    offerIdle.idle();
                }
            };
            try
            {
                while (running)
                {
                    idle.idle(requests.poll(handler, RawAeronProvider.FRAGMENT_LIMIT));
                }
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }
    }
}
