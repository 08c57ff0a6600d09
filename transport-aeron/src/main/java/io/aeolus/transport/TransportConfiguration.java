package io.aeolus.transport;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Defaults, system property names and value parsers shared by both ends of the transport.
 * <p>
 * Sizes accept a plain number of bytes or a suffix {@code k}, {@code m} or {@code g} ({@code 64k}, {@code 16m}).
 * Durations accept {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m} suffixes ({@code 500ms}, {@code 5s});
 * a bare number is milliseconds. Thread-safe: static and stateless.
 */
public final class TransportConfiguration
{
    /** Stream id of the broker's well-known ingress, on both IPC and UDP. */
    public static final int INGRESS_STREAM_ID = 1001;

    /** Stream id a UDP client subscribes to on its own reply endpoint. */
    public static final int UDP_REPLY_STREAM_ID = 1002;

    /** Default UDP port of the broker's ingress. */
    public static final int DEFAULT_PORT = 5150;

    /** Default UDP host of the broker's ingress: loopback, so a fresh broker is not exposed to the network. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Property naming the Aeron directory of the broker's media driver. */
    public static final String AERON_DIR_PROP_NAME = "aeolus.aeron.dir";

    /** Default term length of per-connection publications: 1 MiB gives 128 KiB Aeron messages. */
    public static final int TERM_LENGTH_DEFAULT = 1024 * 1024;

    /** Property for the default per-connection term length. */
    public static final String TERM_LENGTH_PROP_NAME = "aeolus.term.length";

    /** Default interval between heartbeats in each direction. */
    public static final long HEARTBEAT_INTERVAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    /** Property for the heartbeat interval. */
    public static final String HEARTBEAT_INTERVAL_PROP_NAME = "aeolus.heartbeat.interval";

