package io.aeolus.jms.foundation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces, one for the broker and one for a client, joined by a veth pair with addresses the test
 * chose ({@code 10.213.<n>.1/30} and {@code .2/30}, which exist only inside these namespaces), and the impairments
 * put on that link: tc netem where the kernel has it, else packet loss and duplication with nftables, and a partition
 * made of blackhole routes on both sides (silent drops, as a cut cable or a firewall gives). Names carry a random
 * suffix, so concurrent runs do not meet; {@link #close()} deletes both namespaces, which deletes the veth pair.
 * Needs root (CAP_NET_ADMIN) and iproute2; nftables for loss and duplication without netem.
 */
final class NetworkNamespaces implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_S = 20;

    final String brokerNamespace;
    final String clientNamespace;
    final String brokerDevice;
    final String clientDevice;
    final String brokerAddress;
    final String clientAddress;
    private boolean created;

    private NetworkNamespaces()
    {
        final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        final int subnet = ThreadLocalRandom.current().nextInt(0, 256);
        brokerNamespace = "aeolus-b-" + id;
        clientNamespace = "aeolus-c-" + id;
        brokerDevice = "aeb" + id;
        clientDevice = "aec" + id;
        brokerAddress = "10.213." + subnet + ".1";
        clientAddress = "10.213." + subnet + ".2";
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
        check("ip", "link", "add", brokerDevice, "type", "veth", "peer", "name", clientDevice);
        check("ip", "link", "set", brokerDevice, "netns", brokerNamespace);
        check("ip", "link", "set", clientDevice, "netns", clientNamespace);
        check("ip", "-n", brokerNamespace, "addr", "add", brokerAddress + "/30", "dev", brokerDevice);
        check("ip", "-n", clientNamespace, "addr", "add", clientAddress + "/30", "dev", clientDevice);
        for (final String[] end : ends())
        {
            check("ip", "-n", end[0], "link", "set", "lo", "up");
            check("ip", "-n", end[0], "link", "set", end[1], "up");
        }
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
        heal();
        for (final String[] end : ends())
        {
            run(List.of("ip", "netns", "exec", end[0], "tc", "qdisc", "del", "dev", end[1], "root"));
            run(List.of("ip", "netns", "exec", end[0], "nft", "delete", "table", "ip", "aeolus"));
        }
    }

    /**
     * @return the nftables rule counters of both ends (packets dropped or duplicated), for the test's report.
     */
    String counters()
    {
        final StringBuilder text = new StringBuilder();
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
