package io.aeolus.cluster;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that goes silent (its process stopped with SIGSTOP, as a long GC pause or a frozen VM would) loses its
 * session after {@code aeolus.cluster.session.timeout}: the group closes it, the message it held unacknowledged is
 * delivered again flagged, its temporary queue is gone; and when the process resumes, the old connection fails with
 * an error that says so while a new connection works.
 */
class ClusterSessionTimeoutIT
{
    private static final String QUEUE = "timeout";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCloseASilentClientsSessionAndTakeBackWhatItHeld() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of(BrokerConfiguration.CLUSTER_SESSION_TIMEOUT, "2s"))
            .startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(null);
                producer.send(session.createQueue(QUEUE), session.createTextMessage("held"));
                connection.start();

                final Process client = startClient(rig.url() + "?livenessTimeout=60s&requestTimeout=10s");
                final BlockingQueue<String> lines = read(client);
                try
                {
                    assertEquals("RECEIVED held redelivered=false", awaitLine(lines, "RECEIVED", 120));
                    awaitLine(lines, "READY", 60);
                    final MessageConsumer requests = session.createConsumer(session.createQueue(QUEUE + ".requests"));
                    final TextMessage request = (TextMessage)requests.receive(30_000);
                    assertNotNull(request, "the client's request");
                    final Destination replyTo = request.getJMSReplyTo();
                    assertInstanceOf(TemporaryQueue.class, replyTo);
                    producer.send(replyTo, session.createTextMessage("reply while the client is alive"));
                    final long timedOutBefore = rig.node(leader).timedOutClients();
                    assertEquals(2, rig.node(leader).service().connections());

                    signal(client, "STOP");
                    ClusterRig.await("the silent client's session closed", 60_000,
                        () -> rig.node(leader).service().connections() == 1);
                    assertEquals(timedOutBefore + 1, rig.node(leader).timedOutClients(),
                        "closed by the session timeout");

                    final MessageConsumer again = session.createConsumer(session.createQueue(QUEUE));
                    final TextMessage redelivered = (TextMessage)again.receive(30_000);
                    assertNotNull(redelivered, "what the silent client held");
                    assertEquals("held", redelivered.getText());
                    assertTrue(redelivered.getJMSRedelivered());
                    final InvalidDestinationException gone = assertThrows(InvalidDestinationException.class,
                        () -> producer.send(replyTo, session.createTextMessage("reply after the timeout")));
                    assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());

                    final List<String> after = resume(client, lines);
                    final String report = String.join(" | ", after);
                    System.out.println("client after the session timeout: " + report);
                    assertTrue(after.stream().anyMatch(l -> l.startsWith("SEND-FAILED") &&
                        l.contains("closed this client's session")), report);
                    assertTrue(after.stream().anyMatch(l -> l.startsWith("EXCEPTION") &&
                        l.contains("closed this client's session")), report);
                    assertTrue(after.contains("RECONNECT-OK"), report);
                    final TextMessage fromNewSession = (TextMessage)session.createConsumer(
                        session.createQueue(QUEUE + ".after")).receive(30_000);
                    assertEquals("new session", null == fromNewSession ? null : fromNewSession.getText());
                }
                finally
                {
                    signal(client, "CONT");
                    client.destroyForcibly();
                    client.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static List<String> resume(final Process client, final BlockingQueue<String> lines) throws Exception
    {
        signal(client, "CONT");
        final OutputStream stdin = client.getOutputStream();
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        final List<String> after = new ArrayList<>();
        String line;
        do
        {
            line = lines.poll(120, TimeUnit.SECONDS);
            assertNotNull(line, "the client did not finish; it said " + after);
            after.add(line);
        }
        while (!line.equals("DONE"));
        return after;
    }

    private Process startClient(final String url) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("-Xmx128m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterSessionClient.class.getName());
        command.add(url);
        command.add(QUEUE);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static BlockingQueue<String> read(final Process process)
    {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    System.out.println("client: " + line);
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // The process is gone.
            }
        }, "session-client-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(final BlockingQueue<String> lines, final String prefix, final long timeoutS)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        final List<String> seen = new ArrayList<>();
        while (true)
        {
            final String line = lines.poll(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (null == line)
            {
                throw new AssertionError("no line starting with " + prefix + " within " + timeoutS + " s; saw " + seen);
            }
            if (line.startsWith(prefix))
            {
                return line;
            }
            seen.add(line);
        }
    }

    private static void signal(final Process process, final String signal) throws IOException, InterruptedException
    {
        if (process.isAlive())
        {
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal);
        }
    }
}
