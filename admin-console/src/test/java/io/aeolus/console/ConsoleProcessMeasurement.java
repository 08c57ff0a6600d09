package io.aeolus.console;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.ConnectionInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20, measured as a user runs it: a broker process ({@code broker/target/aeolus-broker.jar}, security on) with
 * 10,000 destinations (a quarter topics, a quarter dead-letter queues, as {@link ScaleViewIT}), traffic on 50 queues
 * all along, and the console as its own process, started by {@code dist/aeolus-console} (its JVM flags, its jar)
 * under Xvfb with {@code --url}, {@code --user}, {@code --password-file} and {@code --tab destinations}; its resident
 * size (VmRSS, VmHWM from {@code /proc/PID/status}) sampled each second. Needs the jars ({@code mvn -pl
 * broker,admin-console -am package -DskipTests}), {@code Xvfb} and GTK 3 ({@code apt-get install -y xvfb xauth
 * libgtk-3-0}); ImageMagick's {@code import}, if there, takes a screenshot of the display at the end. Not part of the
 * build (the name ends in neither Test nor IT); it asserts only that the console connected and saw the destinations:
 * <pre>
 * mvn -q -o -pl admin-console test -Dtest=ConsoleProcessMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Daeolus.console.seconds=240
 * cat admin-console/target/console-process.txt          # the summary; console-process-samples-N.csv: each second
 * </pre>
 * {@code -Daeolus.console.javaOpts="-XX:NativeMemoryTracking=summary"} passes flags to the console (as
 * {@code JAVA_OPTS}, after its own); with NMT on, {@code jcmd PID VM.native_memory summary} is written at the end.
 * {@code -Daeolus.console.mallocArenaMax=2} sets {@code MALLOC_ARENA_MAX} for the console. To compare JVM flags like
 * with like, {@code -Daeolus.console.variants="|-Xmx128m|MALLOC_ARENA_MAX=2 -Xmx128m|"} runs one console after
 * another on the same broker, display and traffic, each for {@code aeolus.console.seconds} ({@code NAME=VALUE} words
 * go to the environment, the rest to {@code JAVA_OPTS}; an empty one is the console as the launcher starts it).
 * <p>
 * After the sampled seconds, each console's Destinations view is filtered and sorted from here ({@link ConsoleProbe},
 * through the console's {@link ResponseProbe} on its standard input), five rounds, each step timed from the command
 * written to the frame painted; its resident size is sampled again after that, so the peak includes them. Then
 * {@code jstat -gcutil} (also every 15 s during the run), {@code GC.heap_info}, a class histogram (which collects
 * first) and {@code GC.heap_info} again, i.e. the heap after a full collection.
 */
@Timeout(3_600)
class ConsoleProcessMeasurement
{
    private static final int DESTINATIONS = Integer.getInteger("aeolus.scale.destinations", 10_000);
    private static final int SECONDS = Integer.getInteger("aeolus.console.seconds", 240);
    private static final int BUSY_QUEUES = 50;
    private static final String USER = "measure";
    private static final String PASSWORD = "measure-console-" + Long.toHexString(System.nanoTime());
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target").toAbsolutePath();

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final String aeronDir = "/dev/shm/console-measure-" + ProcessHandle.current().pid();

