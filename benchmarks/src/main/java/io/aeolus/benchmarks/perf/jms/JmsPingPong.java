package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Request/reply with one request in flight: a requester sends a non-persistent request to a queue and waits for
 * the reply on another; a responder on its own connection and thread answers each. Records round-trip times.
 */
final class JmsPingPong
{
    private JmsPingPong()
    {
    }

    static Result run(final JmsProvider provider, final WorkloadSettings settings) throws JMSException
    {
        final String pingName = Messages.uniqueName("ping");
        final String pongName = Messages.uniqueName("pong");
        final Connection requester = provider.factory().createConnection();
        final Responder responder;
        try
        {
            responder = Responder.start(provider, pingName, pongName, settings.pingpongSize());
        }
        catch (final JMSException | RuntimeException ex)
        {
            Messages.closeQuietly(requester);
            throw ex;
        }
        try
        {
            final Session session = requester.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(pingName));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            final MessageConsumer replies = session.createConsumer(session.createQueue(pongName));
            requester.start();
            final BytesMessage request = Messages.bytes(session, settings.pingpongSize());
            final long timeoutMs = TimeUnit.NANOSECONDS.toMillis(settings.timeoutNs());

            roundTrips(producer, replies, request, settings.pingpongWarmup(), settings.maxWarmupNs(), timeoutMs, null);
            final Histogram rtt = Latencies.newHistogram();
            final long measured = roundTrips(
                producer, replies, request, settings.pingpongCount(), settings.maxMeasureNs(), timeoutMs, rtt);
            responder.throwIfFailed();

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
            Messages.closeQuietly(requester);
            responder.close();
        }
    }

    private static long roundTrips(
        final MessageProducer producer,
        final MessageConsumer replies,
        final BytesMessage request,
        final int count,
        final long capNs,
        final long timeoutMs,
        final Histogram rtt) throws JMSException
    {
        final long startNs = System.nanoTime();
        long done = 0;
        while (done < count && System.nanoTime() - startNs < capNs)
        {
            final long sentNs = System.nanoTime();
            producer.send(request);
            final Message reply = replies.receive(timeoutMs);
            final long receivedNs = System.nanoTime();
            if (null == reply)
            {
                throw new JMSException("no reply within " + timeoutMs + " ms after " + done + " round trips");
            }
            if (null != rtt)
            {
                Latencies.record(rtt, receivedNs - sentNs);
            }
            done++;
        }
        return done;
    }

    /**
     * Answers every request with a reply of the same size, on its own connection and thread.
     */
    private static final class Responder implements AutoCloseable
    {
        private final Connection connection;
        private final MessageConsumer requests;
        private final MessageProducer producer;
        private final BytesMessage reply;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        private Responder(
            final Connection connection,
            final MessageConsumer requests,
            final MessageProducer producer,
            final BytesMessage reply)
        {
            this.connection = connection;
            this.requests = requests;
            this.producer = producer;
            this.reply = reply;
            this.thread = new Thread(this::answerLoop, "perf-responder");
            this.thread.setDaemon(true);
        }

        static Responder start(
            final JmsProvider provider, final String pingName, final String pongName, final int size)
            throws JMSException
        {
            final Connection connection = provider.factory().createConnection();
            try
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageConsumer requests = session.createConsumer(session.createQueue(pingName));
                final MessageProducer producer = session.createProducer(session.createQueue(pongName));
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                final BytesMessage reply = Messages.bytes(session, size);
                connection.start();
                final Responder responder = new Responder(connection, requests, producer, reply);
                responder.thread.start();
                return responder;
            }
            catch (final JMSException | RuntimeException ex)
            {
                Messages.closeQuietly(connection);
                throw ex;
            }
        }

        void throwIfFailed() throws JMSException
        {
            final Exception cause = failure;
            if (null != cause)
            {
                final JMSException ex = new JMSException("responder failed: " + cause);
                ex.initCause(cause);
                throw ex;
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
            Messages.closeQuietly(connection);
        }

        private void answerLoop()
        {
            try
            {
                while (running)
                {
                    if (null != requests.receive(100))
                    {
                        producer.send(reply);
                    }
                }
            }
            catch (final JMSException | RuntimeException ex)
            {
                if (running)
                {
                    failure = ex;
                }
            }
        }
    }
}
