package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.crypto.TransportEncryption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker group member's options, resolved from the broker's configuration ({@code aeolus.cluster.*} with the
 * broker's own): the members and their ports, this member's id and directories, the consensus timeouts, log fsync.
 * Immutable.
 *
 * @param members              every member's host:port (its client port) in member id order.
 * @param memberId             this member's id.
 * @param clusterDirectory     this member's log, snapshots and archive.
 * @param aeronDirectoryName   this member's media driver directory.
 * @param heartbeatIntervalNs  leader heartbeat interval.
 * @param leaderTimeoutNs      leader heartbeat timeout.
 * @param electionTimeoutNs    election timeout.
 * @param sessionTimeoutNs     client session timeout.
 * @param logFsync             force the log to disk before a command counts as held.
 * @param snapshotIntervalNs   how often the leader snapshots the group, 0 for never.
 * @param termLength           term length of the clients' channels; the log's is four times it.
 * @param service              what the service needs.
 * @param security             the logins and permissions: the single broker's options, the same on every member.
 * @param encryption           the clients' transport encryption ({@link ClusterSecurity#encryption}).
 */
public record ClusterNodeSettings(
    List<String> members,
    int memberId,
    Path clusterDirectory,
    String aeronDirectoryName,
    long heartbeatIntervalNs,
    long leaderTimeoutNs,
    long electionTimeoutNs,
    long sessionTimeoutNs,
    boolean logFsync,
    long snapshotIntervalNs,
    int termLength,
    ServiceSettings service,
    SecuritySettings security,
    TransportEncryption encryption)
{
    /** Ports each member uses from its client port up: clients, consensus, log, catch-up, archive. */
    public static final int PORTS_PER_MEMBER = 5;

    /**
     * Resolves a member's settings from a broker context (config file, system properties, setters).
     *
     * @param context the broker's context, not yet resolved.
     * @return the settings.
     * @throws IllegalArgumentException naming the bad option.
     */
    public static ClusterNodeSettings resolve(final Broker.Context context)
    {
        context.resolveOptions();
        ClusterFeatures.check(context);
        final List<String> members = members(context.resolved(BrokerConfiguration.CLUSTER_MEMBERS));
        final int memberId = memberId(context.resolved(BrokerConfiguration.CLUSTER_MEMBER_ID), members.size());
        final String dir = context.resolved(BrokerConfiguration.CLUSTER_DIR).trim();
        final Path clusterDirectory = dir.isEmpty() ? context.dataDirectory().resolve("cluster") : Path.of(dir);
        final long heartbeatIntervalNs = positive(BrokerConfiguration.CLUSTER_HEARTBEAT_INTERVAL, context);
        final long leaderTimeoutNs = positive(BrokerConfiguration.CLUSTER_LEADER_TIMEOUT, context);
        if (leaderTimeoutNs <= 2 * heartbeatIntervalNs)
        {
            throw new IllegalArgumentException(BrokerConfiguration.CLUSTER_LEADER_TIMEOUT.propertyName() +
                ": must be more than twice " + BrokerConfiguration.CLUSTER_HEARTBEAT_INTERVAL.propertyName());
        }
        final long electionTimeoutNs = positive(BrokerConfiguration.CLUSTER_ELECTION_TIMEOUT, context);
        final long sessionTimeoutNs = positive(BrokerConfiguration.CLUSTER_SESSION_TIMEOUT, context);
        final String fsync = context.resolved(BrokerConfiguration.CLUSTER_LOG_FSYNC).trim();
        if (!fsync.equals("true") && !fsync.equals("false"))
        {
            throw new IllegalArgumentException(BrokerConfiguration.CLUSTER_LOG_FSYNC.propertyName() +
                ": expected true or false, got '" + fsync + "'");
        }
        final long snapshotIntervalNs = TransportConfiguration.parseDurationNs(
            BrokerConfiguration.CLUSTER_SNAPSHOT_INTERVAL.propertyName(),
            context.resolved(BrokerConfiguration.CLUSTER_SNAPSHOT_INTERVAL), 0);
        final int termLength = (int)TransportConfiguration.parseSize(BrokerConfiguration.TERM_LENGTH.propertyName(),
            context.resolved(BrokerConfiguration.TERM_LENGTH), 0);
        final long maxEgressBacklog = TransportConfiguration.parseSize(
            BrokerConfiguration.MAX_EGRESS_BACKLOG.propertyName(),
            context.resolved(BrokerConfiguration.MAX_EGRESS_BACKLOG), 0);
        final long clientHeartbeatNs = TransportConfiguration.parseDurationNs(
            BrokerConfiguration.HEARTBEAT_INTERVAL.propertyName(),
            context.resolved(BrokerConfiguration.HEARTBEAT_INTERVAL), 0);
        final ServiceSettings service = new ServiceSettings(context.engineSettings(),
            context.resolved(BrokerConfiguration.BROKER_ID), maxEgressBacklog,
            Math.max(1, clientHeartbeatNs / 1_000_000), termLength / 8 - 256);
        final SecuritySettings security = ClusterSecurity.check(context);
        return new ClusterNodeSettings(members, memberId, clusterDirectory,
            context.aeronDirectoryName() + "-member-" + memberId, heartbeatIntervalNs, leaderTimeoutNs,
            electionTimeoutNs, sessionTimeoutNs, Boolean.parseBoolean(fsync), snapshotIntervalNs, termLength, service,
            security, ClusterSecurity.encryption(context, security));
    }

    /**
     * @param memberId a member's id.
     * @return its host.
     */
    public String host(final int memberId)
    {
        final String member = members.get(memberId);
        return member.substring(0, member.lastIndexOf(':'));
    }

    /**
     * @param memberId a member's id.
     * @param offset   0 clients, 1 consensus, 2 log, 3 catch-up, 4 archive.
     * @return the endpoint host:port.
     */
    public String endpoint(final int memberId, final int offset)
    {
        final String member = members.get(memberId);
        return host(memberId) + ":" + (Integer.parseInt(member.substring(member.lastIndexOf(':') + 1)) + offset);
    }

    /**
     * @return the members in Aeron Cluster's form: id,ingress,consensus,log,catchup,archive|...
     */
    public String clusterMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < members.size(); i++)
        {
            sb.append(i == 0 ? "" : "|").append(i);
            for (int offset = 0; offset < 5; offset++)
            {
                sb.append(',').append(endpoint(i, offset));
            }
        }
        return sb.toString();
    }

    /**
     * @return the URL clients of this group connect with.
     */
    public String clientUrl()
    {
        return "aeolus:cluster://" + String.join(",", members);
    }

    static List<String> members(final String text)
    {
        final String name = BrokerConfiguration.CLUSTER_MEMBERS.propertyName();
        if (null == text || text.isBlank())
        {
            throw new IllegalArgumentException(name + " is empty: a broker group member needs the list of members " +
                "(host:port, in member id order)");
        }
        final List<String> members = new ArrayList<>();
        for (final String part : text.split(","))
        {
            final String member = part.trim();
            final int colon = member.lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException(name + ": member '" + member + "' is not host:port");
            }
            final int port;
            try
            {
                port = Integer.parseInt(member.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(name + ": member '" + member + "' has an invalid port", ex);
            }
            if (port < 1 || port + PORTS_PER_MEMBER - 1 > 65535)
            {
                throw new IllegalArgumentException(name + ": member '" + member + "' needs ports " + port + " to " +
                    (port + PORTS_PER_MEMBER - 1) + " within 1-65535");
            }
            if (members.contains(member))
            {
                throw new IllegalArgumentException(name + ": member '" + member + "' is listed twice");
            }
            members.add(member);
        }
        return List.copyOf(members);
    }

    static int memberId(final String text, final int memberCount)
    {
        final String name = BrokerConfiguration.CLUSTER_MEMBER_ID.propertyName();
        final int id;
        try
        {
            id = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + ": expected a number, got '" + text + "'", ex);
        }
        if (id < 0 || id >= memberCount)
        {
            throw new IllegalArgumentException(name + ": " + id + " is not a member (the group has " + memberCount +
                " members: ids 0 to " + (memberCount - 1) + ")");
        }
        return id;
    }

    private static long positive(final BrokerConfiguration option, final Broker.Context context)
    {
        final long value = TransportConfiguration.parseDurationNs(option.propertyName(), context.resolved(option), 0);
        if (value <= 0)
        {
            throw new IllegalArgumentException(option.propertyName() + ": must be positive");
        }
        return value;
    }
}
