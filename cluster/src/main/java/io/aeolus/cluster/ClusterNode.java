package io.aeolus.cluster;

import io.aeolus.management.GroupMember;
import io.aeolus.broker.management.BrokerManagement;
import io.aeolus.broker.management.TransportCounters;
import io.aeolus.management.GroupStatus;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.checksum.Checksums;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import javax.management.JMException;
import javax.management.ObjectName;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member of a broker group: its media driver (SHARED threading, backoff idle: kind to small machines), archive,
 * consensus module and the {@link AeolusClusteredService}, all in this process, in the directories and on the ports
 * its {@link ClusterNodeSettings} name. Closing it stops the member (its directories stay, so it rejoins from its
 * snapshot and log when launched again). Thread-safe.
 */
public final class ClusterNode implements AutoCloseable, ClusterMemberMXBean
{
    private static final System.Logger LOGGER = System.getLogger("io.aeolus.cluster");
    /** How often a member asks its consensus module for the group's view, ms. */
    static final long GROUP_REFRESH_MS = 250;

    private final ClusterNodeSettings settings;
    private final AeolusClusteredService service;
    private final BrokerSecurity security;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final ScheduledExecutorService snapshots;
    private final AtomicLong errors = new AtomicLong();
    private final MemberDirectoryLock lock;
    private final ObjectName mbeanName;
    private final GroupMonitor monitor;
    private final MemberManagement memberManagement;
    private final MemberClient memberClient;
    private final BrokerManagement jmx;
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private StartupElectionGuard startupGuard;
    private volatile boolean closed;

