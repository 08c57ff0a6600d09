package io.aeolus.ra;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance test of the resource adapter in a real Jakarta EE container: Payara Micro, started as its own JVM,
 * deploys the .rar and a small application (an MDB writing to an H2 XA data source, a stateless bean sending through
 * the adapter's pooled connection factory); the broker runs embedded in this JVM and the container reaches it over
 * UDP. The {@code container-it} profile (on unless {@code -DskipTests}) fetches Payara Micro and sets
 * {@code payara.micro.jar}.
 */
@Timeout(300)
class PayaraContainerIT
{
    private static final String PAYARA = System.getProperty("payara.micro.jar");
    private static final long DEADLINE_MS = 60_000;

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private static Process payara;
    private static Path payaraLog;
    private static String base;
    private static Connection connection;
    private static Session session;

    @BeforeAll
    static void startContainer() throws Exception
    {
        assumeTrue(null != PAYARA && Files.isRegularFile(Paths.get(PAYARA)),
            "Payara Micro not given (payara.micro.jar): the container-it profile is off (-DskipTests)");
        final Broker.Context ctx = EmbeddedBroker.isolatedContext(dir.resolve("data"))
            .destinationSetting("ee.#", "max.delivery.attempts", "3");
        broker = EmbeddedBroker.start(ctx);
        connection = new AeolusConnectionFactory(broker.udpUrl()).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

        final Path deploy = Files.createDirectories(dir.resolve("deploy"));
        final Path rar = deploy.resolve("aeolus-ra.rar");
        Files.copy(Paths.get(System.getProperty("aeolus.rar")), rar);
        final Path war = buildWar(deploy.resolve("app.war"));
        final int port = freePort();
        base = "http://127.0.0.1:" + port + "/app/do/";
        payaraLog = dir.resolve("payara.log");
        payara = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx768m", "-D" + AeolusResourceAdapter.SERVER_URL_PROPERTY + "=" + broker.udpUrl(),
            "-jar", PAYARA, "--nocluster", "--port", String.valueOf(port),
            "--rootdir", dir.resolve("payara-root").toString(),
            "--deploy", rar.toString(), "--deploy", war.toString())
            .redirectErrorStream(true).redirectOutput(payaraLog.toFile()).start();
        awaitHttp(180_000);
    }

    @AfterAll
    static void stopContainer() throws Exception
    {
        if (null != payara)
        {
            payara.destroy();
            if (!payara.waitFor(30, TimeUnit.SECONDS))
            {
                payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // Kept for a look after the run: the temporary directory goes.
            Files.copy(payaraLog, Paths.get("target", "payara-container-it.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (null != connection)
        {
            connection.close();
        }
        if (null != broker)
        {
            broker.close();
        }
    }

    @Test
    void shouldWriteTheRowOfEachDeliveryInTheSameTransaction() throws Exception
    {
        send("ee.orders", "ok-1");

        awaitRow("ok-1#1");
    }

    @Test
    void shouldWriteEveryOrderOfABatchExactlyOnce() throws Exception
    {
        final int count = 300;
        final long startNs = System.nanoTime();
        try (jakarta.jms.MessageProducer producer = session.createProducer(session.createQueue("ee.orders")))
        {
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage(String.format("bulk-%04d", i)));
            }
        }
        final long deadline = System.currentTimeMillis() + DEADLINE_MS * 2;
        List<String> bulk = List.of();
        while (bulk.size() < count && System.currentTimeMillis() < deadline)
        {
            bulk = Stream.of(get("rows").split("\n")).filter((row) -> row.startsWith("bulk-")).toList();
            Thread.sleep(200);
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertEquals(count, bulk.size(), "every order written once\n" + logTail());
        assertEquals(count, bulk.stream().distinct().count());
        assertTrue(bulk.stream().allMatch((row) -> row.endsWith("#1")), "none redelivered");
        System.out.printf("PayaraContainerIT: %d MDB deliveries (XA: receive + H2 insert, 2 sessions) in %d ms, " +
            "%.0f/s%n", count, elapsedMs, count * 1000.0 / elapsedMs);
    }

    @Test
    void shouldRollBackRowAndReceiveWhenTheBeanThrowsThenDeadLetterAfterTheLimit() throws Exception
    {
        send("ee.orders", "fail-1");

        final MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.ee.orders"));
        final Message dead = dlq.receive(DEADLINE_MS);
        dlq.close();
        assertNotNull(dead, "after 3 failed deliveries the broker dead-letters the order\n" + logTail());
        assertEquals("fail-1", ((TextMessage)dead).getText());
        assertEquals(3, dead.getIntProperty("AEOLUS_DLQ_DELIVERY_COUNT"));
        assertFalse(get("rows").contains("fail-1"), "each failed delivery's row was rolled back with it");
        assertFalse(Files.readString(payaraLog).contains("lost its connection"),
            "a bean's failure does not make the adapter reconnect");
    }

    @Test
    void shouldSendNothingFromAContainerTransactionThatRollsBack() throws Exception
    {
        final MessageConsumer consumer = session.createConsumer(session.createQueue("ee.sent"));
        assertEquals("sent", get("send?queue=ee.sent&text=dropped&rollback=true"));
        assertEquals("sent", get("send?queue=ee.sent&text=kept&rollback=false"));

        final Message first = consumer.receive(DEADLINE_MS);
        assertNotNull(first);
        assertEquals("kept", ((TextMessage)first).getText(), "the rolled-back send never arrives");
        assertNull(consumer.receive(500));
        consumer.close();
    }

    @Test
    void shouldSendNothingThroughAJMSContextInATransactionThatRollsBack() throws Exception
    {
        final MessageConsumer consumer = session.createConsumer(session.createQueue("ee.context"));
        assertEquals("sent", get("send?api=context&queue=ee.context&text=dropped&rollback=true"));
        assertEquals("sent", get("send?api=context&queue=ee.context&text=kept&rollback=false"));

        final Message first = consumer.receive(DEADLINE_MS);
        assertNotNull(first);
        assertEquals("kept", ((TextMessage)first).getText(), "the rolled-back send never arrives");
        assertNull(consumer.receive(500));
        consumer.close();
    }

    @Test
    void shouldRefuseWhatJakartaMessagingForbidsInAContainer() throws Exception
    {
        assertEquals("setClientID stop secondSession", get("refusals"));
    }

    private static void send(final String queue, final String text) throws Exception
    {
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
    }

    private static void awaitRow(final String row) throws Exception
    {
        final long deadline = System.currentTimeMillis() + DEADLINE_MS;
        String rows = "";
        while (System.currentTimeMillis() < deadline)
        {
            rows = get("rows");
            if (List.of(rows.split("\n")).contains(row))
            {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no row " + row + " within " + DEADLINE_MS + " ms; rows: " + rows + "\n" + logTail());
    }

    private static String get(final String path) throws IOException
    {
        final HttpURLConnection http = (HttpURLConnection)URI.create(base + path).toURL().openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(30_000);
        final int status = http.getResponseCode();
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream())
        {
            final String body = null == in ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(status < 400, "GET " + path + " answered " + status + ": " + body);
            return body.trim();
        }
    }

    private static void awaitHttp(final long timeoutMs) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            if (!payara.isAlive())
            {
                throw new AssertionError("Payara Micro exited with " + payara.exitValue() + "\n" + logTail());
            }
            try
            {
                get("rows");
                return;
            }
            catch (final IOException | AssertionError notYet)
            {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the application did not answer within " + timeoutMs + " ms\n" + logTail());
    }

    private static String logTail()
    {
        try
        {
            final List<String> lines = Files.readAllLines(payaraLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no Payara log: " + ex + ")";
        }
    }

    private static Path buildWar(final Path war) throws Exception
    {
        final Path classes = Paths.get(OrderListenerLocation.CLASSES);
        final Path h2 = Paths.get(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out))
        {
            final Path app = classes.resolve("io/aeolus/ra/app");
            try (Stream<Path> files = Files.list(app))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    add(zip, "WEB-INF/classes/" + classes.relativize(file).toString().replace('\\', '/'), file);
                }
            }
            add(zip, "WEB-INF/glassfish-ejb-jar.xml", classes.resolve("container-app/glassfish-ejb-jar.xml"));
            add(zip, "WEB-INF/lib/" + h2.getFileName(), h2);
        }
        return war;
    }

    private static void add(final ZipOutputStream zip, final String name, final Path file) throws IOException
    {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * Where the compiled test application lies.
     */
    private static final class OrderListenerLocation
    {
        static final String CLASSES;

        static
        {
            try
            {
                CLASSES = Paths.get(io.aeolus.ra.app.OrderListener.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
            }
            catch (final java.net.URISyntaxException ex)
            {
                throw new ExceptionInInitializerError(ex);
            }
        }
    }
}
