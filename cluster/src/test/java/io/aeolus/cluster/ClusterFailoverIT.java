package io.aeolus.cluster;

import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members as separate processes; the leader is killed with SIGKILL three times while producers send
 * persistent messages synchronously and consumers receive: nothing confirmed is lost, nothing confirmed arrives twice
 * unless flagged as redelivered, each producer's order is kept. Then quorum: two members down refuse sends with a
 * clear error, and the group resumes when one returns.
 */
class ClusterFailoverIT
{
    private static final List<String> MEMBER_OPTIONS = List.of(
        "-Daeolus.cluster.heartbeat.interval=100ms",
        "-Daeolus.cluster.leader.timeout=1s",
        "-Daeolus.cluster.election.timeout=500ms",
        "-Daeolus.cluster.snapshot.interval=0");
    private static final String LOAD_USER = "load";
    private static final String LOAD_PASSWORD = "load-secret";
    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 2;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, Set<Long>> confirmed = new ConcurrentHashMap<>();
    private final List<List<long[]>> received = new CopyOnWriteArrayList<>();
    private final AtomicLong confirmedCount = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldLoseNothingConfirmedWhenTheLeaderIsKilledThreeTimes() throws Exception
    {
        runUnderLoad(this::killTheLeaderThreeTimes);
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldLoseNothingConfirmedInARollingRestartOfEveryMember() throws Exception
    {
        runUnderLoad(this::restartEveryMemberInTurn);
    }

    /**
     * The leader loses its network (a member namespace's link to the bridge goes down: no member and no client
     * reaches it) under load: it steps down, the other two elect a leader, the clients move to it; confirmed sends
     * go on; nothing confirmed is lost; healed, the old leader follows.
     */
    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldLoseNothingConfirmedWhenThePartitionedLeaderIsReplaced() throws Exception
    {
        final MemberNamespaces network;
        try
        {
            network = MemberNamespaces.create(3);
        }
        catch (final UnsupportedOperationException ex)
        {
            Assumptions.abort("network namespaces unavailable: " + ex.getMessage());
            return;
        }
        try (network)
        {
            // The clients reach the members over the namespaces' bridge, not loopback: development mode would refuse
            // them as anonymous, so the members run with security on and the clients log in.
            final Path users = dir.resolve("users");
            final UsersFile file = UsersFile.loadOrCreate(users);
            file.put(new UserAccount(LOAD_USER, ScramCredential.derive(LOAD_PASSWORD, 4096),
                Set.of(AccessPolicy.ADMIN_ROLE)));
            file.save();
            final List<String> options = new ArrayList<>(MEMBER_OPTIONS);
            options.add("-Daeolus.broker.security=on");
            options.add("-Daeolus.broker.security.users.file=" + users);
            runUnderLoad(new ClusterProcesses(dir, network.addresses(), options, network::prefix),
                "&user=" + LOAD_USER + "&password=" + LOAD_PASSWORD, group -> partitionTheLeader(group, network));
        }
    }

    private void partitionTheLeader(final ClusterProcesses group, final MemberNamespaces network) throws Exception
    {
        final long before = confirmedCount.get();
        ClusterRig.await("progress before the partition", 120_000, () -> confirmedCount.get() >= before + 60);
        final int leader = group.awaitLeader(60_000, -1);
        network.cut(leader);
        try
        {
            final int newLeader = group.awaitLeader(60_000, leader);
            // Cut off from every follower, the old leader steps down into an election it cannot win: it commits
            // nothing more, and its role (the consensus module's, printed by the member and in JMX) says so.
            final String[] oldLeader = {""};
            ClusterRig.await("the cut-off leader stepping down", 60_000, () ->
            {
                oldLeader[0] = ElectionProbe.consensusState(group.aeronDirectory(leader));
                return !oldLeader[0].endsWith("election CLOSED");
            });
            System.out.println("partition: member " + leader + " cut off, member " + newLeader + " leads; the old " +
                "leader's consensus module: " + oldLeader[0]);
            ClusterRig.await("the cut-off leader saying it no longer leads", 30_000,
                () -> !"LEADER".equals(group.role(leader)));
            final long afterCut = confirmedCount.get();
            ClusterRig.await("confirmed sends through the new leader " + newLeader, 120_000,
                () -> confirmedCount.get() > afterCut + 30);
        }
        finally
        {
            network.heal(leader);
        }
        ClusterRig.await("the old leader " + leader + " following again", 120_000, () -> group.hasJoined(leader));
    }

    private void runUnderLoad(final Disruption disruption) throws Exception
    {
        runUnderLoad(new ClusterProcesses(dir, 3, MEMBER_OPTIONS), "", disruption);
    }

    /**
     * @param login the URL's user and password query options ({@code &user=..&password=..}), or empty.
     */
    private void runUnderLoad(final ClusterProcesses members, final String login, final Disruption disruption)
        throws Exception
    {
        try (ClusterProcesses group = members.startAll())
        {
            group.awaitLeader(90_000, -1);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(
                group.url("livenessTimeout=60s&requestTimeout=60s" + login));
            final List<Thread> threads = new ArrayList<>();
            final List<Connection> connections = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++)
            {
                final Connection connection = factory.createConnection();
                connections.add(connection);
                final List<long[]> log = new CopyOnWriteArrayList<>();
                received.add(log);
                threads.add(start("consumer-" + c, () -> consume(connection, log)));
            }
            final Connection transacted = factory.createConnection();
            connections.add(transacted);
            confirmed.put(PRODUCERS, ConcurrentHashMap.newKeySet());
            threads.add(start("producer-transacted", () -> produceInPairs(transacted, PRODUCERS)));
            for (int p = 0; p < PRODUCERS; p++)
            {
                final Connection connection = factory.createConnection();
                connections.add(connection);
                final int producer = p;
                confirmed.put(producer, ConcurrentHashMap.newKeySet());
                threads.add(start("producer-" + p, () -> produce(connection, producer)));
            }

            disruption.apply(group);
            final long end = confirmedCount.get();
            ClusterRig.await("progress after the kills", 120_000, () -> confirmedCount.get() >= end + 30);
            running.set(false);
            for (int p = CONSUMERS; p < threads.size(); p++)
            {
                threads.get(p).join(120_000);
            }
            ClusterRig.await("every confirmed message received", 120_000, this::allConfirmedReceived);
            for (final Thread thread : threads)
            {
                thread.interrupt();
            }
            for (final Connection connection : connections)
            {
                connection.close();
            }
            for (final Thread thread : threads)
            {
                thread.join(30_000);
            }
        }
        assertTrue(failures.isEmpty(), "failures: " + failures);
        assertNoUnflaggedDuplicateAndOrderKept();
        assertNoTransactionHalfApplied();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRefuseSendsWithoutQuorumAndResumeWhenAMemberReturns() throws Exception
    {
        try (ClusterProcesses group = new ClusterProcesses(dir, 3, MEMBER_OPTIONS).startAll())
        {
            final int leader = group.awaitLeader(90_000, -1);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(
                group.url("livenessTimeout=120s&requestTimeout=3s&sendTimeout=3s"));
            final AeolusConnectionFactory impatient = new AeolusConnectionFactory(
                group.url("livenessTimeout=4s&requestTimeout=3s"));
            final List<JMSException> patientFailures = new CopyOnWriteArrayList<>();
            final List<JMSException> impatientFailures = new CopyOnWriteArrayList<>();
            try (Connection connection = factory.createConnection();
                Connection other = impatient.createConnection())
            {
                connection.setExceptionListener(patientFailures::add);
                other.setExceptionListener(impatientFailures::add);
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("quorum"));
                producer.send(session.createTextMessage("before"));

                final int first = (leader + 1) % 3;
                final int second = (leader + 2) % 3;
                group.kill(first);
                group.kill(second);
                final long startNs = System.nanoTime();
                final JMSException refused = assertThrows(JMSException.class,
                    () -> producer.send(session.createTextMessage("without quorum")));
                final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                assertTrue(refused.getMessage().contains("no quorum"), refused.getMessage());
                assertTrue(waitedMs < 15_000, "refused after " + waitedMs + " ms");
                ClusterRig.await("the impatient connection's ExceptionListener", 60_000,
                    () -> !impatientFailures.isEmpty());
                assertTrue(impatientFailures.get(0).getMessage().contains("unreachable"),
                    impatientFailures.get(0).getMessage());

                group.start(first);
                group.awaitLeader(120_000, -1);
                ClusterRig.await("a send accepted again", 120_000, () ->
                {
                    try
                    {
                        producer.send(session.createTextMessage("after"));
                        return true;
                    }
                    catch (final JMSException ex)
                    {
                        return false;
                    }
                });
                final MessageConsumer consumer = session.createConsumer(session.createQueue("quorum"));
                connection.start();
                final Message message = consumer.receive(30_000);
                assertNotNull(message);
                assertEquals("before", ((jakarta.jms.TextMessage)message).getText());
                assertTrue(patientFailures.isEmpty(), "ExceptionListener called: " + patientFailures);
            }
        }
    }

