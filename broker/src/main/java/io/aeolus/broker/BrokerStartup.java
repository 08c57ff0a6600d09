package io.aeolus.broker;

import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.journal.DiskSpaceGuard;
import io.aeolus.store.H2Journal;
import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.Aeron;
import io.aeron.Subscription;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a broker's start opens from its {@link Broker.Context}: the ingress subscriptions, the embedded media driver
 * and the journal.
 */
final class BrokerStartup
{
    private BrokerStartup()
    {
    }

    static List<Subscription> addIngress(final Broker.Context ctx, final Aeron aeronClient)
    {
        final List<Subscription> ingress = new ArrayList<>();
        if (ctx.ipcEnabled)
        {
            ingress.add(aeronClient.addSubscription("aeron:ipc", TransportConfiguration.INGRESS_STREAM_ID));
        }
        if (null != ctx.udpEndpoint)
        {
            ingress.add(aeronClient.addSubscription(
                "aeron:udp?endpoint=" + ctx.udpEndpoint, TransportConfiguration.INGRESS_STREAM_ID));
        }
        return ingress;
    }

    static EmbeddedMediaDriver launchDriver(
        final Broker.Context ctx, final ErrorHandler errorHandler, final DataDirectoryLock dataLock)
    {
        try
        {
            return ctx.embeddedDriver ?
                EmbeddedMediaDriver.launch(ctx.aeronDirectoryName, ctx.termLength, ctx.deleteAeronDirOnClose,
                errorHandler, ctx.driverIdleStrategy()) :
                null;
        }
        catch (final RuntimeException ex)
        {
            dataLock.close();
            throw ex;
        }
    }

    static Path cleanShutdownMarker(final Broker.Context ctx)
    {
        return ctx.dataDirectory.resolve("aeolus.clean-shutdown");
    }

    static BrokerJournal openJournal(final Broker.Context ctx, final ErrorHandler errorHandler) throws IOException
    {
        if (!"h2".equals(ctx.persistence))
        {
            return BrokerJournal.inMemory();
        }
        final H2Journal.Context journalContext = new H2Journal.Context()
            .durability(ctx.journalDurability)
            .maxBatchSize(ctx.journalMaxBatch)
            .errorHandler(errorHandler);
        if (ctx.journalJdbcUrl.isEmpty())
        {
            Files.createDirectories(ctx.dataDirectory);
            ctx.journalExisted = Files.exists(ctx.dataDirectory.resolve("aeolus.mv.db"));
            journalContext.dataDirectory(ctx.dataDirectory);
        }
        else
        {
            ctx.journalExisted = true;
            journalContext.dataDirectory((Path)null).jdbcUrl(ctx.journalJdbcUrl);
        }
        final BrokerJournal journal = BrokerJournal.openH2(journalContext, errorHandler);
        if (ctx.journalJdbcUrl.isEmpty() && ctx.journalMinFreeDisk > 0)
        {
            journal.diskSpaceGuard(new DiskSpaceGuard(ctx.dataDirectory, ctx.journalMinFreeDisk,
                BrokerConfiguration.JOURNAL_MIN_FREE_DISK.propertyName()));
        }
        return journal;
    }
}
