package io.aeolus.cluster;

import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the election state of running members from outside their processes: maps each member's media driver
 * counters file ({@code cnc.dat} in its Aeron directory) read-only and samples the consensus module's election
 * state counter every 100 µs on a thread of its own, noting each change with its time since {@link #start}. Used by
 * the benchmark to say where a failover's time goes (detection, canvass, nomination, ballot, the new leader's
 * replay and readiness); it measures, it asserts nothing.
 */
final class ElectionProbe implements AutoCloseable
{
    private static final long SAMPLE_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final List<Member> members = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long startNs;

    /**
     * @param aeronDirectories the members' Aeron directories, each with a running driver and consensus module.
     * @param memberIds        their ids, in the same order.
     */
    ElectionProbe(final List<String> aeronDirectories, final List<Integer> memberIds)
    {
        for (int i = 0; i < aeronDirectories.size(); i++)
        {
            members.add(new Member(memberIds.get(i), new File(aeronDirectories.get(i), CncFileDescriptor.CNC_FILE)));
        }
        sampler = new Thread(this::sample, "election-probe");
        sampler.setDaemon(true);
    }

    /**
     * Starts sampling; times are from now.
     *
     * @param originNs the time the changes are measured from, System.nanoTime() base.
     */
    void start(final long originNs)
    {
        startNs = originNs;
        sampler.start();
    }

    /**
     * @return each member's election state changes since the start: "member 1: CANVASS@463 NOMINATE@470 ...", in ms.
     */
    String transitions()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member member : members)
        {
            synchronized (member)
            {
                sb.append(sb.length() == 0 ? "" : "; ").append("member ").append(member.id).append(':')
                    .append(member.changes);
            }
        }
        return sb.toString();
    }

    /**
     * @param memberId a watched member.
     * @return ms from the start to its first change to {@code state}, or -1 if it has not been seen.
     */
    long firstMs(final int memberId, final ElectionState state)
    {
        for (final Member member : members)
        {
            if (member.id == memberId)
            {
                synchronized (member)
                {
                    final Long ms = member.first[state.ordinal()];
                    return null == ms ? -1 : ms;
                }
            }
        }
        return -1;
    }

    /**
     * @param memberId a watched member.
     * @return ms from the start to its last change of election state, -1 before the first.
     */
    long lastChangeMs(final int memberId)
    {
        for (final Member member : members)
        {
            if (member.id == memberId)
            {
                return member.lastChangeMs;
            }
        }
        return -1;
    }

    /**
     * @return ms since the start.
     */
    long nowMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    /**
     * @param memberId a watched member.
     * @return its node role at the last sample, null before the first.
     */
    Cluster.Role role(final int memberId)
    {
        for (final Member member : members)
        {
            if (member.id == memberId)
            {
                return member.role;
            }
        }
        return null;
    }

    /**
     * @param memberId a watched member.
     * @return its election state at the last sample, null before the first.
     */
    ElectionState state(final int memberId)
    {
        for (final Member member : members)
        {
            if (member.id == memberId)
            {
                return member.last;
            }
        }
        return null;
    }

    /**
     * Reads one of a running member's counters once (its first of that type).
     *
     * @param aeronDirectory the member's Aeron directory.
     * @param typeId         the counter's type, e.g. {@code AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID}.
     * @return its value, -1 if the member has none (or its counters cannot be read).
     */
    static long counter(final String aeronDirectory, final int typeId)
    {
        final Member member;
        try
        {
            member = new Member(-1, new File(aeronDirectory, CncFileDescriptor.CNC_FILE));
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
        try
        {
            final long[] value = {-1};
            member.counters.forEach((id, type, keyBuffer, label) ->
            {
                if (type == typeId && value[0] < 0 &&
                    member.counters.getCounterState(id) == CountersReader.RECORD_ALLOCATED)
                {
                    value[0] = member.counters.getCounterValue(id);
                }
            });
            return value[0];
        }
        finally
        {
            member.close();
        }
    }

    /**
     * Reads a running member's consensus module state once: whether it leads (its node role counter) and its
     * election state.
     *
     * @param aeronDirectory the member's Aeron directory.
     * @return e.g. "role LEADER election CLOSED", or why it cannot tell.
     */
    static String consensusState(final String aeronDirectory)
    {
        final Member member;
        try
        {
            member = new Member(-1, new File(aeronDirectory, CncFileDescriptor.CNC_FILE));
        }
        catch (final RuntimeException ex)
        {
            return "unknown (" + ex.getMessage() + ")";
        }
        try
        {
            final long[] values = {-1, -1};
            member.counters.forEach((id, typeId, keyBuffer, label) ->
            {
                if (member.counters.getCounterState(id) != CountersReader.RECORD_ALLOCATED)
                {
                    return;
                }
                if (typeId == ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID)
                {
                    values[0] = member.counters.getCounterValue(id);
                }
                else if (typeId == ConsensusModule.Configuration.ELECTION_STATE_TYPE_ID)
                {
                    values[1] = member.counters.getCounterValue(id);
                }
            });
            return "role " + (values[0] < 0 ? "unknown" : Cluster.Role.get(values[0])) + " election " +
                (values[1] < 0 ? "unknown" : ElectionState.get(values[1]));
        }
        finally
        {
            member.close();
        }
    }

    public void close() throws InterruptedException
    {
        running = false;
        if (sampler.isAlive())
        {
            sampler.join(5_000);
        }
        for (final Member member : members)
        {
            member.close();
        }
    }

    private void sample()
    {
        while (running)
        {
            final long nowNs = System.nanoTime();
            for (final Member member : members)
            {
                member.sample(TimeUnit.NANOSECONDS.toMillis(nowNs - startNs));
            }
            LockSupport.parkNanos(SAMPLE_NS);
        }
    }

    private static final class Member
    {
        final int id;
        final MappedByteBuffer cnc;
        final CountersReader counters;
        final StringBuilder changes = new StringBuilder();
        final Long[] first = new Long[ElectionState.values().length];
        int counterId = -1;
        int roleCounterId = -1;
        volatile ElectionState last;
        volatile Cluster.Role role;
        volatile long lastChangeMs = -1;

        Member(final int id, final File cncFile)
        {
            this.id = id;
            this.cnc = IoUtil.mapExistingFile(cncFile, "cnc of member " + id);
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            this.counters = new CountersReader(CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
        }

        void sample(final long ms)
        {
            if (counterId < 0)
            {
                counters.forEach((id, typeId, keyBuffer, label) ->
                {
                    if (counters.getCounterState(id) != CountersReader.RECORD_ALLOCATED)
                    {
                        return;
                    }
                    if (typeId == ConsensusModule.Configuration.ELECTION_STATE_TYPE_ID)
                    {
                        counterId = id;
                    }
                    else if (typeId == ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID)
                    {
                        roleCounterId = id;
                    }
                });
                if (counterId < 0)
                {
                    return;
                }
            }
            if (roleCounterId >= 0)
            {
                role = Cluster.Role.get(counters.getCounterValue(roleCounterId));
            }
            final ElectionState state = ElectionState.get(counters.getCounterValue(counterId));
            if (state != last)
            {
                synchronized (this)
                {
                    changes.append(' ').append(state).append('@').append(ms);
                    if (null == first[state.ordinal()])
                    {
                        first[state.ordinal()] = ms;
                    }
                }
                last = state;
                lastChangeMs = ms;
            }
        }

        void close()
        {
            IoUtil.unmap(cnc);
        }
    }
}