    private void killTheLeaderThreeTimes(final ClusterProcesses group) throws Exception
    {
        for (int kill = 0; kill < 3; kill++)
        {
            final long before = confirmedCount.get();
            ClusterRig.await("progress before kill " + kill, 120_000, () -> confirmedCount.get() >= before + 60);
            final int leader = group.awaitLeader(60_000, -1);
            group.kill(leader);
            group.awaitLeader(60_000, leader);
            final long afterKill = confirmedCount.get();
            ClusterRig.await("a confirmed send after kill " + kill, 120_000,
                () -> confirmedCount.get() > afterKill);
            group.start(leader);
            ClusterRig.await("member " + leader + " rejoined", 120_000,
                () -> group.hasJoined(leader));
        }
    }

    /**
     * Stops each member in turn (SIGTERM, the way an operator restarts one), waits for a leader and progress, starts
     * it again and waits until it follows before the next.
     */
    private void restartEveryMemberInTurn(final ClusterProcesses group) throws Exception
    {
        for (int member = 0; member < 3; member++)
        {
            final long before = confirmedCount.get();
            ClusterRig.await("progress before restarting member " + member, 120_000,
                () -> confirmedCount.get() >= before + 60);
            final int stopped = member;
            group.stop(stopped);
            group.awaitLeader(60_000, stopped);
            final long afterStop = confirmedCount.get();
            ClusterRig.await("a confirmed send with member " + stopped + " down", 120_000,
                () -> confirmedCount.get() > afterStop);
            group.start(stopped);
            ClusterRig.await("member " + stopped + " rejoined", 120_000, () -> group.hasJoined(stopped));
        }
    }

