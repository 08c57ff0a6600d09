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
 * nothing consumes while it is measured. Afterwards the queue is drained outside any transaction and must hold
 * exactly the committed messages, warm-up included: the run fails otherwise.
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
        final long run = ThreadLocalRandom.current().nextLong();
        final long[] startNs = new long[1];
        final CyclicBarrier start = new CyclicBarrier(threads, () -> startNs[0] = System.nanoTime());
        final List<Brancher> branchers = new ArrayList<>();
        try
        {
            for (int i = 0; i < threads; i++)
            {
                branchers.add(new Brancher(provider, queueName, settings, threads, start, run, i));
            }
            for (final Brancher brancher : branchers)
            {
                brancher.thread.start();
            }
            final Histogram transactionLatency = Latencies.newHistogram();
            long measured = 0;
            long committed = 0;
            long endNs = 0;
            for (final Brancher brancher : branchers)
            {
                brancher.join();
                transactionLatency.add(brancher.latency);
                measured += brancher.measured;
                committed += brancher.committed;
                endNs = Math.max(endNs, brancher.endNs);
            }
            final long queued = drain(provider, queueName, committed, settings.timeoutNs());
            if (queued != committed)
            {
                throw new IllegalStateException("xa: " + committed + " transactions committed but the queue held " +
                    queued + " messages");
            }

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("threads", Integer.toString(threads));
            params.put("size", Integer.toString(settings.persistentSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("commits_per_s", Latencies.perSecond(measured, endNs - startNs[0]));
            Latencies.putPercentiles("tx_", transactionLatency, figures);
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("transactions", Long.toString(measured));
            info.put("committed", Long.toString(committed));
            info.put("queued", Long.toString(queued));
            info.put("shape", "start-send-end-prepare-commit");
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
            final WorkloadSettings settings,
            final int threads,
            final CyclicBarrier start,
            final long run,
            final int index) throws JMSException
        {
            this.connection = provider.xaFactory().createXAConnection();
            final XASession session = connection.createXASession();
            this.resource = session.getXAResource();
            this.producer = session.createProducer(session.createQueue(queueName));
            this.producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            this.message = Messages.bytes(session, settings.persistentSize());
            this.settings = settings;
            this.threads = threads;
            this.start = start;
            this.run = run;
            this.index = index;
            this.thread = new Thread(this::commitAll, "perf-xa-" + index);
            this.thread.setDaemon(true);
        }

        void join() throws Exception
        {
            thread.join();
            if (null != failure)
            {
                throw failure;
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
