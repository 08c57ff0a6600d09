package io.aeolus.broker;

import io.aeolus.broker.conductor.BrokerConductor;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.logging.BrokerLog;
import io.aeolus.broker.logging.LogSettings;
import io.aeolus.broker.logging.ProcessLogging;
import io.aeolus.broker.management.BrokerManagement;
import io.aeolus.broker.management.TransportCounters;
import io.aeolus.broker.metrics.MetricsEndpoint;
import io.aeolus.broker.mqtt.MqttGateway;
import io.aeolus.broker.mqtt.MqttServer;
import io.aeolus.broker.mqtt.MqttSettings;
import io.aeolus.broker.metrics.MetricsSettings;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.engine.routing.RoutingConfig;
import io.aeolus.broker.transform.TransformerRegistry;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.EncryptionPolicy;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.store.Durability;
import io.aeolus.store.JournalException;
import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.ProgressiveIdleStrategy;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running broker: its media driver (embedded by default), its Aeron client, the ingress subscriptions and the
 * conductor thread. Start with {@link #launch(Context)}, stop with {@link #close()}; thread-safe to close once.
 */
public final class Broker implements AutoCloseable
{
    /** The broker's version. */
    public static final String VERSION = "0.1.0";

    private final Context ctx;
    private final EmbeddedMediaDriver driver;
    private final BrokerAeronClient aeronClient;
    private final BrokerConductor conductor;
    private final BrokerJournal journal;
    private final DataDirectoryLock dataDirectoryLock;
    private long recovered;
    private final BrokerSecurity security;
    private final AgentRunner runner;
    private AutoCloseable localWakeUp;
    private final BrokerManagement management;
    private final AtomicLong errors = new AtomicLong();
    private MetricsEndpoint metrics;
    private MqttGateway mqttGateway;
    private MqttServer mqttServer;
    private PrometheusMeterRegistry registry;
    private volatile boolean closed;
    private volatile boolean started;
    private final AtomicBoolean fatalShutdown = new AtomicBoolean();
    private final List<AutoCloseable> extensionHandles = new ArrayList<>();

    private Broker(final Context ctx)
    {
        this.ctx = ctx;
        if (ctx.processLogging)
        {
            ProcessLogging.install(ctx.logSettings);
        }
        final ErrorHandler errorHandler = this::onError;
        // The data directory first: a live broker on it is named before its driver directory is touched.
        final DataDirectoryLock dataLock = DataDirectoryLock.acquire(ctx.dataDirectory);
        driver = BrokerStartup.launchDriver(ctx, errorHandler, dataLock);
        BrokerAeronClient client = null;
        BrokerSecurity brokerSecurity = null;
        BrokerJournal brokerJournal = null;
        try
        {
            brokerSecurity = BrokerSecurity.start(ctx.securitySettings, ctx.epochClock, errorHandler, System.out);
            final IdleStrategy conductorIdle = ctx.idleStrategy();
            client = BrokerAeronClient.connect(ctx.aeronDirectoryName,
                conductorIdle instanceof ProgressiveIdleStrategy, errorHandler, this::onFatal, driver);
            final List<Subscription> ingress = BrokerStartup.addIngress(ctx, client.aeron());
            conductor = new BrokerConductor(new BrokerConductor.Settings(ctx.epochClock, ctx.nanoClock,
                ctx.heartbeatIntervalNs, ctx.livenessTimeoutNs, ctx.connectTimeoutNs, ctx.termLength,
                ctx.maxFrameLength, ctx.maxConnections, ctx.maxEgressBacklog, ctx.brokerId, VERSION,
                ctx.engineSettings),
                brokerSecurity, client.aeron(), ingress.toArray(new Subscription[0]));
            conductor.encryptionPolicy(ctx.encryptionPolicy);
            brokerJournal = BrokerStartup.openJournal(ctx, errorHandler);
            registry = BrokerStartup.measureLatencies(ctx, conductor, brokerJournal);
            final boolean crashed =
                !Files.deleteIfExists(BrokerStartup.cleanShutdownMarker(ctx)) && ctx.journalExisted;
            recovered = conductor.recover(brokerJournal, ctx.pagingWindow, crashed);
            if (null != ctx.mqttSettings)
            {
                mqttGateway = new MqttGateway(ctx.mqttSettings, brokerSecurity);
                conductor.gateway(mqttGateway);
            }
            brokerJournal.start(TransportConfiguration.waker(conductorIdle));
            runner = new AgentRunner(conductorIdle, errorHandler, null,
                client.onConductor(BrokerStartup.conductorAgent(conductor, driver)));
            localWakeUp = BrokerStartup.registerWakeUp(mqttGateway, driver, conductorIdle);
        }
        catch (final IOException | AeronException | IllegalArgumentException | IllegalStateException |
            UncheckedIOException | JournalException ex)
        {
            CloseHelper.quietCloseAll(brokerJournal, dataLock, client, driver, brokerSecurity);
            throw new IllegalStateException("cannot start the broker: " + ex.getMessage(), ex);
        }
        aeronClient = client;
        security = brokerSecurity;
        journal = brokerJournal;
        dataDirectoryLock = dataLock;
        AgentRunner.startOnThread(runner);
        management = BrokerManagement.register(conductor.managementProxy(), transportCounters());
        startMqtt();
        startMetricsAndLogStart();
        onStarted();
    }

    /**
     * A failure of the Aeron client while the broker was starting (its journal recovered, say) is acted on now.
     */
    private void onStarted()
    {
        started = true;
        if (null != aeronClient.fatalCause())
        {
            onFatal(aeronClient.fatalCause());
        }
    }

    private TransportCounters transportCounters()
    {
        return new TransportCounters(conductor::unauthenticatedFrames, conductor::rejectedFrames);
    }

    private void startExtensions()
    {
        for (final Map.Entry<BrokerExtension, Map<String, String>> entry : ctx.extensionOptions.entrySet())
        {
            try
            {
                extensionHandles.add(entry.getKey().start(this, entry.getValue()));
            }
            catch (final RuntimeException ex)
            {
                close();
                throw new IllegalStateException("cannot start " + entry.getKey().optionPrefix() + "*: " +
                    ex.getMessage(), ex);
            }
        }
        conductor.managementExtensions(new ArrayList<>(ctx.extensionOptions.keySet()));
    }

    /**
     * Starts a broker.
     *
     * @param ctx its configuration; concluded here, and not to be reused.
     * @return the running broker.
     * @throws IllegalArgumentException naming the option when the configuration is invalid.
     * @throws IllegalStateException    when it cannot start (port in use, driver directory owned by another).
     */
    public static Broker launch(final Context ctx)
    {
        ctx.conclude();
        if (!ctx.resolved(BrokerConfiguration.CLUSTER_MEMBERS).isBlank())
        {
            // A member started as a single broker would silently serve alone: refuse instead.
            throw new IllegalArgumentException(BrokerConfiguration.CLUSTER_MEMBERS.propertyName() + " is set: a " +
                "broker group member runs from aeolus-cluster.jar (java -jar cluster/target/aeolus-cluster.jar " +
                "--config ...; README, \"A 3-node group\"), not as a single broker");
        }
        final Broker broker = new Broker(ctx);
        broker.startExtensions();
        return broker;
    }

    /**
     * @return the resolved configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * @return the broker's security: logins, permissions, limits and the audit log.
     */
    public BrokerSecurity security()
    {
        return security;
    }

    /**
     * @return the conductor, for its counters.
     */
    public BrokerConductor conductor()
    {
        return conductor;
    }

    /**
     * @return the URL for clients on this host: {@code aeolus:ipc}, naming the Aeron directory if not the default.
     */
    public String ipcUrl()
    {
        return ctx.aeronDirectoryName.equals(TransportConfiguration.aeronDirectoryName()) ?
            "aeolus:ipc" : "aeolus:ipc?aeronDir=" + ctx.aeronDirectoryName;
    }

    /**
     * @return the URL for clients over UDP, or null if UDP is disabled.
     */
    public String udpUrl()
    {
        return null == ctx.udpEndpoint ? null : "aeolus:udp://" + ctx.udpEndpoint;
    }

    /**
     * @return errors the broker's threads reported.
     */
    public long errorCount()
    {
        return errors.get();
    }

    /**
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return the name of this broker's MBean in the platform MBean server ({@code io.aeolus:type=Broker}, with an
     *         {@code instance} key when several brokers share the JVM); any thread.
     */
    public ObjectName managementName()
    {
        return management.objectName();
    }

    /**
     * Stops the conductor (telling clients), the Aeron client and the embedded driver.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // Extensions (the JMS bridge) are clients of this broker: they stop first.
        CloseHelper.quietCloseAll(extensionHandles);
        CloseHelper.quietCloseAll(metrics, mqttServer);
        if (null == aeronClient.fatalCause())
        {
            BrokerShutdown.drain(conductor, runner, journal, ctx.shutdownTimeoutNs);
        }
        CloseHelper.quietCloseAll(localWakeUp, management, runner);
        // The conductor has stopped: what it appended while closing connections is written before the journal closes.
        journal.flushBacklog();
        CloseHelper.quietCloseAll(journal, aeronClient, driver, security);
        if (journal.isPersistent() && null == journal.failure())
        {
            try
            {
                Files.createDirectories(ctx.dataDirectory);
                Files.writeString(BrokerStartup.cleanShutdownMarker(ctx), "clean shutdown\n");
            }
            catch (final IOException ex)
            {
                onError(ex);
            }
        }
        CloseHelper.quietClose(dataDirectoryLock);
        BrokerLog.BROKER.log(System.Logger.Level.INFO, "Aeolus broker stopped" +
            (null == journal.failure() ? "" : " (journal failed: " + journal.failure() + ")") +
            (errors.get() > 0 ? "; " + errors.get() + " errors were reported while it ran" : ""));
    }

    private void startMqtt()
    {
        if (null != mqttGateway)
        {
            try
            {
                mqttServer = MqttServer.start(mqttGateway, security);
            }
            catch (final IllegalStateException ex)
            {
                close();
                throw ex;
            }
        }
    }

    /**
     * @return the address the MQTT gateway listens on ({@code aeolus.broker.mqtt.endpoint}), or null when off.
     */
    public InetSocketAddress mqttAddress()
    {
        return null == mqttServer ? null : mqttServer.address();
    }

    /**
     * @return the address the MQTT gateway listens on with TLS ({@code aeolus.broker.mqtt.tls.endpoint}), or null.
     */
    public InetSocketAddress mqttTlsAddress()
    {
        return null == mqttServer ? null : mqttServer.tlsAddress();
    }

    private void startMetricsAndLogStart()
    {
        if (ctx.metricsSettings.enabled())
        {
            try
            {
                metrics = MetricsEndpoint.start(ctx.metricsSettings, conductor.managementProxy(), registry);
            }
            catch (final IllegalStateException ex)
            {
                close();
                throw ex;
            }
        }
        BrokerLog.BROKER.log(System.Logger.Level.INFO, "Aeolus broker " + VERSION + " started: Aeron dir " +
            ctx.aeronDirectoryName + ", data in " + ctx.dataDirectory.toAbsolutePath().normalize() + ", persistence " +
            ctx.persistence + ", " + recovered + " messages recovered" + (null == metrics ? "" : ", metrics on http://" +
            metrics.address().getHostString() + ":" + metrics.address().getPort() + "/metrics") +
            "; options set: " + ctx.changedOptions());
    }

    /**
     * @return the address of the metrics endpoint ({@code aeolus.broker.metrics.http.endpoint}), or null when off.
     */
    public InetSocketAddress metricsAddress()
    {
        return null == metrics ? null : metrics.address();
    }

    /**
     * @return messages recovered from the journal at start.
     */
    public long recoveredCount()
    {
        return recovered;
    }

    /**
     * @return the journal, for its state.
     */
    public BrokerJournal journal()
    {
        return journal;
    }

    /**
     * The broker's Aeron client failed for good: the broker can no longer serve anyone, so rather than stay up as a
     * zombie it says why and closes, on a thread of its own (this runs on the conductor's or the keeper's, which the
     * close stops); {@code BrokerMain} then exits with a non-zero status for a supervisor to restart it.
     */
    private void onFatal(final Throwable cause)
    {
        errors.incrementAndGet();
        if (!started)
        {
            // Still starting: the constructor sees the cause once it is done and comes back here.
            return;
        }
        if (fatalShutdown.compareAndSet(false, true))
        {
            BrokerShutdown.closeOnFatal(cause, this::close, ctx.fatalListener);
        }
    }

    /**
     * @return the broker's Aeron client and who runs its conductor.
     */
    BrokerAeronClient aeronClient()
    {
        return aeronClient;
    }

    private void onError(final Throwable throwable)
    {
        errors.incrementAndGet();
        if (throwable instanceof JournalException)
        {
            BrokerLog.journalProblem("journal error: " + throwable.getMessage(), throwable);
        }
        else if (!closed)
        {
            BrokerLog.error(throwable);
        }
    }

    /**
     * The broker's configuration. Each option comes, highest first, from its setter, the system property of the
     * same name, the config file, then the default ({@link BrokerConfiguration}). Per-destination settings
     * ({@code aeolus.destination.<pattern>.<setting>}, see {@link DestinationPolicies}) follow the same order.
     * Not thread-safe; one per broker.
     */
    public static final class Context
    {
        private final Map<BrokerConfiguration, String> explicit = new EnumMap<>(BrokerConfiguration.class);
        private final Map<String, String> explicitDestinationSettings = new LinkedHashMap<>();
        private final Map<String, String> explicitRoutingSettings = new LinkedHashMap<>();
        private final Map<String, String> explicitRoleSettings = new LinkedHashMap<>();
        private Path configFile;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        boolean deleteAeronDirOnClose;
        private boolean concluded;
        private Properties fileProperties;
        private final List<BrokerExtension> extensions = BrokerExtension.installed();
        final Map<BrokerExtension, Map<String, String>> extensionOptions = new LinkedHashMap<>();
        boolean processLogging;
        Runnable fatalListener = () -> { };
        LogSettings logSettings;
        long shutdownTimeoutNs;
        MetricsSettings metricsSettings;
        MqttSettings mqttSettings;

        String aeronDirectoryName;
        boolean embeddedDriver;
        String udpEndpoint;
        boolean ipcEnabled;
        Path dataDirectory;
        long heartbeatIntervalNs;
        long livenessTimeoutNs;
        long connectTimeoutNs;
        int termLength;
        int maxFrameLength;
        int maxConnections;
        long maxEgressBacklog;
        String brokerId;
        String idleStrategy;
        String driverIdleStrategy;
        String driverThreading;
        String persistence;
        Durability journalDurability;
        String journalJdbcUrl;
        int pagingWindow;
        int journalMaxBatch;
        long journalMinFreeDisk;
        boolean journalExisted;
        EngineSettings engineSettings;
        SecuritySettings securitySettings;
        EncryptionPolicy encryptionPolicy;

        /**
         * Sets an option by its property name's enum, as text (the form a config file uses).
         *
         * @param option the option.
         * @param value  its value.
         * @return this.
         */
        public Context set(final BrokerConfiguration option, final String value)
        {
            explicit.put(option, value);
            return this;
        }

        /**
         * Sets a per-destination setting, as the config file's {@code aeolus.destination.<pattern>.<setting>} does.
         *
         * @param pattern a destination name, or a pattern with {@code *} (one word) and {@code #} (any words).
         * @param setting the setting's name, e.g. {@code max.delivery.attempts} (see {@link PolicySetting}).
         * @param value   its value as text.
         * @return this.
         */
        public Context destinationSetting(final String pattern, final String setting, final String value)
        {
            explicitDestinationSettings.put(DestinationPolicies.KEY_PREFIX + pattern + "." + setting, value);
            return this;
        }

        /**
         * Sets a routing option, as the config file's {@code aeolus.route.<rule>.<source|targets|...>} and
         * {@code aeolus.composite.<queue|topic>.<name>} do (see {@link RoutingConfig}).
         *
         * @param key   the option's key.
         * @param value its value as text.
         * @return this.
         */
        public Context routingSetting(final String key, final String value)
        {
            explicitRoutingSettings.put(key, value);
            return this;
        }

        /**
         * @param mode {@link SecurityMode#ON} (the default: every client authenticates) or {@link SecurityMode#DEV}
         *             (anonymous clients from this host too, with full access; development only).
         * @return this.
         */
        public Context securityMode(final SecurityMode mode)
        {
            return set(BrokerConfiguration.SECURITY, mode.name().toLowerCase(Locale.ROOT));
        }

        /**
         * Grants (or denies) a role a permission on destination patterns, as the config file's
         * {@code aeolus.security.role.<role>.<permission>=<patterns>} does (see {@link AccessPolicy}).
         *
         * @param role       the role.
         * @param permission a permission's config name ({@code send}, {@code consume}, ..., {@code all}), or
         *                   {@code deny.} and one.
         * @param patterns   comma-separated destination patterns.
         * @return this.
         */
        public Context securityRole(final String role, final String permission, final String patterns)
        {
            explicitRoleSettings.put(AccessPolicy.KEY_PREFIX + role + "." + permission, patterns);
            return this;
        }

        /**
         * @param configFile a properties file with broker options; read at conclude.
         * @return this.
         */
        public Context configFile(final Path configFile)
        {
            this.configFile = configFile;
            return this;
        }

        /**
         * @param aeronDirectoryName the media driver's directory.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            return set(BrokerConfiguration.AERON_DIR, aeronDirectoryName);
        }

        /**
         * @param udpEndpoint host:port to listen on, or "none".
         * @return this.
         */
        public Context udpEndpoint(final String udpEndpoint)
        {
            return set(BrokerConfiguration.UDP_ENDPOINT, udpEndpoint);
        }

        /**
         * @param dataDirectory the broker's data directory.
         * @return this.
         */
        public Context dataDirectory(final Path dataDirectory)
        {
            return set(BrokerConfiguration.DATA_DIR, dataDirectory.toString());
        }

        /**
         * @param livenessTimeout e.g. "2s".
         * @return this.
         */
        public Context livenessTimeout(final String livenessTimeout)
        {
            return set(BrokerConfiguration.LIVENESS_TIMEOUT, livenessTimeout);
        }

        /**
         * @param deleteAeronDirOnClose remove the driver directory when the broker closes (tests).
         * @return this.
         */
        public Context deleteAeronDirOnClose(final boolean deleteAeronDirOnClose)
        {
            this.deleteAeronDirOnClose = deleteAeronDirOnClose;
            return this;
        }

        /**
         * @param processLogging send the JVM's log to the console and rotating files ({@code aeolus.broker.log.*}),
         *                       as the broker process does; an application embedding the broker leaves it off.
         * @return this.
         */
        public Context processLogging(final boolean processLogging)
        {
            this.processLogging = processLogging;
            return this;
        }

        /**
         * @param listener run once the broker has closed itself because its Aeron client failed for good (the
         *                 driver timed it out, e.g. after a JVM stall longer than the driver's client liveness
         *                 timeout), on the thread that closed it; {@code BrokerMain} exits with a non-zero status.
         * @return this.
         */
        public Context fatalListener(final Runnable listener)
        {
            this.fatalListener = listener;
            return this;
        }

        /**
         * @param epochClock wall-clock source for expiry (tests inject a fake).
         * @param nanoClock  monotonic source for timers.
         * @return this.
         */
        public Context clocks(final EpochClock epochClock, final NanoClock nanoClock)
        {
            this.epochClock = epochClock;
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * @return the resolved Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * @return the resolved UDP endpoint, or null when disabled.
         */
        public String udpEndpoint()
        {
            return udpEndpoint;
        }

        /**
         * @return the resolved data directory.
         */
        public Path dataDirectory()
        {
            return dataDirectory;
        }

        /**
         * Resolves and checks every option without starting a broker: what a broker group member (module
         * {@code aeolus-cluster}) does with its options. Once per context.
         *
         * @return this.
         * @throws IllegalArgumentException naming the bad option.
         */
        public Context resolveOptions()
        {
            return conclude();
        }

        /**
         * @param option an option.
         * @return its value, resolved by {@link #resolveOptions()}.
         */
        public String resolved(final BrokerConfiguration option)
        {
            if (!concluded)
            {
                throw new IllegalStateException("options not resolved yet");
            }
            return resolve(option, fileProperties);
        }

        /**
         * @return destinations, their policies and the routing rules, resolved by {@link #resolveOptions()}.
         */
        public EngineSettings engineSettings()
        {
            return engineSettings;
        }

        /**
         * @return the security options (users, mechanisms, roles), resolved by {@link #resolveOptions()}.
         */
        public SecuritySettings securitySettings()
        {
            return securitySettings;
        }

        /**
         * @return the option names of every installed extension (the JMS bridge) that the configuration gives
         *         options to, resolved by {@link #resolveOptions()}.
         */
        public List<String> configuredExtensionOptions()
        {
            final List<String> names = new ArrayList<>();
            extensionOptions.values().forEach(options -> names.addAll(options.keySet()));
            return names;
        }

        Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("broker context already used: create one per broker");
            }
            concluded = true;
            final Properties file = readConfigFile();
            fileProperties = file;
            aeronDirectoryName = resolve(BrokerConfiguration.AERON_DIR, file);
            embeddedDriver = BrokerConfiguration.parseBoolean(
                BrokerConfiguration.EMBEDDED_DRIVER, resolve(BrokerConfiguration.EMBEDDED_DRIVER, file));
            udpEndpoint = parseUdpEndpoint(resolve(BrokerConfiguration.UDP_ENDPOINT, file));
            ipcEnabled = BrokerConfiguration.parseBoolean(
                BrokerConfiguration.IPC_ENABLED, resolve(BrokerConfiguration.IPC_ENABLED, file));
            dataDirectory = SecuritySettings.path(
                BrokerConfiguration.DATA_DIR.propertyName(), resolve(BrokerConfiguration.DATA_DIR, file));
            concludeJournal(file);
            heartbeatIntervalNs = duration(BrokerConfiguration.HEARTBEAT_INTERVAL, file);
            livenessTimeoutNs = duration(BrokerConfiguration.LIVENESS_TIMEOUT, file);
            connectTimeoutNs = duration(BrokerConfiguration.CONNECT_TIMEOUT, file);
            shutdownTimeoutNs = nonNegativeDuration(BrokerConfiguration.SHUTDOWN_TIMEOUT, file);
            termLength = (int)size(BrokerConfiguration.TERM_LENGTH, file, 64 * 1024, 1 << 30);
            maxFrameLength = (int)size(BrokerConfiguration.MAX_FRAME_LENGTH, file, 1024, Integer.MAX_VALUE);
            maxConnections = (int)number(BrokerConfiguration.MAX_CONNECTIONS, file, 1, 1_000_000);
            maxEgressBacklog = size(BrokerConfiguration.MAX_EGRESS_BACKLOG, file, 64 * 1024, Long.MAX_VALUE);
            brokerId = resolve(BrokerConfiguration.BROKER_ID, file);
            concludeIdleStrategies(file);
            engineSettings = new EngineSettings(destinationPolicies(file),
                destinationNames(BrokerConfiguration.QUEUES, file), destinationNames(BrokerConfiguration.TOPICS, file),
                TimeUnit.NANOSECONDS.toMillis(duration(BrokerConfiguration.EXPIRY_SCAN_INTERVAL, file)),
                TimeUnit.NANOSECONDS.toMillis(nonNegativeDuration(BrokerConfiguration.TRASH_RETENTION, file)),
                TimeUnit.NANOSECONDS.toMillis(nonNegativeDuration(BrokerConfiguration.HISTORY_RETENTION, file)),
                (int)number(BrokerConfiguration.HISTORY_MAX_DESTINATIONS, file, 0, 100_000), wildcards(file),
                routingRules(file), transformers)
                .withReplayBatch((int)number(BrokerConfiguration.REPLAY_BATCH, file, 1, 1_000_000));
            securitySettings = SecuritySettings.resolve(
                name -> resolve(BrokerConfiguration.byPropertyName(name), file), dataDirectory, roleSettings(file));
            encryptionPolicy = concludeEncryption(file);
            metricsSettings = MetricsSettings.resolve(name -> resolve(BrokerConfiguration.byPropertyName(name), file));
            mqttSettings = MqttSettings.resolve(name -> resolve(BrokerConfiguration.byPropertyName(name), file),
                engineSettings.wildcards());
            logSettings = LogSettings.resolve(name -> resolve(BrokerConfiguration.byPropertyName(name), file),
                dataDirectory);
            concludeExtensions(file);
            if (Integer.bitCount(termLength) != 1)
            {
                throw new IllegalArgumentException(
                    BrokerConfiguration.TERM_LENGTH.propertyName() + ": must be a power of two, got " + termLength);
            }
            if (livenessTimeoutNs <= heartbeatIntervalNs)
            {
                throw new IllegalArgumentException(BrokerConfiguration.LIVENESS_TIMEOUT.propertyName() +
                    ": must be longer than " + BrokerConfiguration.HEARTBEAT_INTERVAL.propertyName());
            }
            if (!ipcEnabled && null == udpEndpoint)
            {
                throw new IllegalArgumentException("neither IPC nor UDP is enabled: the broker would be unreachable");
            }
            return this;
        }

        private EncryptionPolicy concludeEncryption(final Properties file)
        {
            final EncryptionPolicy policy = EncryptionPolicy.parse(
                resolve(BrokerConfiguration.TRANSPORT_ENCRYPTION, file));
            policy.check(securitySettings);
            final String warning = policy.warning(securitySettings);
            if (null != warning)
            {
                BrokerLog.BROKER.log(System.Logger.Level.WARNING, warning);
            }
            return policy;
        }

        private TopicWildcards wildcards(final Properties file)
        {
            final boolean enabled = BrokerConfiguration.parseBoolean(BrokerConfiguration.WILDCARDS_ENABLED,
                resolve(BrokerConfiguration.WILDCARDS_ENABLED, file));
            final char separator = oneCharacter(BrokerConfiguration.WILDCARDS_SEPARATOR, file);
            final char single = oneCharacter(BrokerConfiguration.WILDCARDS_SINGLE, file);
            final char multi = oneCharacter(BrokerConfiguration.WILDCARDS_MULTI, file);
            try
            {
                return new TopicWildcards(enabled, separator, single, multi);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("aeolus.broker.wildcards.*: " + ex.getMessage(), ex);
            }
        }

        private char oneCharacter(final BrokerConfiguration option, final Properties file)
        {
            final String value = resolve(option, file);
            if (null == value || value.length() != 1)
            {
                throw new IllegalArgumentException(option.propertyName() + ": expected one character, got '" +
                    value + "'");
            }
            return value.charAt(0);
        }

        private void concludeJournal(final Properties file)
        {
            persistence = resolve(BrokerConfiguration.PERSISTENCE, file).trim();
            if (!"h2".equals(persistence) && !"memory".equals(persistence))
            {
                throw new IllegalArgumentException(BrokerConfiguration.PERSISTENCE.propertyName() +
                    ": expected h2 or memory, got '" + persistence + "'");
            }
            final String durability = resolve(BrokerConfiguration.JOURNAL_DURABILITY, file).trim();
            if (!"sync".equals(durability) && !"async".equals(durability))
            {
                throw new IllegalArgumentException(BrokerConfiguration.JOURNAL_DURABILITY.propertyName() +
                    ": expected sync or async, got '" + durability + "'");
            }
            journalDurability = "sync".equals(durability) ? Durability.SYNC : Durability.ASYNC;
            journalJdbcUrl = resolve(BrokerConfiguration.JOURNAL_JDBC_URL, file).trim();
            if (!journalJdbcUrl.isEmpty() && !journalJdbcUrl.startsWith("jdbc:h2:"))
            {
                throw new IllegalArgumentException(BrokerConfiguration.JOURNAL_JDBC_URL.propertyName() +
                    ": must be an H2 URL (jdbc:h2:...), got '" + journalJdbcUrl + "'");
            }
            pagingWindow = (int)number(BrokerConfiguration.PAGING_WINDOW, file, 2, 100_000_000);
            journalMaxBatch = (int)number(BrokerConfiguration.JOURNAL_MAX_BATCH, file, 1, 1_000_000);
            journalMinFreeDisk = size(BrokerConfiguration.JOURNAL_MIN_FREE_DISK, file, 0, Long.MAX_VALUE);
        }

        /**
         * @return the options whose value is not the default, as {@code name=value}, secrets masked.
         */
        String changedOptions()
        {
            final StringBuilder text = new StringBuilder();
            for (final BrokerConfiguration option : BrokerConfiguration.values())
            {
                final String value = resolve(option, fileProperties);
                if (!value.equals(option.defaultValue()))
                {
                    final boolean secret = option.propertyName().matches(".*(password|secret|jdbc\\.url).*");
                    text.append(text.length() == 0 ? "" : ", ").append(option.propertyName()).append('=')
                        .append(secret ? "****" : value);
                }
            }
            return text.length() == 0 ? "none (all defaults)" : text.toString();
        }

        private void concludeIdleStrategies(final Properties file)
        {
            idleStrategy = resolve(BrokerConfiguration.IDLE_STRATEGY, file);
            idleStrategy();
            driverIdleStrategy = resolve(BrokerConfiguration.DRIVER_IDLE_STRATEGY, file);
            driverIdleStrategy();
            driverThreading = resolve(BrokerConfiguration.DRIVER_THREADING, file);
            BrokerStartup.driverOnConductor(this);
        }

        IdleStrategy idleStrategy()
        {
            return TransportConfiguration.idleStrategy(BrokerConfiguration.IDLE_STRATEGY.propertyName(), idleStrategy);
        }

        IdleStrategy driverIdleStrategy()
        {
            final boolean apart = null != driverIdleStrategy && !driverIdleStrategy.isBlank();
            return TransportConfiguration.driverIdleStrategy((apart ? BrokerConfiguration.DRIVER_IDLE_STRATEGY :
                BrokerConfiguration.IDLE_STRATEGY).propertyName(), apart ? driverIdleStrategy : idleStrategy);
        }

        private Properties readConfigFile()
        {
            final Properties properties = new Properties();
            if (null == configFile)
            {
                return properties;
            }
            try (InputStream in = Files.newInputStream(configFile))
            {
                properties.load(in);
            }
            catch (final IOException | IllegalArgumentException ex)
            {
                // Properties.load throws IllegalArgumentException for a malformed unicode escape, naming no file.
                throw new IllegalArgumentException(
                    "cannot read config file " + configFile + ": " + ex.getMessage(), ex);
            }
            for (final String name : properties.stringPropertyNames())
            {
                if (null == BrokerConfiguration.byPropertyName(name) &&
                    !name.startsWith(DestinationPolicies.KEY_PREFIX) && !name.startsWith(AccessPolicy.KEY_PREFIX) &&
                    !RoutingConfig.isRoutingKey(name) && !BrokerExtension.claims(extensions, name))
                {
                    throw new IllegalArgumentException("config file " + configFile + ": unknown option '" + name + "'");
                }
            }
            return properties;
        }

        private DestinationPolicies destinationPolicies(final Properties file)
        {
            final EnumMap<PolicySetting, Object> defaults = new EnumMap<>(PolicySetting.class);
            for (final BrokerConfiguration option : BrokerConfiguration.values())
            {
                final PolicySetting setting = option.policySetting();
                if (null != setting)
                {
                    defaults.put(setting, setting.parse(option.propertyName(), resolve(option, file)));
                }
            }
            final DestinationPolicies policies = new DestinationPolicies(defaults);
            // Lowest precedence first: the config file, then system properties, then setters.
            for (final String key : new TreeSet<>(file.stringPropertyNames()))
            {
                if (key.startsWith(DestinationPolicies.KEY_PREFIX))
                {
                    policies.put(key, file.getProperty(key));
                }
            }
            for (final String key : new TreeSet<>(System.getProperties().stringPropertyNames()))
            {
                if (key.startsWith(DestinationPolicies.KEY_PREFIX))
                {
                    policies.put(key, System.getProperty(key));
                }
            }
            for (final Map.Entry<String, String> setting : explicitDestinationSettings.entrySet())
            {
                policies.put(setting.getKey(), setting.getValue());
            }
            return policies;
        }

        private void concludeExtensions(final Properties file)
        {
            for (final BrokerExtension extension : extensions)
            {
                // Lowest precedence first: the config file, then system properties.
                final Map<String, String> options = new TreeMap<>();
                for (final Properties source : new Properties[]{file, System.getProperties()})
                {
                    for (final String key : source.stringPropertyNames())
                    {
                        if (key.startsWith(extension.optionPrefix()))
                        {
                            options.put(key, source.getProperty(key));
                        }
                    }
                }
                try
                {
                    extension.validate(options);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException((null == configFile ? "" : "config file " + configFile +
                        ": ") + ex.getMessage(), ex);
                }
                extensionOptions.put(extension, options);
            }
        }

        private TransformerRegistry transformers;

        private List<RoutingRule> routingRules(final Properties file)
        {
            // Lowest precedence first: the config file, then system properties, then setters.
            final Map<String, String> settings = new LinkedHashMap<>();
            for (final Properties source : new Properties[]{file, System.getProperties()})
            {
                for (final String key : source.stringPropertyNames())
                {
                    if (RoutingConfig.isRoutingKey(key))
                    {
                        settings.put(key, source.getProperty(key));
                    }
                }
            }
            settings.putAll(explicitRoutingSettings);
            try
            {
                // Kept for the rules made at run time, which may name the same transformers.
                final String plugins = resolve(BrokerConfiguration.PLUGINS_DIR, file);
                transformers = TransformerRegistry.load(plugins.isBlank() ? null : Path.of(plugins));
                return RoutingConfig.read(settings, wildcards(file), transformers);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException((null == configFile ? "" : "config file " + configFile + ": ") +
                    ex.getMessage(), ex);
            }
        }

        private Map<String, String> roleSettings(final Properties file)
        {
            // Lowest precedence first: the config file, then system properties, then setters.
            final Map<String, String> settings = new LinkedHashMap<>();
            for (final Properties source : new Properties[]{file, System.getProperties()})
            {
                for (final String key : source.stringPropertyNames())
                {
                    if (key.startsWith(AccessPolicy.KEY_PREFIX))
                    {
                        settings.put(key, source.getProperty(key));
                    }
                }
            }
            settings.putAll(explicitRoleSettings);
            return settings;
        }

        private List<String> destinationNames(final BrokerConfiguration option, final Properties file)
        {
            final List<String> names = new ArrayList<>();
            for (final String part : resolve(option, file).split(","))
            {
                final String name = part.trim();
                if (name.isEmpty())
                {
                    continue;
                }
                if (name.length() > 255 || name.chars().anyMatch(Character::isISOControl))
                {
                    throw new IllegalArgumentException(option.propertyName() + ": invalid destination name '" +
                        name + "'");
                }
                if (!names.contains(name))
                {
                    names.add(name);
                }
            }
            return names;
        }

        private String resolve(final BrokerConfiguration option, final Properties file)
        {
            final String setter = explicit.get(option);
            if (null != setter)
            {
                return setter;
            }
            final String property = System.getProperty(option.propertyName());
            if (null != property)
            {
                return property;
            }
            return file.getProperty(option.propertyName(), option.defaultValue());
        }

        private long duration(final BrokerConfiguration option, final Properties file)
        {
            final long value = TransportConfiguration.parseDurationNs(option.propertyName(), resolve(option, file), 0);
            if (value <= 0)
            {
                throw new IllegalArgumentException(option.propertyName() + ": must be positive");
            }
            return value;
        }

        private long nonNegativeDuration(final BrokerConfiguration option, final Properties file)
        {
            final long value = TransportConfiguration.parseDurationNs(option.propertyName(), resolve(option, file), 0);
            if (value < 0)
            {
                throw new IllegalArgumentException(option.propertyName() + ": must not be negative");
            }
            return value;
        }

        private long size(final BrokerConfiguration option, final Properties file, final long min, final long max)
        {
            final long value = TransportConfiguration.parseSize(option.propertyName(), resolve(option, file), 0);
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(option.propertyName() + ": must be between " + min + " and " +
                    max + " bytes, got " + value);
            }
            return value;
        }

        private long number(final BrokerConfiguration option, final Properties file, final long min, final long max)
        {
            final String text = resolve(option, file);
            try
            {
                final long value = Long.parseLong(text.trim());
                if (value < min || value > max)
                {
                    throw new IllegalArgumentException(option.propertyName() + ": must be between " + min + " and " +
                        max + ", got " + value);
                }
                return value;
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(option.propertyName() + ": not a number: '" + text + "'", ex);
            }
        }

        private static String parseUdpEndpoint(final String text)
        {
            if (text.isBlank() || "none".equalsIgnoreCase(text.trim()))
            {
                return null;
            }
            final String value = text.trim();
            final int colon = value.lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException(
                    BrokerConfiguration.UDP_ENDPOINT.propertyName() + ": expected host:port, got '" + text + "'");
            }
            try
            {
                final int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 0 || port > 65535)
                {
                    throw new NumberFormatException("out of range");
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(
                    BrokerConfiguration.UDP_ENDPOINT.propertyName() + ": invalid port in '" + text + "'", ex);
            }
            return value;
        }
    }
}