    @AfterEach
    void stop() throws Exception
    {
        for (int i = processes.size() - 1; i >= 0; i--)
        {
            final Process process = processes.get(i);
            process.destroy(); // SIGTERM: the broker and the console shut down cleanly, deleting their Aeron dirs
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        deleteTree(Path.of(aeronDir));
        Files.deleteIfExists(Path.of(aeronDir + ".lock"));
    }

    @Test
    void theConsoleProcessOnABrokerWithTenThousandDestinations() throws Exception
    {
        final Path brokerJar = ROOT.resolve("broker/target/aeolus-broker.jar");
        final Path consoleJar = OUT.resolve("aeolus-console.jar");
        assertTrue(Files.isRegularFile(brokerJar) && Files.isRegularFile(consoleJar),
            "build the jars first: mvn -pl broker,admin-console -am package -DskipTests");
        final Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        final int port = startBroker(brokerJar, passwordFile);
        final String clientUrl = "aeolus:ipc?aeronDir=" + aeronDir;
        final long createStartNs = System.nanoTime();
        createDestinations(clientUrl);
        final long createdNs = System.nanoTime();

        final int display = startXvfb();
        final AtomicBoolean trafficOn = new AtomicBoolean(true);
        final AtomicLong sent = new AtomicLong();
        final Thread traffic = new Thread(() -> traffic(clientUrl, trafficOn, sent), "measurement-traffic");
        traffic.start();
        final String createdText = "created in " + seconds(createStartNs, createdNs) + " s";
        try
        {
            final List<String> variants = variants();
            final List<String> failures = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++)
            {
                try
                {
                    measureConsole(variants.get(v), v, clientUrl, port, passwordFile, consoleJar, display,
                        createdText);
                }
                catch (final AssertionError ex) // one console that fails does not stop the others' measurement
                {
                    failures.add("console " + v + " (" + variants.get(v) + "): " + ex.getMessage());
                    Files.writeString(OUT.resolve("console-process.txt"), "--- " + failures.get(failures.size() - 1) +
                        "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    for (final Process process : List.copyOf(processes.subList(2, processes.size())))
                    {
                        stop(process);
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }
        finally
        {
            trafficOn.set(false);
            traffic.join(30_000);
        }
        System.out.println("messages sent during the runs: " + sent.get());
    }

    /**
     * The consoles to run one after another on the same broker: {@code -Daeolus.console.variants} separates them with
     * {@code |}; in each, words of the form {@code NAME=VALUE} with an upper-case name go to the environment (e.g.
     * {@code MALLOC_ARENA_MAX=2}), the rest to {@code JAVA_OPTS}. Without it, one console with
     * {@code -Daeolus.console.javaOpts} (and {@code -Daeolus.console.mallocArenaMax}).
     */
    private static List<String> variants()
    {
        final String variants = System.getProperty("aeolus.console.variants");
        if (null != variants)
        {
            return List.of(variants.split("\\|", -1)).stream().map(String::strip).toList();
        }
        final String arenas = System.getProperty("aeolus.console.mallocArenaMax");
        return List.of(((null == arenas ? "" : "MALLOC_ARENA_MAX=" + arenas + " ") +
            System.getProperty("aeolus.console.javaOpts", "")).strip());
    }

    private void measureConsole(final String variant, final int index, final String clientUrl, final int port,
        final Path passwordFile, final Path consoleJar, final int display, final String createdText) throws Exception
    {
        final Map<String, String> environment = environment(variant, display, consoleJar);
        final String name = "console-" + index;
        final Process console = start(List.of(ROOT.resolve("dist/aeolus-console").toString(),
            "--url", "aeolus:udp://127.0.0.1:" + port, "--user", USER, "--password-file", passwordFile.toString(),
            "--tab", "destinations"), environment, name);
        final ConsoleProbe probe = new ConsoleProbe(console, OUT.resolve("console-process-" + name + ".log"));
        final long consoleStartNs = System.nanoTime();
        final List<String> samples = new ArrayList<>();
        final List<String> gc = new ArrayList<>();
        samples.add("second,vmRssKiB,vmHwmKiB,rssAnonKiB,rssFileKiB,rssShmemKiB,load1");
        long connectedNs = 0;
        for (int second = 0; second < SECONDS && console.isAlive(); second++)
        {
            final long dueNs = consoleStartNs + TimeUnit.SECONDS.toNanos(second + 1);
            if (0 == connectedNs && second % 5 == 4 && connectedQuietly(clientUrl))
            {
                connectedNs = System.nanoTime();
            }
            sample(console.pid(), second, samples);
            if (second % 15 == 14)
            {
                gc.add(second + " s: " + output(List.of(jstat(), "-gcutil", Long.toString(console.pid()))).lines()
                    .reduce((first, last) -> last).orElse(""));
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, dueNs - System.nanoTime())); // the sampling period, no sync
        }
        assertTrue(console.isAlive(), "the console ended early: " + tail(name));
        // The probe's first answer with all the rows is the proof that it connected (the broker's connection list,
        // polled above, missed the consoles after the first in a run under load 30 although they were connected).
        final long probeStartNs = System.nanoTime();
        final String timings = probe.timeFilterAndSort(DESTINATIONS);
        sample(console.pid(), (int)TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - consoleStartNs), samples);
        gc.add("after the timings: " + output(List.of(jstat(), "-gcutil", Long.toString(console.pid()))).lines()
            .reduce((first, last) -> last).orElse(""));
        final String diagnostics = diagnostics(console.pid(), variant);
        screenshot(display, index);
        stop(console);

        Files.write(OUT.resolve("console-process-samples-" + index + ".csv"), samples);
        final String report = "--- console " + index + ": " + (variant.isEmpty() ? "(as dist/aeolus-console runs it)" :
            variant) + "\n" + report(samples, createdText, 0 == connectedNs ? -1 : seconds(consoleStartNs,
            connectedNs)) + "filter and sort, timed from outside (" + seconds(probeStartNs, System.nanoTime()) +
            " s, their memory included in the figures above):\n" + timings +
            "jstat -gcutil (S0 S1 E O M CCS YGC YGCT FGC FGCT CGC CGCT GCT):\n  " + String.join("\n  ", gc) + "\n" +
            diagnostics;
        Files.writeString(OUT.resolve("console-process.txt"), report, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        System.out.print(report);
    }

    /** The console's environment: its display and jar, the variant's variables, and JAVA_OPTS with the probe on. */
    private static Map<String, String> environment(final String variant, final int display, final Path consoleJar)
    {
        final Map<String, String> environment = new HashMap<>(Map.of("DISPLAY", ":" + display,
            "AEOLUS_CONSOLE_JAR", consoleJar.toString(), "JAVA", java()));
        final StringBuilder javaOpts = new StringBuilder("-D" + ResponseProbe.PROPERTY + "=stdin");
        for (final String word : variant.split("\\s+"))
        {
            if (word.matches("[A-Z_]+=.*"))
            {
                environment.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            }
            else if (!word.isEmpty())
            {
                javaOpts.append(' ').append(word);
            }
        }
        environment.put("JAVA_OPTS", javaOpts.toString());
        return environment;
    }

    private static void sample(final long pid, final int second, final List<String> samples) throws IOException
    {
        final long[] memory = memoryKiB(pid);
        samples.add(second + "," + memory[0] + "," + memory[1] + "," + memory[2] + "," + memory[3] + "," +
            memory[4] + "," + load1());
    }

    private void stop(final Process process) throws InterruptedException
    {
        process.destroy(); // SIGTERM: the console shuts down cleanly, deleting its Aeron directory
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        processes.remove(process);
    }

    /** The heap, the largest mappings and, with NMT on, the JVM's native memory, of the console process. */
    private static String diagnostics(final long pid, final String variant) throws Exception
    {
        final String nmt = variant.contains("NativeMemoryTracking") ?
            output(List.of(jcmd(), Long.toString(pid), "VM.native_memory", "summary")) : "";
        final String heap = output(List.of(jcmd(), Long.toString(pid), "GC.heap_info"));
        // The histogram collects first, so the heap after it is the heap after a full collection.
        final String histogram = output(List.of(jcmd(), Long.toString(pid), "GC.class_histogram")).lines()
            .limit(28).reduce("", (all, line) -> all + line + "\n");
        final String heapAfterGc = output(List.of(jcmd(), Long.toString(pid), "GC.heap_info"));
        final List<String> maps = output(List.of("pmap", "-x", Long.toString(pid))).lines()
            .filter((line) -> line.matches("^[0-9a-f]{16} .*")).sorted(Comparator.comparingLong(
                (String line) -> -Long.parseLong(line.split("\\s+")[2]))).limit(25).toList();
        return "GC.heap_info:\n" + heap + "GC.class_histogram (collects first), the largest:\n" + histogram +
            "GC.heap_info after that collection:\n" + heapAfterGc +
            "pmap -x, the 25 largest resident mappings (address, kB, RSS kB, dirty kB, mode, name):\n" +
            String.join("\n", maps) + "\n" + (nmt.isEmpty() ? "" : "VM.native_memory summary:\n" + nmt);
    }

    private int startXvfb() throws IOException
    {
        final int display = 90 + (int)(ProcessHandle.current().pid() % 100);
        start(List.of("Xvfb", ":" + display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"), Map.of(), "xvfb");
        return display;
    }

    /** A broker process with security on and a user with the admin role; returns its UDP port. */
    private int startBroker(final Path brokerJar, final Path passwordFile) throws Exception
    {
        final Path dataDir = Files.createDirectories(dir.resolve("data"));
        final Path config = Files.writeString(dir.resolve("broker.properties"),
            "aeolus.broker.max.destinations=" + (DESTINATIONS + 200) + "\n" +
            // A cold console (embedded media driver, SCRAM's 600,000 PBKDF2 iterations in a fresh JVM with a small
            // heap) took longer than the default 10 s to log in on this loaded 2-core box.
            "aeolus.broker.connect.timeout=" + System.getProperty("aeolus.console.connectTimeout", "60s") + "\n");
        final int port = freeUdpPort();

        run(List.of(java(), "-jar", brokerJar.toString(), "user", "add", USER, "--roles", "admin", "--password-file",
            passwordFile.toString(), "--data-dir", dataDir.toString(), "--config", config.toString()), "user-add");
        start(List.of(java(), "-jar", brokerJar.toString(), "--endpoint", "127.0.0.1:" + port, "--data-dir",
            dataDir.toString(), "--config", config.toString(), "--aeron-dir", aeronDir), Map.of(), "broker");
        awaitLogLine("broker", "listening on", 120);
        return port;
    }

    private static String report(final List<String> samples, final String createdText, final long connectSeconds)
        throws IOException
    {
        final List<long[]> rows = samples.stream().skip(1).map((line) -> line.split(","))
            .map((cells) -> new long[]{Long.parseLong(cells[1]), Long.parseLong(cells[2]), Long.parseLong(cells[3]),
                Long.parseLong(cells[4]), Long.parseLong(cells[5])}).toList();
        final double[] load = samples.stream().skip(1).mapToDouble((line) -> Double.parseDouble(line.split(",")[6]))
            .sorted().toArray();
        final long[] rss = rows.stream().mapToLong((row) -> row[0]).sorted().toArray();
        final long hwm = rows.stream().mapToLong((row) -> row[1]).max().orElse(0);
        final long[] lastMinute = rows.stream().skip(Math.max(0, rows.size() - 60)).mapToLong((row) -> row[0])
            .sorted().toArray();
        return String.format("%s destinations=%d samples=%d (destinations %s), console connected %s%n" +
            "  VmRSS MiB: median %.1f, max %.1f; last minute median %.1f; VmHWM %.1f MiB (%d kB); at the end " +
            "RssAnon %.1f, RssFile %.1f, RssShmem %.1f MiB; load1 over the run %.1f-%.1f, at the end %s%n",
            Instant.now(), DESTINATIONS, rows.size(), createdText,
            connectSeconds < 0 ? "(not seen in the first checks)" : "within " + connectSeconds + " s",
            rss[rss.length / 2] / 1024.0, rss[rss.length - 1] / 1024.0, lastMinute[lastMinute.length / 2] / 1024.0,
            hwm / 1024.0, hwm, rows.get(rows.size() - 1)[2] / 1024.0, rows.get(rows.size() - 1)[3] / 1024.0,
            rows.get(rows.size() - 1)[4] / 1024.0, load[0], load[load.length - 1],
            Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** Created by use, as {@link ScaleViewIT} does: queues get a message each, topics a message nobody reads. */
    private static void createDestinations(final String url) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection(USER, PASSWORD))
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < DESTINATIONS; i++)
            {
                producer.send(3 == i % 4 ? session.createTopic(name(i)) : session.createQueue(name(i)),
                    session.createTextMessage("waiting"));
                if (999 == i % 1_000)
                {
                    session.commit();
                }
            }
            session.commit();
            connection.start();
            try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30)))
            {
                assertEquals(DESTINATIONS, admin.destinations().stream()
                    .filter((destination) -> destination.name().matches("(orders|payments|DLQ\\.orders|prices)" +
                        "\\.[0-9]+")).count(), "destinations created");
            }
        }
    }

