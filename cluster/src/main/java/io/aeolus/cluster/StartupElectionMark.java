package io.aeolus.cluster;

import io.aeron.cluster.ConsensusModule;

import java.lang.reflect.Field;

/**
 * The mark by which Aeron Cluster 1.47 tells a member's first election after its process started from later ones,
 * and a way to clear it.
 * <p>
 * Aeron's {@code Election} carries a private {@code isNodeStartup} flag, true for the election a consensus module
 * starts with. When that election makes the member leader, the flag becomes the new term's "startup" mark: the
 * consensus module then closes every client session it knows as timed out instead of connecting to them and sending
 * each a {@code NewLeaderEvent}, and its service connects no session's egress, as if the whole group had started
 * from cold and its clients were gone. The election reads the flag at its first {@code INIT} (skipping the
 * preparation for a new leadership that a running member needs) and when it makes the member leader, nowhere else;
 * it is not in the group's log and no other member sees it, so clearing it after that first {@code INIT} changes
 * only what a member elected by this election does: it keeps the client sessions and tells them of itself, as any
 * member elected in a later election does. A session whose client is really gone then times out after the session
 * timeout, as after an ordinary failover.
 * <p>
 * Aeron has no setting for this, so the flag is reached by reflection: {@code ConsensusModule.conductor} (the
 * consensus module's agent), its {@code election} and the election's {@code isFirstInit} and {@code isNodeStartup}
 * (Aeron 1.47.7, checked by {@code StartupElectionMarkTest}). {@link #of} fails if they are missing or the JVM
 * refuses the access. {@link #tryClear()} must run on the consensus module's thread, which owns the election.
 */
final class StartupElectionMark
{
    private static final String AGENT_FIELD = "conductor";
    private static final String ELECTION_FIELD = "election";
    private static final String FIRST_INIT_FIELD = "isFirstInit";
    private static final String NODE_STARTUP_FIELD = "isNodeStartup";

    private final Object agent;
    private final Field election;
    private final Field firstInit;
    private final Field nodeStartup;

    private StartupElectionMark(final Object agent, final Field election, final Field firstInit,
        final Field nodeStartup)
    {
        this.agent = agent;
        this.election = election;
        this.firstInit = firstInit;
        this.nodeStartup = nodeStartup;
    }

    /**
     * @param module a launched consensus module.
     * @return its mark.
     * @throws IllegalStateException naming the field, if this Aeron has not the fields or the JVM refuses access.
     */
    static StartupElectionMark of(final ConsensusModule module)
    {
        final Object agent = read(field(ConsensusModule.class, AGENT_FIELD), module);
        final Class<?> electionClass = electionClass();
        return new StartupElectionMark(agent, field(agent.getClass(), ELECTION_FIELD),
            field(electionClass, FIRST_INIT_FIELD), field(electionClass, NODE_STARTUP_FIELD));
    }

    /**
     * Checks that this Aeron has the fields, without a consensus module.
     *
     * @throws IllegalStateException naming the field, if one is missing or refused.
     */
    static void check()
    {
        field(ConsensusModule.class, AGENT_FIELD);
        field(forName("io.aeron.cluster.ConsensusModuleAgent"), ELECTION_FIELD);
        field(electionClass(), FIRST_INIT_FIELD);
        field(electionClass(), NODE_STARTUP_FIELD);
    }

    /**
     * Clears the mark of the consensus module's current election once that election is past its first {@code INIT}.
     * On the consensus module's thread only.
     *
     * @return true if the current election is not, or no longer, a startup election; false while there is none yet
     *         or it has not run its first {@code INIT}.
     */
    boolean tryClear()
    {
        final Object current = read(election, agent);
        if (null == current || (boolean)read(firstInit, current))
        {
            return false;
        }
        if ((boolean)read(nodeStartup, current))
        {
            try
            {
                nodeStartup.setBoolean(current, false);
            }
            catch (final IllegalAccessException ex)
            {
                throw new IllegalStateException("cannot clear Aeron's " + NODE_STARTUP_FIELD + ": " + ex, ex);
            }
        }
        return true;
    }

    /**
     * @return the mark of the consensus module's current election, for tests and logs; false without an election.
     */
    boolean isStartup()
    {
        final Object current = read(election, agent);
        return null != current && (boolean)read(nodeStartup, current);
    }

    private static Class<?> electionClass()
    {
        return forName("io.aeron.cluster.Election");
    }

    private static Class<?> forName(final String name)
    {
        try
        {
            return Class.forName(name, false, ConsensusModule.class.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException("this Aeron has no " + name + " (Aeron 1.47.7 expected)", ex);
        }
    }

    private static Field field(final Class<?> type, final String name)
    {
        try
        {
            final Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }
        catch (final NoSuchFieldException ex)
        {
            throw new IllegalStateException("this Aeron's " + type.getName() + " has no field " + name +
                " (Aeron 1.47.7 expected)", ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("access to Aeron's " + type.getName() + "." + name + " refused (" + ex +
                "): open package io.aeron.cluster to this module", ex);
        }
    }

    private static Object read(final Field field, final Object owner)
    {
        try
        {
            return field.get(owner);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException("cannot read Aeron's " + field.getName() + ": " + ex, ex);
        }
    }
}
