package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * XA two-phase commits from T threads, each on its own {@link XAConnection} and {@link XASession} from the provider's
 * {@code XAConnectionFactory}, as a transaction manager drives a resource: per transaction a new Xid, {@code start},
 * one persistent send to a queue, {@code end(TMSUCCESS)}, {@code prepare} (which must answer {@code XA_OK}) and
 * {@code commit(xid, false)}. Commits per second over all threads and the latency of one whole transaction, from
 * {@code start} to the return of {@code commit}.
 *
 * The shape is the sending side of an application-server transaction (a bean sends inside a container transaction);
 * nothing consumes while it is measured. With {@code --xa-receive} each branch first receives one message from an
 * input queue of its thread's own, filled beforehand (one per thread, so that one consumer's prefetch cannot starve
 * another), as a message-driven bean that forwards does. Afterwards the queues are drained
 * outside any transaction: the output must hold exactly the committed messages (warm-up included) and the input
 * exactly what was not consumed, or the run fails.
 */
final class JmsXaCommits
{
    private static final int DRAIN_BATCH = 256;
    private static final long DRAIN_QUIET_MS = 500;

    private JmsXaCommits()
    {
    }

    static List<Result> run(final JmsProvider provider, final WorkloadSettings settings) throws Exception
    {
        if (null == provider.xaFactory())
        {
            throw new IllegalArgumentException(provider.name() + " has no XAConnectionFactory: xa does not apply");
        }
        final List<Result> results = new ArrayList<>();
        for (final int threads : settings.xaThreads())
        {
            results.add(runOnce(provider, settings, threads));
        }
        return results;
    }

    private static Result runOnce(final JmsProvider provider, final WorkloadSettings settings, final int threads)
        throws Exception
    {
        final String queueName = Messages.uniqueName("xa");
        final String inputBase = settings.xaReceive() ? Messages.uniqueName("xa-in") : null;
        final long run = ThreadLocalRandom.current().nextLong();
        final long[] startNs = new long[1];
        final CyclicBarrier start = new CyclicBarrier(threads, () -> startNs[0] = System.nanoTime());
        final List<Brancher> branchers = new ArrayList<>();
        try
        {
            for (int i = 0; i < threads; i++)
            {
                final String inputName = null == inputBase ? null : inputBase + "-" + i;
                branchers.add(new Brancher(provider, queueName, inputName, settings, threads, start, run, i));
            }
            for (final Brancher brancher : branchers)
            {
                brancher.thread.start();
            }
            final Histogram transactionLatency = Latencies.newHistogram();
            long measured = 0;
            long committed = 0;
            long endNs = 0;
            Brancher.joinAll(branchers);
            for (final Brancher brancher : branchers)
            {
                transactionLatency.add(brancher.latency);
                measured += brancher.measured;
                committed += brancher.committed;
                endNs = Math.max(endNs, brancher.endNs);
            }
            for (final Brancher brancher : branchers)
            {
                Messages.closeQuietly(brancher.connection);
            }
            final long queued = verify(
                provider, queueName, branchers, perThread(settings, threads), committed, settings.timeoutNs());

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("threads", Integer.toString(threads));
            params.put("size", Integer.toString(settings.persistentSize()));
            params.put("shape", null == inputBase ? "send" : "receive-send");
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("commits_per_s", Latencies.perSecond(measured, endNs - startNs[0]));
            Latencies.putPercentiles("tx_", transactionLatency, figures);
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("transactions", Long.toString(measured));
            info.put("committed", Long.toString(committed));
            info.put("queued", Long.toString(queued));
            info.put("xa_factory", provider.xaFactory().getClass().getSimpleName());
            info.put("durability", provider.durability());
            return provider.result(Workload.XA, params, figures, info);
        }
        finally
        {
            for (final Brancher brancher : branchers)
            {
                Messages.closeQuietly(brancher.connection);
            }
        }
    }

    private static long perThread(final WorkloadSettings settings, final int threads)
    {
        return Math.max(1, settings.xaWarmup() / threads) + Math.max(1, settings.xaCount() / threads);
    }

    /**
     * Drains the queues: the output must hold exactly the committed messages, each input exactly what its thread did
     * not receive in a committed transaction.
     *
     * @return how many messages the output queue held.
     */
    private static long verify(
        final JmsProvider provider,
        final String queueName,
        final List<Brancher> branchers,
        final long filled,
        final long committed,
        final long timeoutNs) throws JMSException
    {
        final long queued = drain(provider, queueName, committed, timeoutNs);
        if (queued != committed)
        {
            throw new IllegalStateException("xa: " + committed + " transactions committed but the queue held " +
                queued + " messages");
        }
        for (final Brancher brancher : branchers)
        {
            if (null != brancher.inputName)
            {
                final long left = drain(provider, brancher.inputName, filled - brancher.committed, timeoutNs);
                if (left != filled - brancher.committed)
                {
                    throw new IllegalStateException("xa: " + brancher.committed + " of " + filled + " messages " +
                        "received in committed transactions but " + brancher.inputName + " still held " + left);
                }
            }
        }
        return queued;
    }