    private ClusterNode(final ClusterNodeSettings settings)
    {
        this.settings = settings;
        this.lock = MemberDirectoryLock.acquire(settings.clusterDirectory());
        try
        {
            this.security = BrokerSecurity.start(settings.security(), SystemEpochClock.INSTANCE, this::onError,
                System.out);
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
        this.service = service(settings, security, lock, fatal);
        final GroupStatus unknown = GroupMonitor.unknown(settings.members(), settings.memberId());
        service.groupView(() -> null == groupMonitor() ? unknown : groupMonitor().view());
        this.memberClient = new MemberClient(settings, memberKey(settings, security, lock));
        this.memberManagement = new MemberManagement(memberClient);
        service.memberManagement(memberManagement);
        final File baseDir = settings.clusterDirectory().toFile();
        final Archive.Context archiveContext = archiveContext(settings, baseDir);
        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(settings.aeronDirectoryName());
        final ClusteredServiceContainer.Context serviceContext = serviceContext(settings, baseDir, archiveClient);
        ClusteredMediaDriver launched = null;
        ClusteredServiceContainer launchedContainer = null;
        try
        {
            launched = attachStartupMark(ClusteredMediaDriver.launch(
                driverContext(settings), archiveContext, consensusContext(settings, baseDir, archiveClient)));
            launchedContainer = ClusteredServiceContainer.launch(serviceContext);
            this.container = launchedContainer;
            this.monitor = new GroupMonitor(settings.members(), settings.memberId(), settings.aeronDirectoryName(),
                serviceContext.controlChannel(), serviceContext.consensusModuleStreamId(),
                serviceContext.serviceStreamId());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(launchedContainer, launched, security);
            lock.close();
            throw ex;
        }
        this.driver = launched;
        final int id = settings.memberId();
        this.snapshots = Executors.newSingleThreadScheduledExecutor(runnable ->
            daemon(runnable, "aeolus-cluster-snapshots-" + id));
        this.mbeanName = register(id);
        this.jmx = registerBroker(id);
        snapshots.scheduleWithFixedDelay(this::refreshGroupView, 0, GROUP_REFRESH_MS, TimeUnit.MILLISECONDS);
        if (settings.snapshotIntervalNs() > 0)
        {
            snapshots.scheduleAtFixedRate(this::snapshotIfLeader, settings.snapshotIntervalNs(),
                settings.snapshotIntervalNs(), TimeUnit.NANOSECONDS);
        }
        logStarted(id, baseDir);
    }

    /**
     * The member key this member's own session proves to put JMX changes into the group's log ({@link MemberLogin}),
     * and that the group's authenticator checks.
     *
     * @return the key, null if this member has no users file key.
     */
    private static byte[] memberKey(final ClusterNodeSettings settings, final BrokerSecurity security,
        final MemberDirectoryLock lock)
    {
        try
        {
            return MemberLogin.key(settings.security());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(security);
            lock.close();
            throw ex;
        }
    }

    /**
     * The service, with the key encrypted sessions' keys are wrapped with in the log ({@link GroupSessionKeys}; null
     * if this member has no users file key), telling {@code fatal} why if it must stop.
     */
    private static AeolusClusteredService service(final ClusterNodeSettings settings, final BrokerSecurity security,
        final MemberDirectoryLock lock, final CompletableFuture<String> fatal)
    {
        try
        {
            final AeolusClusteredService service = new AeolusClusteredService(settings.service(),
                security.forAnotherThread(), GroupSessionKeys.key(settings.security()));
            service.onFatal(fatal::complete);
            return service;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(security);
            lock.close();
            throw ex;
        }
    }

    private ClusteredServiceContainer.Context serviceContext(final ClusterNodeSettings settings, final File baseDir,
        final AeronArchive.Context archiveClient)
    {
        return new ClusteredServiceContainer.Context()
            .aeronDirectoryName(settings.aeronDirectoryName())
            .archiveContext(archiveClient.clone())
            .clusterDir(new File(baseDir, "consensus"))
            .snapshotChannel("aeron:ipc?alias=aeolus-snapshot|term-length=" + Math.max(settings.termLength(), 1 << 20))
            .clusteredService(service)
            .idleStrategySupplier(ClusterNode::idleStrategy)
            .errorHandler(this::onError);
    }

    private static Thread daemon(final Runnable runnable, final String name)
    {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private void logStarted(final int id, final File baseDir)
    {
        LOGGER.log(System.Logger.Level.INFO, "broker group member " + id + " of " + settings.members().size() +
            " started: clients on " + settings.endpoint(id, 0) + ", data in " + baseDir + " (log fsync " +
            (settings.logFsync() ? "on" : "off") + ", security " + security.mode().name().toLowerCase() +
            (settings.encryption() == TransportEncryption.OFF ?
            ", client traffic not encrypted: keep the group on a private network" : ", client traffic encryption " +
            settings.encryption().text() + "; the members' own traffic is clear") + "); clients connect with " +
            settings.clientUrl());
    }

    private static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    }

    private MediaDriver.Context driverContext(final ClusterNodeSettings settings)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(settings.aeronDirectoryName())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .ipcTermBufferLength(Math.max(settings.termLength() * 4, 1 << 20))
            .publicationTermBufferLength(settings.termLength())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(this::onError);
    }

