package io.aeolus.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Broker group members as separate processes ({@link ClusterNodeMain} on this test's class path), each with its own
 * data directory under the test's, its own media driver directory under /dev/shm and its own free ports. A member is
 * killed with SIGKILL ({@code kill -9}) and started again on the same directories. Each member's output goes to
 * {@code member-N.log} in the test directory; its role lines tell who leads.
 */
final class ClusterProcesses implements AutoCloseable
{
    private static final Pattern ROLE = Pattern.compile("member (\\d+) role (\\w+) term (-?\\d+) leader (-?\\d+)");

    private final Path dir;
    private final String members;
    private final String aeronDir;
    private final List<String> options;
    private final IntFunction<List<String>> prefix;
    private final Process[] processes;
    private final String[] roles;
    private final long[] terms;

    ClusterProcesses(final Path dir, final int count, final List<String> options)
    {
        this(dir, java.util.Collections.nCopies(count, "127.0.0.1"), options, memberId -> List.of());
    }

    /**
     * @param hosts  each member's address, in member id order.
     * @param prefix for each member id, the command that runs its process (e.g. in a network namespace).
     */
    ClusterProcesses(final Path dir, final List<String> hosts, final List<String> options,
        final IntFunction<List<String>> prefix)
    {
        final int count = hosts.size();
        this.dir = dir;
        this.options = options;
        this.prefix = prefix;
        this.processes = new Process[count];
        this.roles = new String[count];
        this.terms = new long[count];
        this.aeronDir = (new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir")) +
            "/aeolus-cluster-test-" + UUID.randomUUID();
        final List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            list.add(hosts.get(i) + ":" + freeBasePort(list));
        }
        this.members = String.join(",", list);
    }

    /**
     * @param memberId a member.
     * @return its media driver's directory.
     */
    String aeronDirectory(final int memberId)
    {
        return aeronDir + "-member-" + memberId;
    }

    String url(final String query)
    {
        return "aeolus:cluster://" + members + (query.isEmpty() ? "" : "?" + query);
    }

    ClusterProcesses startAll() throws IOException
    {
        for (int i = 0; i < processes.length; i++)
        {
            start(i);
        }
        return this;
    }

    synchronized void start(final int memberId) throws IOException
    {
        final List<String> command = new ArrayList<>(prefix.apply(memberId));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util.zip=ALL-UNNAMED");
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Daeolus.broker.aeron.dir=" + aeronDir);
        command.add("-Daeolus.broker.security=dev");
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterNodeMain.class.getName());
        command.add("--members");
        command.add(members);
        command.add("--member-id");
        command.add(Integer.toString(memberId));
        command.add("--data-dir");
        command.add(dir.resolve("member-" + memberId).toString());
        roles[memberId] = null;
        terms[memberId] = -1;
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes[memberId] = process;
        final Path log = dir.resolve("member-" + memberId + ".log");
        final Thread reader = new Thread(() -> read(memberId, process, log), "member-" + memberId + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * SIGKILL: the member gets no chance to say goodbye.
     */
    void kill(final int memberId) throws InterruptedException
    {
        final Process process;
        synchronized (this)
        {
            process = processes[memberId];
            processes[memberId] = null;
            roles[memberId] = null;
        }
        if (null != process)
        {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * @return the member's process id, -1 if it is not running.
     */
    synchronized long pid(final int memberId)
    {
        return null == processes[memberId] ? -1 : processes[memberId].pid();
    }

    /**
     * SIGSTOP: the member freezes at once (no heartbeat, no answer, no log append) until {@link #resume} or a kill.
     */
    void pause(final int memberId) throws IOException, InterruptedException
    {
        signal(memberId, "-STOP");
    }

    /**
     * SIGCONT: a paused member runs on.
     */
    void resume(final int memberId) throws IOException, InterruptedException
    {
        signal(memberId, "-CONT");
    }

    private void signal(final int memberId, final String signal) throws IOException, InterruptedException
    {
        final Process process;
        synchronized (this)
        {
            process = processes[memberId];
        }
        if (null != process)
        {
            final Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || 0 != kill.exitValue())
            {
                throw new IOException("kill " + signal + " " + process.pid() + " failed");
            }
        }
    }

    /**
     * SIGTERM: the member shuts down as an operator would have it.
     */
    void stop(final int memberId) throws InterruptedException
    {
        final Process process;
        synchronized (this)
        {
            process = processes[memberId];
            processes[memberId] = null;
            roles[memberId] = null;
        }
        if (null != process)
        {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * @return the member that says it leads in the highest term, -1 if none.
     */
    synchronized int leader()
    {
        int leader = -1;
        for (int i = 0; i < processes.length; i++)
        {
            if (null != processes[i] && "LEADER".equals(roles[i]) && (leader < 0 || terms[i] > terms[leader]))
            {
                leader = i;
            }
        }
        return leader;
    }

    /**
     * @return true once the member follows the current leader in the leader's term.
     */
    synchronized boolean hasJoined(final int memberId)
    {
        final int leader = leader();
        return leader >= 0 && leader != memberId && "FOLLOWER".equals(roles[memberId]) &&
            terms[memberId] >= terms[leader];
    }

    synchronized String role(final int memberId)
    {
        return roles[memberId];
    }

    int awaitLeader(final long timeoutMs, final int notThis)
    {
        ClusterRig.await("a leader other than member " + notThis, timeoutMs, () ->
        {
            final int leader = leader();
            return leader >= 0 && leader != notThis;
        });
        return leader();
    }

    public void close() throws IOException, InterruptedException
    {
        for (int i = 0; i < processes.length; i++)
        {
            kill(i);
        }
        for (int i = 0; i < processes.length; i++)
        {
            final Path aeron = Path.of(aeronDir + "-member-" + i);
            if (Files.exists(aeron))
            {
                try (Stream<Path> paths = Files.walk(aeron))
                {
                    paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    private void read(final int memberId, final Process process, final Path log)
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                out.println(line);
                final Matcher matcher = ROLE.matcher(line);
                if (matcher.find())
                {
                    synchronized (this)
                    {
                        if (processes[memberId] == process)
                        {
                            roles[memberId] = matcher.group(2);
                            terms[memberId] = Long.parseLong(matcher.group(3));
                        }
                    }
                }
            }
        }
        catch (final IOException ignore)
        {
            // The process is gone.
        }
    }

    static int freeBasePort(final List<String> taken)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(2_000, 5_500) * 10;
            boolean free = true;
            for (final String member : taken)
            {
                final int other = Integer.parseInt(member.substring(member.lastIndexOf(':') + 1));
                free &= Math.abs(other - base) >= ClusterNodeSettings.PORTS_PER_MEMBER;
            }
            for (int port = base; free && port < base + ClusterNodeSettings.PORTS_PER_MEMBER; port++)
            {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port)))
                {
                    free = socket.isBound();
                }
                catch (final IOException ex)
                {
                    free = false;
                }
            }
            if (free)
            {
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + ClusterNodeSettings.PORTS_PER_MEMBER + " UDP ports");
    }
}
