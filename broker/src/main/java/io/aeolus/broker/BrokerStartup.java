package io.aeolus.broker;

import io.aeolus.broker.conductor.BrokerConductor;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.journal.DiskSpaceGuard;
import io.aeolus.broker.metrics.LatencyMeters;
import io.aeolus.broker.metrics.MetricsEndpoint;
import io.aeolus.broker.mqtt.MqttGateway;
import io.aeolus.store.H2Journal;
import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.LocalWakeUps;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

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

    /**
     * The conductor, waking the embedded driver after the duty cycles that need it ({@link
     * BrokerConductor#needsDriverAfter(int)}).
     */
    static Agent conductorAgent(final BrokerConductor conductor, final EmbeddedMediaDriver driver)
    {
        return null == driver ? conductor :
            LocalWakeUps.wakingAfterWork(conductor, conductor::needsDriverAfter, driver::wake);
    }

    /**
     * Lets clients in this JVM wake the conductor and the embedded driver when they send (see {@link LocalWakeUps}),
     * and the MQTT gateway's event loops wake the conductor when they queue a packet for it.
     */
    static AutoCloseable registerWakeUp(
        final MqttGateway mqttGateway, final EmbeddedMediaDriver driver, final IdleStrategy conductorIdle)
    {
        if (null != mqttGateway)
        {
            mqttGateway.conductorWaker(TransportConfiguration.waker(conductorIdle));
        }
        if (null != driver && driver.isInvoked())
        {
            // The driver's wake-ups (frames the conductor or a client in this JVM sends) wake the conductor.
            driver.invokedBy(TransportConfiguration.waker(conductorIdle));
        }
        return LocalWakeUps.register(TransportConfiguration.waker(conductorIdle), null == driver ? null : driver::wake);
    }

    /**
     * With the metrics endpoint on, the conductor's adapter and the journal thread record latencies into its
     * registry, from their first message: set up before their threads start.
     *
     * @return the registry, or null with the metrics endpoint off.
     */
    static PrometheusMeterRegistry measureLatencies(
        final Broker.Context ctx, final BrokerConductor conductor, final BrokerJournal brokerJournal)
    {
        if (!ctx.metricsSettings.enabled())
        {
            return null;
        }
        final PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
        final LatencyMeters latencies = new LatencyMeters(registry);
        conductor.latencyMeters(latencies);
        FunctionCounter.builder("aeolus.transport.unauthenticated.frames", conductor,
            BrokerConductor::unauthenticatedFrames).description("frames dropped on encrypted connections " +
            "because they failed authentication (tampered, replayed, spoofed or clear)").register(registry);
        brokerJournal.durability().statistics().batchObserver(latencies::onJournalBatch);
        return registry;
    }

    static EmbeddedMediaDriver launchDriver(
        final Broker.Context ctx, final ErrorHandler errorHandler, final DataDirectoryLock dataLock)
    {
        try
        {
            if (!ctx.embeddedDriver)
            {
                return null;
            }
            return driverOnConductor(ctx) ?
                EmbeddedMediaDriver.launchInvoked(ctx.aeronDirectoryName, ctx.termLength, ctx.deleteAeronDirOnClose,
                errorHandler) :
                EmbeddedMediaDriver.launch(ctx.aeronDirectoryName, ctx.termLength, ctx.deleteAeronDirOnClose,
                errorHandler, ctx.driverIdleStrategy());
        }
        catch (final RuntimeException ex)
        {
            dataLock.close();
            throw ex;
        }
    }

    /**
     * Whether the conductor runs the embedded media driver in its duty cycle (Aeron's {@code INVOKER} mode):
     * {@code aeolus.broker.driver.threading=conductor} (not the default), the conductor's idle strategy {@code backoff}
     * (whose Aeron client runs on the conductor too, with a keeper thread that takes over both when the conductor
     * does not run) and no driver idle strategy set apart.
     *
     * @param ctx the broker's settings.
     * @return true for a driver without a thread of its own.
     * @throws IllegalArgumentException naming the option if its value is neither {@code conductor} nor {@code thread}.
     */
    static boolean driverOnConductor(final Broker.Context ctx)
    {
        final String threading = null == ctx.driverThreading ? "thread" : ctx.driverThreading.trim();
        switch (threading)
        {
            case "conductor":
                final String idle = TransportConfiguration.idleStrategyName(
                    BrokerConfiguration.IDLE_STRATEGY.propertyName(), ctx.idleStrategy);
                return "backoff".equals(idle) && (null == ctx.driverIdleStrategy ||
                    ctx.driverIdleStrategy.isBlank() || idle.equals(ctx.driverIdleStrategy.trim()));
            case "thread":
                return false;
            default:
                throw new IllegalArgumentException(BrokerConfiguration.DRIVER_THREADING.propertyName() +
                    ": expected conductor or thread, got '" + ctx.driverThreading + "'");
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
