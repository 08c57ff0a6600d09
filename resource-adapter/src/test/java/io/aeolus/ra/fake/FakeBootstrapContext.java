package io.aeolus.ra.fake;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest container: a work manager on a thread pool.
 */
public final class FakeBootstrapContext implements BootstrapContext, AutoCloseable
{
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(
        (task) -> new Thread(task, "fake-work-" + threads.incrementAndGet()));
    private final WorkManager workManager = new WorkManager()
    {
        @Override
        public void doWork(final Work work)
        {
            work.run();
        }

        @Override
        public void doWork(final Work work, final long startTimeout, final ExecutionContext ctx,
            final WorkListener listener)
        {
            work.run();
        }

        @Override
        public long startWork(final Work work) throws WorkException
        {
            scheduleWork(work);
            return 0;
        }

        @Override
        public long startWork(final Work work, final long startTimeout, final ExecutionContext ctx,
            final WorkListener listener) throws WorkException
        {
            scheduleWork(work);
            return 0;
        }

        @Override
        public void scheduleWork(final Work work) throws WorkException
        {
            try
            {
                executor.execute(work);
            }
            catch (final RejectedExecutionException ex)
            {
                throw new WorkException("the fake container is shut down", ex);
            }
        }

        @Override
        public void scheduleWork(final Work work, final long startTimeout, final ExecutionContext ctx,
            final WorkListener listener) throws WorkException
        {
            scheduleWork(work);
        }
    };

    @Override
    public WorkManager getWorkManager()
    {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator()
    {
        return null;
    }

    @Override
    public Timer createTimer()
    {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(final Class<? extends WorkContext> workContextClass)
    {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry()
    {
        return null;
    }

    @Override
    public void close() throws InterruptedException
    {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
