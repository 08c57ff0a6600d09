package io.aeolus.cluster;

import io.aeolus.management.GroupMember;
import io.aeolus.management.GroupStatus;
import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.cluster.codecs.ClusterMembersExtendedResponseDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.service.ConsensusModuleProxy;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks this member's consensus module, over its local control channel, how it sees the group's members (Aeron
 * Cluster's extended cluster-members query, the one {@code ClusterTool list-members} makes): each member's term, log
 * position and when it last reported its position. The leader hears every follower's appended position, so its view
 * gives each member's lag; a follower knows only its own. Outside the replicated state: {@link #refresh} runs on one
 * background thread, {@link #view} is read from any thread.
 */
final class GroupMonitor implements AutoCloseable
{
    private static final int FRAGMENT_LIMIT = 10;

    private final List<String> endpoints;
    private final int memberId;
    private final Aeron aeron;
    private final ConsensusModuleProxy consensusModule;
    private final ExclusivePublication publication;
    private final Subscription responses;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ClusterMembersExtendedResponseDecoder response = new ClusterMembersExtendedResponseDecoder();
    private final FragmentHandler handler = (buffer, offset, length, fragmentHeader) -> onFragment(buffer, offset);
    // Waits for the answer without spinning: these machines have few cores, the consensus module answers within ms.
    private final IdleStrategy idle = new BackoffIdleStrategy(1, 1, 10_000, 1_000_000);
    private long awaitedCorrelationId = Long.MIN_VALUE;
    private volatile GroupStatus view;

    /**
     * @param endpoints         every member's client endpoint, in member id order.
     * @param memberId          this member's id.
     * @param aeronDirectory    this member's media driver directory.
     * @param controlChannel    the channel between the consensus module and its services.
     * @param consensusStreamId the stream the consensus module listens on.
     * @param serviceStreamId   the stream it answers on.
     */
    GroupMonitor(final List<String> endpoints, final int memberId, final String aeronDirectory,
        final String controlChannel, final int consensusStreamId, final int serviceStreamId)
    {
        this.endpoints = List.copyOf(endpoints);
        this.memberId = memberId;
        this.view = unknown(endpoints, memberId);
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)
            .clientName("aeolus-group-monitor-" + memberId));
        try
        {
            // Untethered: a monitor that falls behind is dropped from the stream rather than holding the consensus
            // module's messages to the service back.
            final ChannelUri responseChannel = ChannelUri.parse(controlChannel);
            responseChannel.put(CommonContext.TETHER_PARAM_NAME, "false");
            this.responses = aeron.addSubscription(responseChannel.toString(), serviceStreamId);
            this.publication = aeron.addExclusivePublication(controlChannel, consensusStreamId);
            this.consensusModule = new ConsensusModuleProxy(publication);
        }
        catch (final RuntimeException ex)
        {
            aeron.close();
            throw ex;
        }
    }

    /**
     * @return the group as this member's consensus module last described it; every member has a row (-1 where not
     *         known). Any thread.
     */
    GroupStatus view()
    {
        return view;
    }

    /**
     * Asks the consensus module once and waits a little for its answer; the view stays as it was if none comes.
     * The monitor's thread only.
     *
     * @param timeoutMs how long to wait for the answer.
     * @return true if the view was refreshed.
     */
    boolean refresh(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        responses.poll(handler, Integer.MAX_VALUE);
        final long correlationId = aeron.nextCorrelationId();
        awaitedCorrelationId = correlationId;
        idle.reset();
        while (!consensusModule.clusterMembersQuery(correlationId))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            idle.idle();
        }
        idle.reset();
        while (awaitedCorrelationId == correlationId)
        {
            final int fragments = responses.poll(handler, FRAGMENT_LIMIT);
            if (0 == fragments && System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            idle.idle(fragments);
        }
        return true;
    }

    private void onFragment(final org.agrona.DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        if (header.templateId() != ClusterMembersExtendedResponseDecoder.TEMPLATE_ID ||
            header.schemaId() != ClusterMembersExtendedResponseDecoder.SCHEMA_ID)
        {
            return;
        }
        response.wrapAndApplyHeader(buffer, offset, header);
        if (response.correlationId() != awaitedCorrelationId)
        {
            return;
        }
        awaitedCorrelationId = Long.MIN_VALUE;
        view = decode();
    }

    private GroupStatus decode()
    {
        final long nowNs = response.currentTimeNs();
        final int leaderMemberId = response.leaderMemberId();
        final boolean leaderView = leaderMemberId == memberId;
        final long[] terms = new long[endpoints.size()];
        final long[] positions = new long[endpoints.size()];
        final long[] heardNs = new long[endpoints.size()];
        java.util.Arrays.fill(terms, -1);
        java.util.Arrays.fill(positions, -1);
        java.util.Arrays.fill(heardNs, -1);
        for (final ClusterMembersExtendedResponseDecoder.ActiveMembersDecoder member : response.activeMembers())
        {
            final int id = member.memberId();
            if (id >= 0 && id < endpoints.size())
            {
                terms[id] = member.leadershipTermId();
                positions[id] = member.logPosition();
                heardNs[id] = member.timeOfLastAppendNs();
            }
            member.skipIngressEndpoint();
            member.skipConsensusEndpoint();
            member.skipLogEndpoint();
            member.skipCatchupEndpoint();
            member.skipArchiveEndpoint();
        }
        final long leaderPosition = leaderMemberId >= 0 && leaderMemberId < positions.length ?
            positions[leaderMemberId] : -1;
        long term = -1;
        final List<GroupMember> members = new ArrayList<>(endpoints.size());
        for (int id = 0; id < endpoints.size(); id++)
        {
            final boolean leader = id == leaderMemberId;
            final boolean heard = positions[id] >= 0;
            final long lagBytes = leaderView && heard && leaderPosition >= 0 ?
                Math.max(0, leaderPosition - positions[id]) : -1;
            final long agoMs = leader && leaderView ? 0 :
                heard && heardNs[id] > 0 ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(nowNs - heardNs[id])) : -1;
            members.add(new GroupMember(id, endpoints.get(id), leader, terms[id], positions[id], lagBytes, agoMs));
            term = Math.max(term, terms[id]);
        }
        return new GroupStatus(memberId, leaderMemberId, term, positionOf(positions, memberId), leaderView,
            members);
    }

    private static long positionOf(final long[] positions, final int memberId)
    {
        return memberId >= 0 && memberId < positions.length ? positions[memberId] : -1;
    }

    static GroupStatus unknown(final List<String> endpoints, final int memberId)
    {
        final List<GroupMember> members = new ArrayList<>(endpoints.size());
        for (int id = 0; id < endpoints.size(); id++)
        {
            members.add(new GroupMember(id, endpoints.get(id), false, -1, -1, -1, -1));
        }
        return new GroupStatus(memberId, -1, -1, -1, false, members);
    }

    /**
     * Closes the monitor's Aeron client. Idempotent.
     */
    public void close()
    {
        CloseHelper.closeAll(consensusModule, responses, aeron);
    }
}