    /** Default time after which a silent peer is declared dead. */
    public static final long LIVENESS_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);

    /** Property for the liveness timeout. */
    public static final String LIVENESS_TIMEOUT_PROP_NAME = "aeolus.liveness.timeout";

    /** Largest frame (after chunk reassembly) either end accepts by default: bodies up to 100 MiB fit. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 128 * 1024 * 1024;

    /** Property for the largest accepted frame. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "aeolus.max.frame.length";

    /** Property choosing the idle strategy of the client's receive thread (and embedded driver, unless set apart). */
    public static final String CLIENT_IDLE_STRATEGY_PROP_NAME = "aeolus.client.idle.strategy";

    /** Property choosing the idle strategy of the client's embedded media driver (UDP connections). */
    public static final String CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME = "aeolus.client.driver.idle.strategy";

    /**
     * Property: which thread runs a UDP client's embedded media driver: {@code thread} (the default: a thread of its
     * own) or {@code receiver} (the client's receive thread runs it in its duty cycle, Aeron's {@code INVOKER} mode,
     * unless the driver's idle strategy is set apart from the receive thread's).
     */
    public static final String CLIENT_DRIVER_THREADING_PROP_NAME = "aeolus.client.driver.threading";

    /** Property: idle time after which a {@code backoff} thread parks {@link #IDLE_LONG_PARK_PROP_NAME} at a time. */
    public static final String IDLE_LONG_PARK_AFTER_PROP_NAME = "aeolus.idle.long.park.after";

    /** Default of {@value #IDLE_LONG_PARK_AFTER_PROP_NAME}. */
    public static final long IDLE_LONG_PARK_AFTER_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(50);

    /** Property: how long an idle {@code backoff} thread parks at a time once idle for a while; 0 never does. */
    public static final String IDLE_LONG_PARK_PROP_NAME = "aeolus.idle.long.park";

    /** Default of {@value #IDLE_LONG_PARK_PROP_NAME}. */
    public static final long IDLE_LONG_PARK_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Busy spins of a {@code backoff} polling thread (a broker's conductor, a client's receive thread, a media
     * driver) before it yields: none. Each spin is a whole duty cycle, and a media driver's duty cycle polls every
     * socket with a system call, so ten spins held the core for 40-80 µs after every piece of work. On a small
     * host the thread that the work was handed to (the other process's driver, the conductor) waited that long on
     * the same core at every hop: UDP ping-pong p50 about 450 µs with ten spins, about 200 µs with none
     * (BENCHMARKS.md, "One UDP round trip, hop by hop"). A yield with no other thread ready returns at once.
     */
    public static final int BACKOFF_SPINS = 0;

    /** Longest park of a {@code backoff} thread before it has been idle for the long-park time. */
    public static final long BACKOFF_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Long park of a thread whose every piece of work is handed over in the same process together with a wake-up
     * (the journal, the security agent): it need not look for work by itself more than once a second.
     */
    public static final long HANDED_OVER_LONG_PARK_NS = TimeUnit.SECONDS.toNanos(1);

    private TransportConfiguration()
    {
    }

    /**
     * Makes an idle strategy by name.
     *
     * @param option the option's name, for the error message.
     * @param name   {@code backoff} (kind to machines with few cores: a {@link ProgressiveIdleStrategy} that parks
     *               longer once idle for a while), {@code yield} or {@code spin} (lowest latency, a core each).
     * @return a new idle strategy.
     * @throws IllegalArgumentException naming the option for any other name.
     */
    public static IdleStrategy idleStrategy(final String option, final String name)
    {
        switch (null == name ? "backoff" : name.trim())
        {
            case "backoff":
                return backoffIdleStrategy(BACKOFF_MAX_PARK_NS);
            case "yield":
                return new YieldingIdleStrategy();
            case "spin":
                return new BusySpinIdleStrategy();
            default:
                throw new IllegalArgumentException(option + ": expected backoff, yield or spin, got '" + name + "'");
        }
    }

    /**
     * The {@code backoff} strategy: yields ({@link #BACKOFF_SPINS} spins before), parks from 1 µs up to
     * {@code maxParkNs}, and once idle for
     * {@value #IDLE_LONG_PARK_AFTER_PROP_NAME} (50 ms) parks {@value #IDLE_LONG_PARK_PROP_NAME} (20 ms) at a time.
     *
     * @param maxParkNs the longest park before the long parks begin.
     * @return a new idle strategy.
     * @throws IllegalArgumentException naming the property whose value is not a duration.
     */
    public static ProgressiveIdleStrategy backoffIdleStrategy(final long maxParkNs)
    {
        return backoffIdleStrategy(maxParkNs, parseDurationNs(IDLE_LONG_PARK_AFTER_PROP_NAME,
            System.getProperty(IDLE_LONG_PARK_AFTER_PROP_NAME), IDLE_LONG_PARK_AFTER_NS_DEFAULT));
    }

    /**
     * The idle strategy of a thread whose every piece of work is handed over in the same process together with a
     * {@link ProgressiveIdleStrategy#wake()} (the journal, the security agent): as {@link #backoffIdleStrategy}, but
     * once idle it parks {@link #HANDED_OVER_LONG_PARK_NS} at a time; {@code aeolus.idle.long.park=0} turns its long
     * parks off too.
     *
     * @return a new idle strategy.
     * @throws IllegalArgumentException naming the property whose value is not a duration.
     */
    public static ProgressiveIdleStrategy handedOverIdleStrategy()
    {
        final long longParkAfterNs = parseDurationNs(IDLE_LONG_PARK_AFTER_PROP_NAME,
            System.getProperty(IDLE_LONG_PARK_AFTER_PROP_NAME), IDLE_LONG_PARK_AFTER_NS_DEFAULT);
        final long longParkNs = parseDurationNs(IDLE_LONG_PARK_PROP_NAME,
            System.getProperty(IDLE_LONG_PARK_PROP_NAME), IDLE_LONG_PARK_NS_DEFAULT);
        return new ProgressiveIdleStrategy(10, 20, 1_000, BACKOFF_MAX_PARK_NS, 0 == longParkNs ? 0 : longParkAfterNs,
            0 == longParkNs ? 0 : Math.max(longParkNs, HANDED_OVER_LONG_PARK_NS));
    }

    private static ProgressiveIdleStrategy backoffIdleStrategy(final long maxParkNs, final long longParkAfterNs)
    {
        final long longParkNs = parseDurationNs(IDLE_LONG_PARK_PROP_NAME,
            System.getProperty(IDLE_LONG_PARK_PROP_NAME), IDLE_LONG_PARK_NS_DEFAULT);
        return new ProgressiveIdleStrategy(BACKOFF_SPINS, 20, 1_000, maxParkNs, 0 == longParkNs ? 0 : longParkAfterNs,
            longParkNs);
    }

    /**
     * The idle strategy of an embedded media driver's shared thread, by name: as {@link #idleStrategy}, except that
     * {@code backoff} keeps its full window of short parks only for work announced by a wake-up. A driver's own
     * timers (a heartbeat per idle UDP publication every 100 ms, a status message per image every 200 ms, and the
     * same arriving from the other end) make some thirty duty cycles of work a second on an idle UDP connection, so
     * it never stayed idle for the long-park time and woke ~1,000 times a second. Now work that nobody announced
     * parks long again after 5 ms; the frames this process sends wake the driver (a client's send, the broker
     * conductor's egress to UDP clients), which keeps it polling closely for the answer that follows (measured
     * before: a driver that parked 20 ms after 2 ms of idleness, whatever the work, made one synchronous persistent
     * producer over UDP wait ~24 ms per send).
     *
     * @param option the option's name, for the error message.
     * @param name   {@code backoff}, {@code yield} or {@code spin}.
     * @return a new idle strategy.
     * @throws IllegalArgumentException naming the option for any other name.
     */
    public static IdleStrategy driverIdleStrategy(final String option, final String name)
    {
        final IdleStrategy strategy = idleStrategy(option, name);
        if (!(strategy instanceof ProgressiveIdleStrategy))
        {
            return strategy;
        }
        final long longParkAfterNs = parseDurationNs(IDLE_LONG_PARK_AFTER_PROP_NAME,
            System.getProperty(IDLE_LONG_PARK_AFTER_PROP_NAME), IDLE_LONG_PARK_AFTER_NS_DEFAULT);
        final long longParkNs = parseDurationNs(IDLE_LONG_PARK_PROP_NAME,
            System.getProperty(IDLE_LONG_PARK_PROP_NAME), IDLE_LONG_PARK_NS_DEFAULT);
        return new ProgressiveIdleStrategy(BACKOFF_SPINS, 20, 1_000, BACKOFF_MAX_PARK_NS, 0 == longParkNs ? 0 :
            longParkAfterNs, longParkNs, true);
    }

    /**
     * Wakes a thread idling in the given strategy, if it can be woken ({@link ProgressiveIdleStrategy}); a no-op for
     * the spinning and yielding strategies, whose threads never sleep long.
     *
     * @param idleStrategy the strategy of the thread to wake.
     * @return a wake-up any thread may run.
     */
    public static Runnable waker(final IdleStrategy idleStrategy)
    {
        if (idleStrategy instanceof ProgressiveIdleStrategy)
        {
            return ((ProgressiveIdleStrategy)idleStrategy)::wake;
        }
        return () -> { };
    }

    /**
     * Checks an idle strategy's name.
     *
     * @param option the option's name, for the error message.
     * @param name   {@code backoff}, {@code yield} or {@code spin}, or null for {@code backoff}.
     * @return the name, trimmed.
     * @throws IllegalArgumentException naming the option for any other name.
     */
    public static String idleStrategyName(final String option, final String name)
    {
        final String trimmed = null == name ? "backoff" : name.trim();
        switch (trimmed)
        {
            case "backoff":
            case "yield":
            case "spin":
                return trimmed;
            default:
                throw new IllegalArgumentException(option + ": expected backoff, yield or spin, got '" + name + "'");
        }
    }

    /**
     * @param fromUrl the connection URL's {@code idleStrategy}, or null.
     * @return the client receive thread's idle strategy: the URL's, else {@value #CLIENT_IDLE_STRATEGY_PROP_NAME},
     * else {@code backoff}.
     * @throws IllegalArgumentException naming the option if the name is unknown.
     */
    public static String clientIdleStrategyName(final String fromUrl)
    {
        return null != fromUrl ? idleStrategyName("idleStrategy", fromUrl) : idleStrategyName(
            CLIENT_IDLE_STRATEGY_PROP_NAME, System.getProperty(CLIENT_IDLE_STRATEGY_PROP_NAME));
    }

    /**
     * @param fromUrl      the connection URL's {@code driverIdleStrategy}, or null.
     * @param idleStrategy the receive thread's strategy, the default.
     * @return the idle strategy of the client's embedded driver: the URL's, else
     * {@value #CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME}, else the receive thread's.
     * @throws IllegalArgumentException naming the option if the name is unknown.
     */
    public static String clientDriverIdleStrategyName(final String fromUrl, final String idleStrategy)
    {
        if (null != fromUrl)
        {
            return idleStrategyName("driverIdleStrategy", fromUrl);
        }
        final String property = System.getProperty(CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME);
        return null != property ? idleStrategyName(CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME, property) :
            idleStrategyName("idleStrategy", idleStrategy);
    }

    /**
     * @param idleStrategy       the client receive thread's idle strategy.
     * @param driverIdleStrategy the client's embedded driver's.
     * @return true if the client's receive thread runs its embedded driver ({@code INVOKER} mode): when
     * {@value #CLIENT_DRIVER_THREADING_PROP_NAME} is {@code receiver} (not the default) and the two strategies are the
     * same; a driver with a strategy of its own keeps a thread of its own.
     * @throws IllegalArgumentException naming the property if it is neither {@code receiver} nor {@code thread}.
     */
    public static boolean clientDriverOnReceiveThread(final String idleStrategy, final String driverIdleStrategy)
    {
        final String property = System.getProperty(CLIENT_DRIVER_THREADING_PROP_NAME);
        final String threading = null == property ? "thread" : property.trim();
        switch (threading)
        {
            case "receiver":
                return idleStrategyName("idleStrategy", idleStrategy).equals(
                    idleStrategyName("driverIdleStrategy", driverIdleStrategy));
            case "thread":
                return false;
            default:
                throw new IllegalArgumentException(CLIENT_DRIVER_THREADING_PROP_NAME +
                    ": expected receiver or thread, got '" + property + "'");
        }
    }

    /**
     * The default Aeron directory of a broker's embedded media driver: {@code /dev/shm/aeolus-<user>} where
     * {@code /dev/shm} exists, otherwise under {@code java.io.tmpdir}.
     *
     * @return the directory name, honouring {@value #AERON_DIR_PROP_NAME}.
     */
    public static String aeronDirectoryName()
    {
        final String configured = System.getProperty(AERON_DIR_PROP_NAME);
        if (null != configured && !configured.isBlank())
        {
            return configured;
        }
        final String user = System.getProperty("user.name", "default").replaceAll("[^A-Za-z0-9_.-]", "_");
        final java.io.File shm = new java.io.File("/dev/shm");
        final String base = shm.isDirectory() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        return new java.io.File(base, "aeolus-" + user).getPath();
    }

    /**
     * @return the per-connection term length, honouring {@value #TERM_LENGTH_PROP_NAME}.
     */
    public static int termLength()
    {
        return (int)parseSize(TERM_LENGTH_PROP_NAME, System.getProperty(TERM_LENGTH_PROP_NAME), TERM_LENGTH_DEFAULT);
    }

    /**
     * @return the heartbeat interval in nanoseconds, honouring {@value #HEARTBEAT_INTERVAL_PROP_NAME}.
     */
    public static long heartbeatIntervalNs()
    {
        return parseDurationNs(HEARTBEAT_INTERVAL_PROP_NAME,
            System.getProperty(HEARTBEAT_INTERVAL_PROP_NAME), HEARTBEAT_INTERVAL_NS_DEFAULT);
    }

    /**
     * @return the liveness timeout in nanoseconds, honouring {@value #LIVENESS_TIMEOUT_PROP_NAME}.
     */
    public static long livenessTimeoutNs()
    {
        return parseDurationNs(
            LIVENESS_TIMEOUT_PROP_NAME, System.getProperty(LIVENESS_TIMEOUT_PROP_NAME), LIVENESS_TIMEOUT_NS_DEFAULT);
    }

    /**
     * @return the largest accepted frame in bytes, honouring {@value #MAX_FRAME_LENGTH_PROP_NAME}.
     */
    public static int maxFrameLength()
    {
        return (int)parseSize(
            MAX_FRAME_LENGTH_PROP_NAME, System.getProperty(MAX_FRAME_LENGTH_PROP_NAME), MAX_FRAME_LENGTH_DEFAULT);
    }

    /**
     * Parses a size such as {@code 65536}, {@code 64k}, {@code 16m} or {@code 1g}.
     *
     * @param option       the option's name, for the error message.
     * @param value        the text, or null for the default.
     * @param defaultValue returned when value is null or blank.
     * @return the size in bytes.
     * @throws IllegalArgumentException naming the option when the text is not a size.
     */
    public static long parseSize(final String option, final String value, final long defaultValue)
    {
        if (null == value || value.isBlank())
        {
            return defaultValue;
        }
        final String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty())
        {
            // Not blank, yet trimmed away: only control characters.
            throw new IllegalArgumentException(
                option + ": not a size: '" + value + "' (expected e.g. 65536, 64k, 16m)");
        }
        long multiplier = 1;
        String digits = text;
        final char last = text.charAt(text.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g')
        {
            multiplier = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            digits = text.substring(0, text.length() - 1);
        }
        try
        {
            final long number = Long.parseLong(digits.trim());
            if (number < 0)
            {
                throw new IllegalArgumentException(option + ": size must not be negative: '" + value + "'");
            }
            return Math.multiplyExact(number, multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                option + ": not a size: '" + value + "' (expected e.g. 65536, 64k, 16m)", ex);
        }
    }

    /**
     * Parses a duration such as {@code 500ms}, {@code 5s}, {@code 250us} or {@code 1m}; a bare number is ms.
     *
     * @param option       the option's name, for the error message.
     * @param value        the text, or null for the default.
     * @param defaultValue returned when value is null or blank, in nanoseconds.
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException naming the option when the text is not a duration.
     */
    public static long parseDurationNs(final String option, final String value, final long defaultValue)
    {
        if (null == value || value.isBlank())
        {
            return defaultValue;
        }
        final String text = value.trim().toLowerCase(Locale.ROOT);
        int split = text.length();
        while (split > 0 && !Character.isDigit(text.charAt(split - 1)))
        {
            split--;
        }
        final String unit = text.substring(split).trim();
        try
        {
            final long number = Long.parseLong(text.substring(0, split).trim());
            if (number < 0)
            {
                throw new IllegalArgumentException(option + ": duration must not be negative: '" + value + "'");
            }
            switch (unit)
            {
                case "ns":
                    return number;
                case "us":
                    return TimeUnit.MICROSECONDS.toNanos(number);
                case "":
                case "ms":
                    return TimeUnit.MILLISECONDS.toNanos(number);
                case "s":
                    return TimeUnit.SECONDS.toNanos(number);
                case "m":
                    return TimeUnit.MINUTES.toNanos(number);
                case "h":
                    return TimeUnit.HOURS.toNanos(number);
                case "d":
                    return TimeUnit.DAYS.toNanos(number);
                default:
                    throw new IllegalArgumentException(
                        option + ": unknown unit '" + unit + "' in '" + value + "' (use ns, us, ms, s, m, h or d)");
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                option + ": not a duration: '" + value + "' (expected e.g. 500ms, 5s)", ex);
        }
    }
}
