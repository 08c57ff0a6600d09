package io.aeolus.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network of its own for a broker group's members: each member in a network namespace of its own, all joined by
 * a bridge in a hub namespace, with this test's JVM (the clients) on the bridge too through one veth pair, on a
 * subnet the test chose ({@code 10.214.<n>.0/24}: members {@code .1} up, this host {@code .100}; the addresses exist
 * only on these links). {@link #cut} takes a member's link to the bridge down, which cuts it off from the other
 * members and from every client at once, as a failed switch port would; {@link #heal} brings it back. Names carry a
 * random suffix, so concurrent runs do not meet; {@link #close()} deletes the namespaces, which deletes the links.
 * Needs root (CAP_NET_ADMIN) and iproute2.
 */
final class MemberNamespaces implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_S = 20;

    private final String id;
    private final String subnet;
    private final String hub;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private boolean hubCreated;

    private MemberNamespaces(final int members)
    {
        id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        subnet = "10.214." + ThreadLocalRandom.current().nextInt(0, 256);
        hub = "aeolus-gh-" + id;
        for (int i = 0; i < members; i++)
        {
            namespaces.add("aeolus-g" + i + "-" + id);
            addresses.add(subnet + "." + (i + 1));
        }
    }

    /**
     * Creates the namespaces and their links, or explains why it cannot.
     *
     * @param members how many members.
     * @return the network.
     * @throws UnsupportedOperationException saying what the machine lacks (not root, no ip, no namespaces).
     */
    static MemberNamespaces create(final int members)
    {
        final MemberNamespaces network = new MemberNamespaces(members);
        final String problem = run(List.of("ip", "netns", "add", network.hub));
        if (null != problem)
        {
            throw new UnsupportedOperationException("cannot create a network namespace (needs root and iproute2): " +
                problem);
        }
        network.hubCreated = true;
        try
        {
            network.setUp();
        }
        catch (final RuntimeException ex)
        {
            network.close();
            throw new UnsupportedOperationException("cannot set up the members' network: " + ex.getMessage(), ex);
        }
        return network;
    }

    /**
     * @return the members' addresses, in member id order.
     */
    List<String> addresses()
    {
        return addresses;
    }

    /**
     * @param memberId a member.
     * @return the command prefix that runs a process in its namespace.
     */
    List<String> prefix(final int memberId)
    {
        return List.of("ip", "netns", "exec", namespaces.get(memberId));
    }

    /**
     * Cuts a member off: its link to the bridge goes down; packets to and from it are lost.
     */
    void cut(final int memberId)
    {
        check("ip", "-n", hub, "link", "set", hubDevice(memberId), "down");
    }

    /**
     * Brings a member's link back.
     */
    void heal(final int memberId)
    {
        check("ip", "-n", hub, "link", "set", hubDevice(memberId), "up");
    }

    public void close()
    {
        for (final String namespace : namespaces)
        {
            run(List.of("ip", "netns", "del", namespace));
        }
        if (hubCreated)
        {
            // Deleting the hub deletes the bridge and the hub's ends of every veth pair, and with them the other ends.
            run(List.of("ip", "netns", "del", hub));
            hubCreated = false;
        }
        run(List.of("ip", "link", "del", "agr" + id));
    }

    private void setUp()
    {
        check("ip", "-n", hub, "link", "set", "lo", "up");
        check("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
        check("ip", "-n", hub, "link", "set", "br0", "up");
        for (int i = 0; i < namespaces.size(); i++)
        {
            final String namespace = namespaces.get(i);
            check("ip", "netns", "add", namespace);
            final String device = "agm" + i + id;
            check("ip", "link", "add", device, "type", "veth", "peer", "name", hubDevice(i));
            check("ip", "link", "set", device, "netns", namespace);
            check("ip", "link", "set", hubDevice(i), "netns", hub);
            check("ip", "-n", hub, "link", "set", hubDevice(i), "master", "br0", "up");
            check("ip", "-n", namespace, "link", "set", "lo", "up");
            check("ip", "-n", namespace, "addr", "add", addresses.get(i) + "/24", "dev", device);
            check("ip", "-n", namespace, "link", "set", device, "up");
        }
        // This JVM (the clients) joins the bridge from the host's namespace, on the subnet's .100.
        final String hostDevice = "agr" + id;
        final String hostHubDevice = "ahr" + id;
        check("ip", "link", "add", hostDevice, "type", "veth", "peer", "name", hostHubDevice);
        check("ip", "link", "set", hostHubDevice, "netns", hub);
        check("ip", "-n", hub, "link", "set", hostHubDevice, "master", "br0", "up");
        check("ip", "addr", "add", subnet + ".100/24", "dev", hostDevice);
        check("ip", "link", "set", hostDevice, "up");
    }

    private String hubDevice(final int memberId)
    {
        return "ahm" + memberId + id;
    }

    private static void check(final String... command)
    {
        final String problem = run(List.of(command));
        if (null != problem)
        {
            throw new IllegalStateException(String.join(" ", command) + ": " + problem);
        }
    }

    /**
     * @return null if the command succeeded, else its output and exit code.
     */
    private static String run(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null :
                "exit " + process.exitValue() + ": " + new String(output, StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