    /**
     * Fills the input queue with persistent messages in local transactions.
     *
     * @return how many it sent.
     */
    private static long fill(
        final JmsProvider provider, final String queueName, final long count, final WorkloadSettings settings)
        throws JMSException
    {
        final Connection connection = provider.factory().createConnection();
        try
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            final BytesMessage message = Messages.bytes(session, settings.persistentSize());
            for (long i = 1; i <= count; i++)
            {
                producer.send(message);
                if (i % DRAIN_BATCH == 0)
                {
                    session.commit();
                }
            }
            session.commit();
            return count;
        }
        finally
        {
            Messages.closeQuietly(connection);
        }
    }

    /**
     * Receives everything on the queue in local transactions until {@code expected} messages came and then nothing
     * more for a while (or nothing for the stall timeout).
     *
     * @return how many messages the queue held.
     */
    private static long drain(
        final JmsProvider provider, final String queueName, final long expected, final long timeoutNs)
        throws JMSException
    {
        final Connection connection = provider.factory().createConnection();
        try
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
            long received = 0;
            while (true)
            {
                final long waitMs = received < expected ? TimeUnit.NANOSECONDS.toMillis(timeoutNs) : DRAIN_QUIET_MS;
                if (null == consumer.receive(Math.max(1, waitMs)))
                {
                    break;
                }
                received++;
                if (received % DRAIN_BATCH == 0)
                {
                    session.commit();
                }
            }
            session.commit();
            return received;
        }
        finally
        {
            Messages.closeQuietly(connection);
        }
    }

    /**
     * One thread of transactions: warms up, waits for the others at the barrier, then runs its share of the measured
     * count.
     */
    private static final class Brancher
    {
        private final XAConnection connection;
        private final XAResource resource;
        private final MessageProducer producer;
        private final MessageConsumer consumer;
        private final String inputName;
        private final BytesMessage message;
        private final WorkloadSettings settings;
        private final int threads;
        private final CyclicBarrier start;
        private final long run;
        private final int index;
        private final Histogram latency = Latencies.newHistogram();
        private final Thread thread;
        private volatile Exception failure;
        private long sequence;
        private long committed;
        private long measured;
        private long endNs;

        Brancher(
            final JmsProvider provider,
            final String queueName,
            final String inputName,
            final WorkloadSettings settings,
            final int threads,
            final CyclicBarrier start,
            final long run,
            final int index) throws JMSException
        {
            this.connection = provider.xaFactory().createXAConnection();
            if (null != inputName)
            {
                fill(provider, inputName, perThread(settings, threads), settings);
            }
            final XASession session = connection.createXASession();
            this.resource = session.getXAResource();
            this.producer = session.createProducer(session.createQueue(queueName));
            this.producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            this.consumer = null == inputName ? null : session.createConsumer(session.createQueue(inputName));
            this.inputName = inputName;
            this.message = Messages.bytes(session, settings.persistentSize());
            if (null != consumer)
            {
                connection.start();
            }
            this.settings = settings;
            this.threads = threads;
            this.start = start;
            this.run = run;
            this.index = index;
            this.thread = new Thread(this::commitAll, "perf-xa-" + index);
            this.thread.setDaemon(true);
        }

        /**
         * Waits for every thread, then throws the first failure that is not another thread's broken barrier.
         */
        static void joinAll(final List<Brancher> branchers) throws Exception
        {
            Exception first = null;
            for (final Brancher brancher : branchers)
            {
                brancher.thread.join();
                final Exception failure = brancher.failure;
                if (null != failure && (null == first || first instanceof BrokenBarrierException))
                {
                    first = failure;
                }
            }
            if (null != first)
            {
                throw first;
            }
        }

        private void commitAll()
        {
            try
            {
                transactions(Math.max(1, settings.xaWarmup() / threads), settings.maxWarmupNs(), null);
                start.await(settings.timeoutNs() + settings.maxWarmupNs(), TimeUnit.NANOSECONDS);
                measured = transactions(Math.max(1, settings.xaCount() / threads), settings.maxMeasureNs(), latency);
                endNs = System.nanoTime();
            }
            catch (final JMSException | XAException | RuntimeException | InterruptedException |
                BrokenBarrierException | TimeoutException ex)
            {
                failure = ex instanceof XAException ? describe((XAException)ex) : ex;
                start.reset();
            }
        }

        private long transactions(final long count, final long capNs, final Histogram histogram)
            throws JMSException, XAException
        {
            final long beginNs = System.nanoTime();
            long done = 0;
            while (done < count && System.nanoTime() - beginNs < capNs)
            {
                final PerfXid xid = new PerfXid(run, index, sequence++);
                final long transactionNs = System.nanoTime();
                resource.start(xid, XAResource.TMNOFLAGS);
                if (null != consumer && null == consumer.receive(TimeUnit.NANOSECONDS.toMillis(settings.timeoutNs())))
                {
                    throw new IllegalStateException("xa: nothing to receive in " + xid + " within --timeout-seconds");
                }
                producer.send(message);
                resource.end(xid, XAResource.TMSUCCESS);
                final int vote = resource.prepare(xid);
                if (XAResource.XA_OK != vote)
                {
                    throw new IllegalStateException("prepare of " + xid + " with one send answered " + vote +
                        " instead of XA_OK");
                }
                resource.commit(xid, false);
                if (null != histogram)
                {
                    Latencies.record(histogram, System.nanoTime() - transactionNs);
                }
                committed++;
                done++;
            }
            return done;
        }

        private static Exception describe(final XAException ex)
        {
            return new IllegalStateException(
                "XA call failed with errorCode " + ex.errorCode + ": " + ex.getMessage(), ex);
        }
    }
}