    private Archive.Context archiveContext(final ClusterNodeSettings settings, final File baseDir)
    {
        final int id = settings.memberId();
        return withRecordChecksum(new Archive.Context())
            .aeronDirectoryName(settings.aeronDirectoryName())
            .archiveDir(new File(baseDir, "archive"))
            .archiveId(id)
            .controlChannel("aeron:udp?endpoint=" + settings.endpoint(id, 4))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + settings.host(id) + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ClusterNode::idleStrategy)
            .fileSyncLevel(settings.logFsync() ? 1 : 0)
            .catalogFileSyncLevel(settings.logFsync() ? 1 : 0)
            .errorHandler(this::onError);
    }

    /**
     * Has the archive write a CRC-32 of each recorded fragment into the fragment's header (the session id field).
     * An archive whose process was killed looks at the last fragment of each recording it had not stopped when it
     * starts again: one that crosses a 4 KiB page boundary with only zero bytes after the boundary looks unwritten,
     * and without a checksum to tell otherwise Aeron Archive refuses to start ("potentially incomplete last fragment
     * straddling page boundary"), which a zero-filled message body met in about 1 restart of 25. With the checksum
     * the archive validates that fragment and starts. No replay checksum: it would reject every fragment recorded
     * before this setting (their session id field holds no checksum), and the restart check needs only this one.
     *
     * @param context an archive's settings.
     * @return the same settings, for chaining.
     */
    static Archive.Context withRecordChecksum(final Archive.Context context)
    {
        return context.recordChecksum(Checksums.crc32());
    }

    private ConsensusModule.Context consensusContext(final ClusterNodeSettings settings, final File baseDir,
        final AeronArchive.Context archiveClient)
    {
        final int id = settings.memberId();
        final ConsensusModule.Context context = new ConsensusModule.Context()
            .clusterMemberId(id)
            .clusterMembers(settings.clusterMembers())
            .clusterDir(new File(baseDir, "consensus"))
            .ingressChannel("aeron:udp?term-length=" + settings.termLength())
            // Manual multi-destination cast without a control endpoint: a member leading again in a new term binds
            // no port that its previous term's lingering log publication still holds.
            .logChannel(new ChannelUriStringBuilder().media("udp").termLength(settings.termLength() * 4)
                .controlMode(CommonContext.MDC_CONTROL_MODE_MANUAL).build())
            .replicationChannel("aeron:udp?endpoint=" + settings.host(id) + ":0")
            .archiveContext(archiveClient.clone())
            .leaderHeartbeatIntervalNs(settings.heartbeatIntervalNs())
            .leaderHeartbeatTimeoutNs(settings.leaderTimeoutNs())
            .electionTimeoutNs(settings.electionTimeoutNs())
            .electionStatusIntervalNs(electionStatusIntervalNs(settings.electionTimeoutNs()))
            .startupCanvassTimeoutNs(Math.max(TimeUnit.SECONDS.toNanos(2), 10 * settings.leaderTimeoutNs()))
            .sessionTimeoutNs(settings.sessionTimeoutNs())
            .authenticatorSupplier(() -> new ClusterAuthenticator(security.authenticator(), security.mode(),
                memberClient.memberKey(), security.audit(), settings.encryption(),
                GroupSessionKeys.key(settings.security())))
            .fileSyncLevel(settings.logFsync() ? 1 : 0)
            .errorHandler(this::onError);
        return guardStartupElection(settings, context);
    }

    /**
     * Makes this member's first election keep the clients' sessions if it elects this member
     * ({@link StartupElectionGuard}): the consensus module's idle strategy polls the guard on the module's own thread
     * until that election is over ({@link GuardedIdleStrategy}), so what the guard writes (the election's startup
     * mark, or the appointed leader when it falls back to holding back) is seen by the election that reads it.
     *
     * @param settings  the member's settings.
     * @param consensus its consensus module's settings, not yet launched.
     * @return the same settings, for chaining.
     */
    private ConsensusModule.Context guardStartupElection(final ClusterNodeSettings settings,
        final ConsensusModule.Context consensus)
    {
        final StartupElectionGuard guard = StartupElectionGuard.of(consensus, settings.members().size(),
            2 * (settings.leaderTimeoutNs() + settings.electionTimeoutNs()));
        startupGuard = guard;
        return consensus.idleStrategySupplier(() ->
            new GuardedIdleStrategy(idleStrategy(), guard, SystemNanoClock.INSTANCE, this::onError));
    }

    /**
     * Lets the guard clear the startup mark of the consensus module's first election ({@link StartupElectionMark}),
     * so that a member it makes leader keeps the clients' sessions; if this Aeron or JVM does not allow it, says so
     * and the guard holds the member back instead.
     *
     * @param launched the member's launched media driver, archive and consensus module.
     * @return the same, for chaining.
     */
    private ClusteredMediaDriver attachStartupMark(final ClusteredMediaDriver launched)
    {
        try
        {
            startupGuard.attach(StartupElectionMark.of(launched.consensusModule())::tryClear);
        }
        catch (final IllegalStateException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "broker group member " + settings.memberId() + ": " +
                ex.getMessage() + "; if it is elected in its first election after this start, it will close the " +
                "clients' sessions (it holds back from standing then)");
        }
        return launched;
    }

    /**
     * How often a member in an election repeats its canvass position and a new leader its new term. Aeron's 100 ms
     * made a member wait up to that long for a peer's position, and the new leader's followers as long for its term:
     * a tenth of the election timeout (10 ms with the default), within 10 to 100 ms, costs a few small messages a
     * member during an election only.
     *
     * @param electionTimeoutNs the election timeout.
     * @return the election status interval.
     */
    static long electionStatusIntervalNs(final long electionTimeoutNs)
    {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(TimeUnit.MILLISECONDS.toNanos(100), electionTimeoutNs / 10));
    }

    /**
     * Starts a member.
     *
     * @param settings its settings.
     * @return the running member.
     */
    public static ClusterNode launch(final ClusterNodeSettings settings)
    {
        return new ClusterNode(settings);
    }

    /**
     * @return the member's settings.
     */
    public ClusterNodeSettings settings()
    {
        return settings;
    }

    /**
     * @return this member's role as its consensus module has it; any thread. A leader cut off from its followers
     * steps down into an election at once, though its service hears of no role change until the election ends.
     */
    public Cluster.Role role()
    {
        final io.aeron.Counter counter = driver.consensusModule().context().clusterNodeRoleCounter();
        return null == counter || counter.isClosed() ? service.role() : Cluster.Role.get(counter.get());
    }

    /**
     * @return the clustered service, for its status (role, term, log position, connections); any thread.
     */
    public AeolusClusteredService service()
    {
        return service;
    }

    /**
     * @return why this member can no longer keep its state the same as the other members' and must stop (its
     *         users.key differs from theirs), or null while it can; any thread.
     */
    public String fatalReason()
    {
        return fatal.getNow(null);
    }

    /**
     * Runs an action once the member must stop ({@link #fatalReason()}), on the thread that found out; the action
     * must not wait for the member. The member's process stops it ({@link ClusterNodeMain}: exit status 3).
     *
     * @param action the action, e.g. a signal to the thread that closes the member.
     */
    public void whenFatal(final Runnable action)
    {
        fatal.thenRun(action);
    }

    /**
     * @return errors reported by the member's components since it started.
     */
    public long errorCount()
    {
        return errors.get();
    }

    /**
     * @return client sessions this member closed because their client fell silent for longer than the session
     * timeout, while it led; any thread.
     */
    public long timedOutClients()
    {
        return driver.consensusModule().context().timedOutClientCounter().get();
    }

    /**
     * Asks the group to snapshot now, if this member leads it.
     *
     * @return true if asked; false if this member is not the leader or a snapshot is under way.
     */
    public boolean takeSnapshot()
    {
        if (closed || role() != Cluster.Role.LEADER)
        {
            return false;
        }
        return ClusterControl.ToggleState.SNAPSHOT.toggle(driver.consensusModule().context().controlToggleCounter());
    }

    /**
     * @return snapshots this member has completed since it started, on schedule or asked for (its consensus module's
     *         count); any thread.
     */
    public long snapshotCount()
    {
        return closed ? 0 : driver.consensusModule().context().snapshotCounter().get();
    }

    /**
     * Stops the member: its service, consensus module, archive and media driver. Its directories stay. Idempotent.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        snapshots.shutdownNow();
        if (null != jmx)
        {
            jmx.close();
        }
        // Before the media driver it uses: its session to the group ends, its Aeron client and thread with it.
        CloseHelper.quietClose(memberClient);
        if (null != mbeanName)
        {
            try
            {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            }
            catch (final JMException ignore)
            {
                // Gone already.
            }
        }
        try
        {
            CloseHelper.closeAll(monitor, container, driver);
        }
        finally
        {
            CloseHelper.quietClose(security);
            lock.close();
        }
    }

    /**
     * {@inheritDoc}
     */
    public int getMemberId()
    {
        return settings.memberId();
    }

    /**
     * {@inheritDoc}
     */
    public String getMembers()
    {
        return String.join(",", settings.members());
    }

    /**
     * {@inheritDoc}
     */
    public String getRole()
    {
        return role().name();
    }

    /**
     * {@inheritDoc}
     */
    public int getLeaderMemberId()
    {
        return service.leaderMemberId();
    }

    /**
     * {@inheritDoc}
     */
    public long getLeadershipTermId()
    {
        return service.leadershipTermId();
    }

    /**
     * {@inheritDoc}
     */
    public long getLogPosition()
    {
        return service.logPosition();
    }

    /**
     * {@inheritDoc}
     */
    public int getConnections()
    {
        return service.connections();
    }

    /**
     * {@inheritDoc}
     */
    public long getDroppedFrames()
    {
        return service.droppedFrames();
    }

    /**
     * {@inheritDoc}
     */
    public boolean isStartedFromSnapshot()
    {
        return service.startedFromSnapshot();
    }

    /**
     * {@inheritDoc}
     */
    public long getErrorCount()
    {
        return errors.get();
    }

    private ObjectName register(final int id)
    {
        try
        {
            final ObjectName name = new ObjectName("io.aeolus:type=ClusterMember,member=" + id);
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, name);
            return name;
        }
        catch (final JMException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "member " + id + " not registered with JMX: " + ex);
            return null;
        }
    }

    /**
     * Registers the single broker's MBeans for this member's replica, named {@code ,member=<id>}
     * ({@link MemberManagement}).
     *
     * @param id this member's id.
     * @return the registration, null if JMX refused it (logged).
     */
    private BrokerManagement registerBroker(final int id)
    {
        try
        {
            return BrokerManagement.register(memberManagement.proxy(),
                new TransportCounters(service::unauthenticatedFrames, service::droppedFrames), ",member=" + id);
        }
        catch (final IllegalStateException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "member " + id + ": its destinations not registered with JMX: " +
                ex.getMessage());
            return null;
        }
    }

    private GroupMonitor groupMonitor()
    {
        return monitor;
    }

    private void refreshGroupView()
    {
        try
        {
            if (!closed)
            {
                monitor.refresh(GROUP_REFRESH_MS);
            }
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
    }

    /**
     * @return the group as this member last saw it: every member's term, log position and lag (known in the
     *         leader's view only); any thread.
     */
    public GroupStatus group()
    {
        final GroupStatus view = monitor.view();
        return new GroupStatus(view.answeringMemberId(), view.leaderMemberId(), view.leadershipTermId(),
            service.logPosition(), view.leaderView(), view.members());
    }

    /**
     * {@inheritDoc}
     */
    public boolean isLeaderView()
    {
        return monitor.view().leaderView();
    }

    /**
     * {@inheritDoc}
     */
    public long[] getMemberLogPositions()
    {
        final List<GroupMember> members = monitor.view().members();
        final long[] positions = new long[members.size()];
        for (int i = 0; i < positions.length; i++)
        {
            positions[i] = members.get(i).logPosition();
        }
        return positions;
    }

    /**
     * {@inheritDoc}
     */
    public long[] getMemberLagBytes()
    {
        final List<GroupMember> members = monitor.view().members();
        final long[] lags = new long[members.size()];
        for (int i = 0; i < lags.length; i++)
        {
            lags[i] = members.get(i).lagBytes();
        }
        return lags;
    }

    /**
     * {@inheritDoc}
     */
    public String[] getGroupMembers()
    {
        final List<GroupMember> members = monitor.view().members();
        final String[] lines = new String[members.size()];
        for (int i = 0; i < lines.length; i++)
        {
            final GroupMember member = members.get(i);
            lines[i] = member.memberId() + " " + member.endpoint() + " " + member.role() + " term=" +
                member.leadershipTermId() + " logPosition=" + member.logPosition() + " lagBytes=" +
                member.lagBytes() + " lastHeardAgoMs=" + member.lastHeardAgoMs();
        }
        return lines;
    }

    private void snapshotIfLeader()
    {
        try
        {
            takeSnapshot();
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
    }

    private void onError(final Throwable throwable)
    {
        errors.incrementAndGet();
        if (!closed)
        {
            LOGGER.log(System.Logger.Level.WARNING, "broker group member " + settings.memberId() + ": " + throwable,
                throwable);
        }
    }
}
