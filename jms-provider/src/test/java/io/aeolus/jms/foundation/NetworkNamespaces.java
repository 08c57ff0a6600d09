package io.aeolus.jms.foundation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Three network namespaces: one for the broker, one for a client, and a router between them, joined by a veth pair
 * to each side with addresses the test chose ({@code 10.213.<n>.1/30} broker, {@code .2} router; {@code .5} router,
 * {@code .6} client; they exist only inside these namespaces). The impairments put on the path: tc netem on both
 * ends where the kernel has it, else packet loss and duplication with nftables, delay, jitter and reordering with a
 * user-space relay in the router ({@code tun_impair.py} on a TUN device, fed by policy routing), and a partition made
 * of blackhole routes on both ends (silent drops, as a cut cable or a firewall gives). Names carry a random suffix,
 * so concurrent runs do not meet; {@link #close()} stops the relay and deletes the namespaces, which deletes the
 * links. Needs root (CAP_NET_ADMIN) and iproute2; nftables for loss and duplication, and python3 with
 * {@code /dev/net/tun} for delay and reordering, without netem.
 */
final class NetworkNamespaces implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_S = 20;
    private static final long RELAY_START_TIMEOUT_S = 20;
    private static final String RELAY_TABLE = "100";
    private static final String RELAY_SCRIPT = "tun_impair.py";

    final String brokerNamespace;
    final String clientNamespace;
    final String brokerDevice;
    final String clientDevice;
    final String brokerAddress;
    final String clientAddress;
    private final String routerNamespace;
    private final String routerBrokerDevice;
    private final String routerClientDevice;
    private final String routerBrokerAddress;
    private final String routerClientAddress;
    private final String tunDevice;
    private boolean created;
    private boolean tunCreated;
    private Process relay;
    private Thread relayReader;
    private StringBuffer relayOutput;
    private String relayReport = "";
    private final Map<String, Long> relayCounters = new HashMap<>();
    private String relayProblem = "";

    private NetworkNamespaces()
    {
        final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        final int subnet = ThreadLocalRandom.current().nextInt(0, 256);
        brokerNamespace = "aeolus-b-" + id;
        clientNamespace = "aeolus-c-" + id;
        routerNamespace = "aeolus-r-" + id;
        brokerDevice = "aeb" + id;
        clientDevice = "aec" + id;
        routerBrokerDevice = "arb" + id;
        routerClientDevice = "arc" + id;
        tunDevice = "aet" + id;
        brokerAddress = "10.213." + subnet + ".1";
        routerBrokerAddress = "10.213." + subnet + ".2";
        routerClientAddress = "10.213." + subnet + ".5";
        clientAddress = "10.213." + subnet + ".6";
    }

    /**
     * Creates the namespaces and the link, or explains why it cannot.
     *
     * @return the namespaces.
     * @throws UnsupportedOperationException saying what the machine lacks (not root, no ip, no namespaces).
     */
    static NetworkNamespaces create()
    {
        final NetworkNamespaces namespaces = new NetworkNamespaces();
        final Result probe = run(List.of("ip", "netns", "add", namespaces.brokerNamespace));
        if (!probe.ok())
        {
            throw new UnsupportedOperationException("cannot create a network namespace (needs root and iproute2): " +
                probe.output);
        }
        namespaces.created = true;
        try
        {
            namespaces.setUp();
        }
        catch (final RuntimeException ex)
        {
            namespaces.close();
            throw new UnsupportedOperationException("cannot set up the namespaces' link: " + ex.getMessage(), ex);
        }
        return namespaces;
    }

    private void setUp()
    {
        check("ip", "netns", "add", clientNamespace);
        check("ip", "netns", "add", routerNamespace);
        check("ip", "-n", routerNamespace, "link", "set", "lo", "up");
        link(brokerNamespace, brokerDevice, brokerAddress, routerBrokerDevice, routerBrokerAddress);
        link(clientNamespace, clientDevice, clientAddress, routerClientDevice, routerClientAddress);
        check("ip", "netns", "exec", routerNamespace, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    }

    private void link(
        final String namespace, final String device, final String address, final String routerDevice,
        final String routerAddress)
    {
        check("ip", "link", "add", device, "type", "veth", "peer", "name", routerDevice);
        check("ip", "link", "set", device, "netns", namespace);
        check("ip", "link", "set", routerDevice, "netns", routerNamespace);
        check("ip", "-n", namespace, "addr", "add", address + "/30", "dev", device);
        check("ip", "-n", routerNamespace, "addr", "add", routerAddress + "/30", "dev", routerDevice);
        check("ip", "-n", namespace, "link", "set", "lo", "up");
        check("ip", "-n", namespace, "link", "set", device, "up");
        check("ip", "-n", routerNamespace, "link", "set", routerDevice, "up");
        check("ip", "-n", namespace, "route", "add", "default", "via", routerAddress);
    }

    /**
     * @param namespace one of the two.
     * @return the prefix that runs a command inside it.
     */
    static List<String> inNamespace(final String namespace)
    {
        return List.of("ip", "netns", "exec", namespace);
    }

    /**
     * Puts tc netem on both ends of the link (each end impairs what it sends).
     *
     * @param netemArguments such as {@code delay 50ms 20ms}.
     * @return false if the kernel has no netem (CONFIG_NET_SCH_NETEM), so nothing was changed.
     */
    boolean netem(final String... netemArguments)
    {
        for (final String[] end : ends())
        {
            final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", end[0], "tc", "qdisc",
                "replace", "dev", end[1], "root", "netem"));
            command.addAll(List.of(netemArguments));
            final Result result = run(command);
            if (!result.ok())
            {
                clear();
                if (result.output.contains("qdisc kind is unknown") || result.output.contains("No such file"))
                {
                    return false;
                }
                throw new IllegalStateException("tc netem failed: " + result.output);
            }
        }
        return true;
    }

    /**
     * Holds every packet the router forwards for {@code delayMs} plus a normally distributed jitter, and sends
     * {@code reorderPercent} of them on at once, ahead of the held ones: a user-space stand-in for tc netem's delay,
     * jitter and reorder where the kernel has no netem. The router's policy routing sends whatever arrives on either
     * veth into a TUN device, where {@code tun_impair.py} (python3) reads, holds and writes it back; the kernel then
     * routes it on to the other side. Each packet crosses the relay once, as it crosses one end's netem qdisc.
     *
     * @return false if it cannot run here (no TUN device, no python3), with the reason in {@link #relayProblem()}.
     */
    boolean relay(final int delayMs, final int jitterMs, final int reorderPercent)
    {
        if (delayMs < 0 || jitterMs < 0 || reorderPercent < 0 || reorderPercent > 100)
        {
            throw new IllegalArgumentException("delay and jitter must be >= 0 and the reorder share 0..100: " +
                delayMs + " ms, " + jitterMs + " ms, " + reorderPercent + " %");
        }
        stopRelay();
        if (!tunCreated)
        {
            final Result tun = run(List.of("ip", "-n", routerNamespace, "tuntap", "add", "dev", tunDevice, "mode",
                "tun"));
            if (!tun.ok())
            {
                relayProblem = "no TUN device (/dev/net/tun, CONFIG_TUN): " + tun.output;
                return false;
            }
            tunCreated = true;
            check("ip", "-n", routerNamespace, "link", "set", tunDevice, "up");
            // Packets come back out of the TUN with the other side's source address: no reverse-path check.
            check("ip", "netns", "exec", routerNamespace, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf." + tunDevice + ".rp_filter=0");
            check("ip", "-n", routerNamespace, "route", "add", "default", "dev", tunDevice, "table", RELAY_TABLE);
        }
        if (!startRelay(List.of(String.valueOf(delayMs), String.valueOf(jitterMs), String.valueOf(reorderPercent))))
        {
            return false;
        }
        // From either veth into the TUN; from the TUN (no rule) the main table routes to the other veth.
        check("ip", "-n", routerNamespace, "rule", "add", "iif", routerBrokerDevice, "lookup", RELAY_TABLE);
        check("ip", "-n", routerNamespace, "rule", "add", "iif", routerClientDevice, "lookup", RELAY_TABLE);
        return true;
    }

    /**
     * @return why the last {@link #relay(int, int, int)} could not run, or empty.
     */
    String relayProblem()
    {
        return relayProblem;
    }

    private static Path copyScript()
    {
        try (InputStream in = NetworkNamespaces.class.getResourceAsStream(RELAY_SCRIPT))
        {
            if (null == in)
            {
                throw new IllegalStateException("test resource " + RELAY_SCRIPT + " missing from the classpath");
            }
            final Path script = Files.createTempFile("aeolus-tun-impair", ".py");
            Files.write(script, in.readAllBytes());
            return script;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private boolean startRelay(final List<String> arguments)
    {
        final Path script = copyScript();
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", routerNamespace, "python3",
            script.toString(), tunDevice));
        command.addAll(arguments);
        final CountDownLatch ready = new CountDownLatch(1);
        final StringBuffer output = new StringBuffer();
        try
        {
            relay = new ProcessBuilder(command).redirectErrorStream(true).start();
            relay.getOutputStream().close();
            relayOutput = output;
            final Process process = relay;
            relayReader = new Thread(() -> readRelay(process, output, ready), "tun-impair-output");
            relayReader.setDaemon(true);
            relayReader.start();
            // The latch also opens when the output ends: started only if READY came and the process lives.
            if (!ready.await(RELAY_START_TIMEOUT_S, TimeUnit.SECONDS) || !output.toString().contains("READY\n") ||
                !relay.isAlive())
            {
                relayProblem = "the TUN relay did not start (" + String.join(" ", command) + "): " + output;
                stopRelay();
                return false;
            }
            return true;
        }
        catch (final IOException ex)
        {
            relayProblem = "cannot start the TUN relay (python3?): " + ex.getMessage();
            relay = null;
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            stopRelay();
            throw new IllegalStateException("interrupted while the TUN relay started", ex);
        }
        finally
        {
            try
            {
                // Python has read it by READY (or failed); the file is not needed any more.
                Files.deleteIfExists(script);
            }
            catch (final IOException ignore)
            {
                // A temp file left behind is harmless.
            }
        }
    }

    private static void readRelay(final Process process, final StringBuffer output, final CountDownLatch ready)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                output.append(line).append('\n');
                if (line.equals("READY"))
                {
                    ready.countDown();
                }
            }
        }
        catch (final IOException ignore)
        {
            // The process ended; what it printed is in the buffer.
        }
        finally
        {
            ready.countDown();
        }
    }

    private void stopRelay()
    {
        run(List.of("ip", "-n", routerNamespace, "rule", "del", "iif", routerBrokerDevice, "lookup", RELAY_TABLE));
        run(List.of("ip", "-n", routerNamespace, "rule", "del", "iif", routerClientDevice, "lookup", RELAY_TABLE));
        if (null == relay)
        {
            return;
        }
        // SIGTERM to its PID through the handle: Process.destroy() would also close the pipe the counters come in.
        relay.toHandle().destroy();
        try
        {
            if (!relay.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                relay.destroyForcibly().waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
            }
            // The counters line comes with the signal: let the reader reach the end of the stream.
            relayReader.join(TimeUnit.SECONDS.toMillis(COMMAND_TIMEOUT_S));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        relayCounters.clear();
        relayReport = "relay ended without its counters (exit " + (relay.isAlive() ? "none" : relay.exitValue()) +
            "): " + relayOutput + "; ";
        for (final String line : relayOutput.toString().split("\n"))
        {
            if (line.startsWith("RELAYED"))
            {
                relayReport = "relay: " + line + "; ";
                for (final String part : line.split(" "))
                {
                    final int eq = part.indexOf('=');
                    if (eq > 0)
                    {
                        relayCounters.put(part.substring(0, eq), (long)Double.parseDouble(part.substring(eq + 1)));
                    }
                }
            }
        }
        relay = null;
    }

    /**
     * Drops this share of the packets each end sends to the other: tc netem if the kernel has it, else nftables.
     *
     * @return false if neither is available.
     */
    boolean loss(final int percent)
    {
        return netem("loss", percent + "%") || nftables("numgen random mod 100 < " + percent + " counter drop");
    }

    /**
     * Sends this share of the packets twice, each way: tc netem if the kernel has it, else nftables' dup.
     *
     * @return false if neither is available.
     */
    boolean duplicate(final int percent)
    {
        if (netem("duplicate", percent + "%"))
        {
            return true;
        }
        return nftables("numgen random mod 100 < " + percent + " counter dup to %PEER% device %DEVICE%");
    }

    /**
     * Cuts the link silently both ways, as a failed switch or a firewall would: blackhole routes to the peer.
     */
    void partition()
    {
        check("ip", "-n", brokerNamespace, "route", "add", "blackhole", clientAddress + "/32");
        check("ip", "-n", clientNamespace, "route", "add", "blackhole", brokerAddress + "/32");
    }

    /**
     * Mends a {@link #partition()}.
     */
    void heal()
    {
        run(List.of("ip", "-n", brokerNamespace, "route", "del", "blackhole", clientAddress + "/32"));
        run(List.of("ip", "-n", clientNamespace, "route", "del", "blackhole", brokerAddress + "/32"));
    }

    /**
     * Removes every impairment.
     */
    void clear()
    {
        stopRelay();
        heal();
        for (final String[] end : ends())
        {
            run(List.of("ip", "netns", "exec", end[0], "tc", "qdisc", "del", "dev", end[1], "root"));
            run(List.of("ip", "netns", "exec", end[0], "nft", "delete", "table", "ip", "aeolus"));
        }
    }

    /**
     * @param name a counter {@code tun_impair.py} reports: packets, immediate, overtaken, maxHeldMs.
     * @return its value from the last relay that {@link #counters()} or {@link #clear()} ended, or -1.
     */
    long relayCounter(final String name)
    {
        return relayCounters.getOrDefault(name, -1L);
    }

    /**
     * Ends a running relay first, so that its counters are final.
     *
     * @return the relay's counters and the nftables rule counters of both ends (packets dropped or duplicated),
     * for the test's report.
     */
    String counters()
    {
        stopRelay();
        final StringBuilder text = new StringBuilder(relayReport);
        relayReport = "";
        for (final String[] end : ends())
        {
            final Result result = run(List.of("ip", "netns", "exec", end[0], "nft", "list", "table", "ip", "aeolus"));
            for (final String line : result.output.split("\n"))
            {
                if (line.contains("counter"))
                {
                    text.append(end[0]).append(": ").append(line.strip()).append("; ");
                }
            }
        }
        return text.toString();
    }

    @Override
    public void close()
    {
        if (created)
        {
            stopRelay();
            run(List.of("ip", "netns", "del", routerNamespace));
            run(List.of("ip", "netns", "del", clientNamespace));
            run(List.of("ip", "netns", "del", brokerNamespace));
            created = false;
        }
    }

    private boolean nftables(final String rule)
    {
        for (final String[] end : ends())
        {
            final String peer = end[0].equals(brokerNamespace) ? clientAddress : brokerAddress;
            final String ruleset = "table ip aeolus {\n chain out {\n  type filter hook output priority 0; " +
                "policy accept;\n  ip daddr " + peer + " " +
                rule.replace("%PEER%", peer).replace("%DEVICE%", end[1]) + "\n }\n}\n";
            final Result result = run(List.of("ip", "netns", "exec", end[0], "nft", "-f", "-"), ruleset);
            if (!result.ok())
            {
                clear();
                return false;
            }
        }
        return true;
    }

    private String[][] ends()
    {
        return new String[][]{ { brokerNamespace, brokerDevice }, { clientNamespace, clientDevice } };
    }

    private static void check(final String... command)
    {
        final Result result = run(List.of(command));
        if (!result.ok())
        {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output);
        }
    }

    private static Result run(final List<String> command)
    {
        return run(command, null);
    }

    private static Result run(final List<String> command, final String input)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (null != input)
            {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out");
            }
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.exitValue(), output.strip());
        }
        catch (final IOException ex)
        {
            return new Result(-1, ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private record Result(int exitCode, String output)
    {
        boolean ok()
        {
            return exitCode == 0;
        }
    }
}
