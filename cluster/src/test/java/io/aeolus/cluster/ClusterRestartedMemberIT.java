package io.aeolus.cluster;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A leader killed while a member restarted moments before still catches up (BENCHMARKS.md, "Failover stage by
 * stage"): Aeron Cluster treats a member elected in the first election after its start as a whole group starting
 * and closes every client session it knows, telling no client. {@link StartupElectionGuard} clears that mark of the
 * member's first election ({@link StartupElectionMark}), so whichever survivor leads keeps the session and the
 * client's sends are confirmed. ({@code ClusterFirstElectionLeaderIT} makes sure the restarted member leads.)
 */
class ClusterRestartedMemberIT
{
    private static final List<String> MEMBER_OPTIONS = List.of(
        "-Daeolus.cluster.heartbeat.interval=100ms",
        "-Daeolus.cluster.leader.timeout=1s",
        "-Daeolus.cluster.election.timeout=500ms",
        "-Daeolus.cluster.snapshot.interval=0");
    /**
     * Rounds of restart and kill. The leader dies while the restarted member, its log as long as the other
     * survivor's, still catches up (the catch-up chases the sends that go on meanwhile): its first election restarts
     * and either survivor may win, so each round gives the restarted member a chance to close the sessions.
     */
    private static final int ROUNDS = 6;
    /** Sent by the test's producer while a member is down (another producer sends all along). */
    private static final int BACKLOG = 20;
    private static final int SIZE = 1024;
    private static final long REQUEST_TIMEOUT_MS = 20_000;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sendsAreConfirmedWhenTheLeaderDiesWhileARestartedMemberCatchesUp() throws Exception
    {
        try (ClusterProcesses group = new ClusterProcesses(dir, 3, MEMBER_OPTIONS).startAll())
        {
            int leader = group.awaitLeader(90_000, -1);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(
                group.url("livenessTimeout=120s&requestTimeout=" + REQUEST_TIMEOUT_MS / 1000 + "s"));
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("backlog"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                final byte[] body = body();
                long sent = 0;
                final AtomicBoolean running = new AtomicBoolean(true);
                final AtomicLong sentAlongside = new AtomicLong();
                final List<Throwable> failures = new CopyOnWriteArrayList<>();
                final Thread alongside = new Thread(() -> sendAlongside(connection, running, sentAlongside,
                    failures), "sends-alongside");
                alongside.start();
                int down = (leader + 1) % 3;
                group.kill(down);
                for (int round = 0; round < ROUNDS; round++)
                {
                    for (int i = 0; i < BACKLOG; i++)
                    {
                        send(session, producer, body, sent++);
                    }
                    final int restarted = down;
                    group.start(restarted);
                    // Its first role line: its consensus module runs (its counters are no longer the killed one's).
                    ClusterRig.await("member " + restarted + " started", 90_000, () -> null != group.role(restarted));
                    // Its service in the leader's term, its consensus module still catching up (first election).
                    final String[] atKill = new String[1];
                    ClusterRig.await("member " + restarted + " in the leader's term", 90_000, () ->
                        isCaughtUp(group, restarted, atKill));
                    group.kill(leader);
                    // Without the guard, when the restarted member won, this send failed after requestTimeout ("the
                    // broker group has not answered"): the new leader had closed the session and told nobody.
                    send(session, producer, body, sent++);
                    final int newLeader = group.awaitLeader(90_000, leader);
                    System.out.printf("round %d: member %d restarted (%s when member %d was killed), member %d " +
                        "leads%n", round, restarted, atKill[0], leader, newLeader);
                    down = leader;
                    leader = newLeader;
                }
                running.set(false);
                alongside.join(60_000);
                assertEquals(List.of(), failures, "sends alongside");
                final int last = down;
                group.start(last);
                ClusterRig.await("member " + last + " rejoined", 90_000, () -> group.hasJoined(last));
                assertEverythingArrives(connection, new long[]{sent, sentAlongside.get()});
            }
        }
    }

    /**
     * The restarted member's service has applied the log into the leader's term while its consensus module still
     * catches up (the moment the benchmark met the stall 5 times of 5); seen past it (joining the log, or its
     * election over), the round proves nothing and harms nothing.
     */
    private static boolean isCaughtUp(final ClusterProcesses group, final int member, final String[] state)
    {
        state[0] = ElectionProbe.consensusState(group.aeronDirectory(member));
        return state[0].endsWith("FOLLOWER_CATCHUP") && group.hasJoined(member) ||
            state[0].endsWith("FOLLOWER_LOG_INIT") || state[0].endsWith("FOLLOWER_LOG_AWAIT") ||
            state[0].endsWith("FOLLOWER_READY") || state[0].endsWith("CLOSED");
    }

    private static void sendAlongside(final Connection connection, final AtomicBoolean running,
        final AtomicLong sent, final List<Throwable> failures)
    {
        try
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("backlog"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            final byte[] body = body();
            while (running.get())
            {
                final BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setIntProperty("producer", 1);
                message.setLongProperty("seq", sent.get());
                producer.send(message);
                sent.incrementAndGet();
            }
        }
        catch (final Exception ex)
        {
            failures.add(ex);
        }
    }

    /**
     * A body without zero bytes: a member killed while its archive records a zero-filled fragment across a page
     * boundary refuses to start again (Aeron Archive 1.47 takes the zeros for an unwritten page: "potentially
     * incomplete last fragment straddling page boundary"), which met this test once in about 25 restarts.
     */
    private static byte[] body()
    {
        final byte[] body = new byte[SIZE];
        for (int i = 0; i < body.length; i++)
        {
            body[i] = (byte)(1 + i % 255);
        }
        return body;
    }

    private static void send(final Session session, final MessageProducer producer, final byte[] body,
        final long sequence) throws Exception
    {
        final BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        message.setIntProperty("producer", 0);
        message.setLongProperty("seq", sequence);
        // A synchronous persistent send: confirmed once a majority holds it, or a JMSException after requestTimeout.
        producer.send(message);
    }

    /**
     * Every confirmed send arrives, in each producer's order, a second copy only as a flagged redelivery.
     */
    private static void assertEverythingArrives(final Connection connection, final long[] sent) throws Exception
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue("backlog"));
        connection.start();
        final long[] expected = new long[sent.length];
        while (expected[0] < sent[0] || expected[1] < sent[1])
        {
            final BytesMessage message = (BytesMessage)consumer.receive(30_000);
            assertNotNull(message, "messages " + Arrays.toString(expected) + " of " + Arrays.toString(sent));
            final int producer = message.getIntProperty("producer");
            final long sequence = message.getLongProperty("seq");
            if (sequence < expected[producer] && message.getJMSRedelivered())
            {
                continue;
            }
            assertEquals(expected[producer], sequence, "producer " + producer + " in order, each once");
            expected[producer]++;
        }
    }
}