    /** Each second: a message to each busy queue (every fourth queue), and every other second one taken back. */
    private static void traffic(final String url, final AtomicBoolean on, final AtomicLong sent)
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection(USER, PASSWORD))
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int round = 0; on.get(); round++)
            {
                final long roundEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                for (int q = 0; q < BUSY_QUEUES; q++)
                {
                    producer.send(session.createQueue(name(4 * q)), session.createTextMessage("round " + round));
                    sent.incrementAndGet();
                }
                if (1 == round % 2)
                {
                    for (int q = 0; q < BUSY_QUEUES; q++)
                    {
                        try (MessageConsumer consumer = session.createConsumer(session.createQueue(name(4 * q))))
                        {
                            consumer.receive(1_000);
                        }
                    }
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, roundEndNs - System.nanoTime())); // the traffic's pace
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("traffic stopped", ex);
        }
    }

    private static boolean connectedQuietly(final String url)
    {
        try
        {
            return consoleConnected(url);
        }
        catch (final Exception ex)
        {
            return false; // asked again five seconds later
        }
    }

    private static boolean consoleConnected(final String url) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection(USER, PASSWORD);
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            final List<ConnectionInfo> connections = admin.connections();
            return connections.stream().anyMatch((info) -> info.clientId().startsWith("aeolus-console-"));
        }
    }

    private static long[] memoryKiB(final long pid) throws IOException
    {
        final long[] kib = new long[5];
        final String[] names = {"VmRSS:", "VmHWM:", "RssAnon:", "RssFile:", "RssShmem:"};
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        {
            for (int i = 0; i < names.length; i++)
            {
                if (line.startsWith(names[i]))
                {
                    kib[i] = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return kib;
    }

    private static String load1() throws IOException
    {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private void screenshot(final int display, final int index)
    {
        try
        {
            final Process shot = new ProcessBuilder("import", "-display", ":" + display, "-window", "root",
                OUT.resolve("console-process-" + index + ".png").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("import.log").toFile()).start();
            shot.waitFor(60, TimeUnit.SECONDS);
        }
        catch (final IOException | InterruptedException ex)
        {
            System.out.println("no screenshot (ImageMagick's import): " + ex.getMessage());
        }
    }

    private Process start(final List<String> command, final Map<String, String> environment, final String name)
        throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(OUT.resolve("console-process-" + name + ".log").toFile());
        builder.environment().putAll(environment);
        final Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void run(final List<String> command, final String name) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(OUT.resolve("console-process-" + name + ".log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
        assertEquals(0, process.exitValue(), name + ": " + tail(name));
    }

    private void awaitLogLine(final String name, final String text, final int seconds) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(OUT.resolve("console-process-" + name + ".log")).contains(text))
        {
            assertTrue(System.nanoTime() < deadlineNs && processes.get(processes.size() - 1).isAlive(),
                name + " did not say \"" + text + "\": " + tail(name));
            TimeUnit.MILLISECONDS.sleep(200); // polling a log file another process writes
        }
    }

    private static String output(final List<String> command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String text = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    private static String tail(final String name) throws IOException
    {
        final List<String> lines = Files.readAllLines(OUT.resolve("console-process-" + name + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jstat()
    {
        return Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
    }

    private static String jcmd()
    {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static long seconds(final long fromNs, final long toNs)
    {
        return TimeUnit.NANOSECONDS.toSeconds(toNs - fromNs);
    }

    private static String name(final int i)
    {
        return (0 == i % 4 ? "orders." : 1 == i % 4 ? "payments." : 2 == i % 4 ? "DLQ.orders." : "prices.") + i;
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (Files.exists(root))
        {
            try (Stream<Path> paths = Files.walk(root))
            {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