    @FunctionalInterface
    private interface Disruption
    {
        void apply(ClusterProcesses group) throws Exception;
    }

    private Thread start(final String name, final ThrowingRunnable body)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable ex)
            {
                if (running.get())
                {
                    failures.add(ex);
                }
            }
        }, name);
        thread.start();
        return thread;
    }

    private void produce(final Connection connection, final int producerId) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue("failover"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long seq = 0; running.get(); seq++)
        {
            final Message message = session.createTextMessage("p" + producerId + "-" + seq);
            message.setIntProperty("producer", producerId);
            message.setLongProperty("seq", seq);
            producer.send(message);
            confirmed.get(producerId).add(seq);
            confirmedCount.incrementAndGet();
        }
    }

    /**
     * Sends two messages per transaction: either both arrive or neither (a commit refused at a failover).
     */
    private void produceInPairs(final Connection connection, final int producerId) throws JMSException
    {
        final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageProducer producer = session.createProducer(session.createQueue("failover"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long seq = 0; running.get(); seq += 2)
        {
            for (long half = seq; half < seq + 2; half++)
            {
                final Message message = session.createTextMessage("t" + half);
                message.setIntProperty("producer", producerId);
                message.setLongProperty("seq", half);
                producer.send(message);
            }
            try
            {
                session.commit();
            }
            catch (final jakarta.jms.TransactionRolledBackException ex)
            {
                continue;
            }
            confirmed.get(producerId).add(seq);
            confirmed.get(producerId).add(seq + 1);
            confirmedCount.addAndGet(2);
        }
    }

    private void assertNoTransactionHalfApplied()
    {
        final Set<Long> seen = new HashSet<>();
        for (final List<long[]> log : received)
        {
            for (final long[] entry : log)
            {
                if (entry[0] == PRODUCERS)
                {
                    seen.add(entry[1]);
                }
            }
        }
        for (final long seq : seen)
        {
            assertTrue(seen.contains(seq ^ 1), "transaction of messages " + (seq & ~1L) + " and " + (seq | 1L) +
                " half applied: only " + seq + " arrived");
        }
    }

    private void consume(final Connection connection, final List<long[]> log) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue("failover"));
        connection.start();
        while (!Thread.currentThread().isInterrupted())
        {
            final Message message = consumer.receive(200);
            if (null != message)
            {
                log.add(new long[]{message.getIntProperty("producer"), message.getLongProperty("seq"),
                    message.getJMSRedelivered() ? 1 : 0});
            }
        }
    }

    private boolean allConfirmedReceived()
    {
        final Set<Long> seen = new HashSet<>();
        for (final List<long[]> log : received)
        {
            for (final long[] entry : log)
            {
                seen.add(entry[0] * 1_000_000_000L + entry[1]);
            }
        }
        for (final Map.Entry<Integer, Set<Long>> entry : confirmed.entrySet())
        {
            for (final long seq : entry.getValue())
            {
                if (!seen.contains(entry.getKey() * 1_000_000_000L + seq))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private void assertNoUnflaggedDuplicateAndOrderKept()
    {
        final Map<Long, Integer> unflagged = new HashMap<>();
        for (final List<long[]> log : received)
        {
            final Map<Long, Long> lastSeqByProducer = new HashMap<>();
            for (final long[] entry : log)
            {
                final long key = entry[0] * 1_000_000_000L + entry[1];
                if (entry[2] == 0)
                {
                    unflagged.merge(key, 1, Integer::sum);
                    final Long last = lastSeqByProducer.put(entry[0], entry[1]);
                    assertTrue(null == last || last < entry[1], "producer " + entry[0] + ": seq " + entry[1] +
                        " after " + last + " without JMSRedelivered");
                }
            }
        }
        for (final Map.Entry<Long, Integer> entry : unflagged.entrySet())
        {
            assertEquals(1, entry.getValue(), "message " + entry.getKey() + " delivered twice without JMSRedelivered");
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable
    {
        void run() throws Exception;
    }
}
