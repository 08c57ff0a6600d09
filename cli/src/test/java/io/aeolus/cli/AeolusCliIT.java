package io.aeolus.cli;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the {@code aeolus} command against a running broker with security on, as an administrator would: changes
 * through the CLI seen in its {@code --json} output, and every kind of bad input answered with one line naming the
 * problem and its exit code.
 */
@Timeout(120)
class AeolusCliIT
{
    private static final int ITERATIONS = 4096;

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private static Path rootPassword;
    private static Path carolPassword;

    /** One command's outcome. */
    record Result(int exitCode, String out, String err)
    {
    }

    @BeforeAll
    static void startBroker() throws Exception
    {
        final Path dataDir = Files.createDirectories(dir.resolve("data"));
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("root", ScramCredential.derive("root-secret", ITERATIONS), Set.of("admin")));
        users.put(new UserAccount("carol", ScramCredential.derive("carol-secret", ITERATIONS), Set.of("app")));
        users.save();
        rootPassword = Files.writeString(dir.resolve("root.password"), "root-secret\n");
        carolPassword = Files.writeString(dir.resolve("carol.password"), "carol-secret\n");
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "#")
            .securityRole("app", "deny.manage", "#")
            .destinationSetting("cli.events", "retention.time", "1h")
            .destinationSetting("cli.retry", "max.delivery.attempts", "1")
            .destinationSetting("cli.retry", "redelivery.delay", "0ms")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(ITERATIONS)));
    }

    @AfterAll
    static void stopBroker()
    {
        if (null != broker)
        {
            broker.close();
        }
    }

    @Test
    void shouldCreateSendBrowseMoveAndPurgeAQueue()
    {
        assertEquals(0, admin("queue", "create", "cli.orders").exitCode());
        for (int i = 0; i < 3; i++)
        {
            final Result sent = admin("queue", "send", "cli.orders", "--text", "order " + i, "--property",
                "region=" + (i < 2 ? "eu" : "us"), "--json");
            assertEquals(0, sent.exitCode(), sent.err());
            assertTrue(TestJson.object(sent.out()).get("sent").toString().startsWith("ID:"), sent.out());
        }

        final Map<String, Object> orders = queue(TestJson.array(admin("queue", "list", "--json").out()), "cli.orders");
        assertEquals(3L, orders.get("depth"));
        assertEquals(3L, TestJson.object(admin("queue", "stat", "cli.orders", "--json").out()).get("enqueued"));
        final List<Map<String, Object>> page = TestJson.array(
            admin("queue", "browse", "cli.orders", "--selector", "region = 'eu'", "--json").out());
        assertEquals(List.of("order 0", "order 1"), List.of(page.get(0).get("body"), page.get(1).get("body")));
        assertTrue(admin("queue", "list").out().lines().anyMatch((line) -> line.matches("cli\\.orders\\s+3\\s.*")));

        final Result moved = admin("queue", "move", "cli.orders", "cli.orders.held", "--selector", "region = 'eu'",
            "--json");
        assertEquals(2L, TestJson.object(moved.out()).get("moved"), moved.err());
        assertEquals(1L, TestJson.object(admin("queue", "purge", "cli.orders", "--json").out()).get("purged"));
        assertEquals(2L, TestJson.object(admin("queue", "purge", "cli.orders.held", "--json").out()).get("purged"));
        assertEquals(true, TestJson.object(admin("queue", "pause", "cli.orders", "--json").out()).get("changed"));
        assertEquals(true, queue(TestJson.array(admin("queue", "list", "--json").out()), "cli.orders")
            .get("paused"));
        assertEquals(0, admin("queue", "resume", "cli.orders").exitCode());
        assertEquals(0, admin("queue", "delete", "cli.orders.held").exitCode());
        assertFalse(admin("queue", "list").out().contains("cli.orders.held"));
    }

    @Test
    void shouldListAndCloseConnectionsAndDeleteASubscription() throws Exception
    {
        try (Connection app = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("carol", "carol-secret"))
        {
            app.setClientID("cli-subscriber");
            final Session session = app.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic("cli.prices"), "ticks").close();

            final List<Map<String, Object>> subscriptions =
                TestJson.array(admin("subscription", "list", "--json").out());
            assertTrue(subscriptions.stream().anyMatch((s) -> "ticks".equals(s.get("name")) &&
                "cli.prices".equals(s.get("topic"))), subscriptions.toString());
            final Result deleted = admin("subscription", "delete", "cli.prices", "ticks", "--client-id",
                "cli-subscriber");
            assertEquals(0, deleted.exitCode(), deleted.err());

            final Map<String, Object> carol = TestJson.array(admin("connection", "list", "--json").out()).stream()
                .filter((c) -> "carol".equals(c.get("user"))).findFirst().orElseThrow();
            final String id = carol.get("id").toString();
            assertEquals(0, admin("connection", "close", id).exitCode());
            final Result again = admin("connection", "close", id);
            assertEquals(AeolusCli.FAILED, again.exitCode());
            assertOneLine(again.err(), "UNKNOWN_CONNECTION");
        }
    }

    @Test
    void shouldSendDeadLettersBackToTheirQueue() throws Exception
    {
        assertEquals(0, admin("queue", "send", "cli.retry", "--text", "poison").exitCode());
        try (Connection app = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("root", "root-secret"))
        {
            app.start();
            final Session session = app.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("cli.retry")))
            {
                assertNotNull(consumer.receive(10_000));
                session.rollback();
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (0L == (Long)queue(TestJson.array(admin("queue", "list", "--json").out()), "DLQ.cli.retry").get("depth"))
        {
            assertTrue(System.nanoTime() - deadline < 0, "the message never reached DLQ.cli.retry");
        }

        final Result retried = admin("queue", "retry-dlq", "DLQ.cli.retry", "--json");

        assertEquals(1L, TestJson.object(retried.out()).get("retried"), retried.err());
        assertEquals(1L, TestJson.object(admin("queue", "stat", "cli.retry", "--json").out()).get("depth"));
    }

    @Test
    void shouldCreateListAndDeleteARoutingRule()
    {
        final Result created = admin("route", "create", "cli.split", "--source", "queue:cli.src", "--targets",
            "queue:cli.dst", "--selector", "region = 'eu'", "--mode", "exclusive");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(0, admin("queue", "send", "cli.src", "--text", "eu", "--property", "region=eu").exitCode());
        assertEquals(0, admin("queue", "send", "cli.src", "--text", "us", "--property", "region=us").exitCode());

        final List<Map<String, Object>> queues = TestJson.array(admin("queue", "list", "--json").out());
        assertEquals(1L, queue(queues, "cli.src").get("depth"));
        assertEquals(1L, queue(queues, "cli.dst").get("depth"));
        final List<Map<String, Object>> routes = TestJson.array(admin("route", "list", "--json").out());
        assertEquals(1, routes.size(), routes.toString());
        assertEquals("queue:cli.src", routes.get(0).get("source"));
        assertEquals("exclusive", routes.get(0).get("mode"));

        final Result loop = admin("route", "create", "cli.back", "--source", "queue:cli.dst", "--targets",
            "queue:cli.src");
        assertEquals(AeolusCli.FAILED, loop.exitCode());
        assertOneLine(loop.err(), "would make a loop");
        final Result badMode = admin("route", "create", "cli.bad", "--source", "queue:a", "--targets", "queue:b",
            "--mode", "sometimes");
        assertEquals(AeolusCli.FAILED, badMode.exitCode());
        assertOneLine(badMode.err(), "unknown mode 'sometimes'");
        final Result wildcard = admin("route", "create", "cli.bad", "--source", "queue:a", "--targets", "topic:b.#");
        assertEquals(AeolusCli.FAILED, wildcard.exitCode());
        assertOneLine(wildcard.err(), "contains a wildcard");

        assertEquals(0, admin("route", "delete", "cli.split").exitCode());
        assertOneLine(admin("route", "delete", "cli.split").err(), "no routing rule 'cli.split'");
        assertEquals(0, admin("queue", "purge", "cli.src").exitCode());
        assertEquals(0, admin("queue", "purge", "cli.dst").exitCode());
    }

    @Test
    void shouldCreateARoutingRuleWithATransformerAndASchemaFile() throws Exception
    {
        final Path schema = Files.writeString(dir.resolve("reading.schema.json"),
            "{\"type\": \"object\", \"required\": [\"celsius\"]}");

        final Result created = admin("route", "create", "cli.json", "--source", "queue:cli.xml", "--targets",
            "queue:cli.json", "--mode", "exclusive", "--transform", "xml-to-json", "--param", "root=drop",
            "--schema-file", schema.toString(), "--invalid", "dead-letter");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(0, admin("queue", "send", "cli.xml", "--text", "<r><celsius>20</celsius></r>").exitCode());

        final List<Map<String, Object>> routes = TestJson.array(admin("route", "list", "--json").out());
        final Map<String, Object> rule = routes.stream().filter((row) -> "cli.json".equals(row.get("name")))
            .findFirst().orElseThrow();
        assertEquals("xml-to-json", rule.get("transformer"));
        assertEquals("root=drop", rule.get("parameters"));
        assertTrue(String.valueOf(rule.get("schema")).contains("\"required\""), rule.toString());
        assertEquals("dead-letter", rule.get("invalid"));
        assertTrue(admin("route", "list").out().contains("xml-to-json"));
        final List<Map<String, Object>> queues = TestJson.array(admin("queue", "list", "--json").out());
        assertEquals(1L, queue(queues, "cli.json").get("depth"));
        final Result unknown = admin("route", "create", "cli.bad", "--source", "queue:a", "--targets", "queue:b",
            "--transform", "xslt");
        assertEquals(AeolusCli.FAILED, unknown.exitCode());
        assertOneLine(unknown.err(), "unknown transformer 'xslt'");
        final Result missing = admin("route", "create", "cli.bad", "--source", "queue:a", "--targets", "queue:b",
            "--schema-file", dir.resolve("none.json").toString());
        assertEquals(AeolusCli.USAGE, missing.exitCode());
        assertOneLine(missing.err(), "--schema-file: cannot read");

        assertEquals(0, admin("route", "delete", "cli.json").exitCode());
        assertEquals(0, admin("queue", "purge", "cli.json").exitCode());
    }

    @Test
    void shouldListRetentionAndReplayATopicIntoAQueue()
        throws Exception
    {
        try (jakarta.jms.JMSContext context = new AeolusConnectionFactory(broker.ipcUrl())
            .createContext("root", "root-secret"))
        {
            context.createProducer().send(context.createTopic("cli.events"), "e1");
            context.createProducer().send(context.createTopic("cli.events"), "e2");
        }

        final List<Map<String, Object>> retained = TestJson.array(admin("retention", "list", "--json").out());
        final Result replayed = admin("retention", "replay", "cli.events", "--into", "cli.replayed", "--from", "-1h",
            "--wait", "--json");
        final Result bad = admin("retention", "replay", "cli.events", "--into", "cli.replayed", "--from", "soon");

        assertEquals(1, retained.size(), retained.toString());
        assertEquals(2L, retained.get(0).get("retainedCount"));
        assertEquals(0, replayed.exitCode(), replayed.err());
        assertEquals("done", TestJson.object(replayed.out()).get("state"));
        assertEquals(2L, TestJson.object(replayed.out()).get("replayed"));
        assertEquals(2L, queue(TestJson.array(admin("queue", "list", "--json").out()), "cli.replayed").get("depth"));
        assertEquals(AeolusCli.FAILED, bad.exitCode());
        assertOneLine(bad.err(), "argument 'from' must be");
        assertTrue(admin("retention", "replays").out().contains("cli.replayed"));
        assertEquals(0, admin("queue", "purge", "cli.replayed").exitCode());
        final List<Map<String, Object>> page = TestJson.array(admin("retention", "browse", "cli.events", "--limit",
            "1", "--json").out());
        assertEquals(1, page.size(), page.toString());
        assertEquals("e1", page.get(0).get("body"));
        final Result next = admin("retention", "browse", "topic:cli.events", "--after",
            String.valueOf(page.get(0).get("sequence")));
        assertTrue(next.out().contains("e2") && !next.out().contains("e1"), next.out());
        assertOneLine(admin("retention", "browse", "cli.nowhere").err(), "'cli.nowhere' does not exist");
    }

    @Test
    void shouldShowTheBrokerStatusAndTopics()
    {
        assertEquals(0, admin("topic", "create", "cli.news").exitCode());

        final Map<String, Object> status = TestJson.object(admin("status", "--json").out());

        assertTrue(status.get("version").toString().length() > 0, status.toString());
        assertTrue(((Long)status.get("topics")) >= 1, status.toString());
        assertTrue(admin("topic", "list").out().contains("cli.news"));
        assertEquals(0, admin("topic", "delete", "cli.news").exitCode());
    }

    @Test
    void shouldAnswerBadInputWithOneLineAndAnExitCode() throws Exception
    {
        final Result unknown = run("frobnicate");
        assertEquals(AeolusCli.USAGE, unknown.exitCode());
        assertOneLine(unknown.err(), "'frobnicate'");

        final Result missing = run("queue", "stat");
        assertEquals(AeolusCli.USAGE, missing.exitCode());
        assertOneLine(missing.err(), "QUEUE");

        final Result badLimit = admin("queue", "browse", "x", "--limit", "0");
        assertEquals(AeolusCli.USAGE, badLimit.exitCode());
        assertOneLine(badLimit.err(), "--limit");

        final Result noSubcommand = run("queue");
        assertEquals(AeolusCli.USAGE, noSubcommand.exitCode());
        assertOneLine(noSubcommand.err(), "retry-dlq");

        final Result noQueue = admin("queue", "stat", "no.such.queue");
        assertEquals(AeolusCli.FAILED, noQueue.exitCode());
        assertOneLine(noQueue.err(), "no.such.queue");

        assertEquals(0, admin("queue", "create", "cli.bad").exitCode());
        final Result badSelector = admin("queue", "purge", "cli.bad", "--selector", "a = = b");
        assertEquals(AeolusCli.FAILED, badSelector.exitCode());
        assertOneLine(badSelector.err(), "INVALID_SELECTOR");

        final Result wrongPassword = run("status", "--url", broker.ipcUrl(), "--user", "root", "--password-file",
            carolPassword.toString());
        assertEquals(AeolusCli.DENIED, wrongPassword.exitCode());
        assertOneLine(wrongPassword.err(), "refused the login of user 'root'");

        final Result noPassword = run("status", "--url", broker.ipcUrl(), "--user", "root");
        assertEquals(AeolusCli.DENIED, noPassword.exitCode(), noPassword.err());
        assertOneLine(noPassword.err(), "no password given");

        final Result notAllowed = run("queue", "list", "--url", broker.ipcUrl(), "--user", "carol",
            "--password-file", carolPassword.toString());
        assertEquals(AeolusCli.DENIED, notAllowed.exitCode());
        assertOneLine(notAllowed.err(), "carol");

        final int port;
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Result unreachable = run("status", "--url", "aeolus:udp://127.0.0.1:" + port, "--user", "root",
            "--password-file", rootPassword.toString(), "--timeout", "2s");
        assertEquals(AeolusCli.UNREACHABLE, unreachable.exitCode(), unreachable.err());
        assertOneLine(unreachable.err(), "cannot connect to the broker at aeolus:udp://127.0.0.1:" + port);
    }

    @Test
    void shouldGiveHelpForEveryCommand()
    {
        final List<String> commands = new ArrayList<>();
        collect(new CommandLine(new AeolusCli()), commands);
        assertTrue(commands.size() > 20, commands.toString());
        for (final String command : commands)
        {
            final List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.remove(0);
            args.add("--help");

            final Result help = run(args.toArray(new String[0]));

            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: " + command), command + ": " + help.out());
        }
    }

    private static void collect(final CommandLine commandLine, final List<String> into)
    {
        into.add(commandLine.getCommandSpec().qualifiedName());
        commandLine.getSubcommands().values().forEach((sub) -> collect(sub, into));
    }

    private static Map<String, Object> queue(final List<Map<String, Object>> queues, final String name)
    {
        return queues.stream().filter((q) -> name.equals(q.get("name"))).findFirst()
            .orElseThrow(() -> new AssertionError("no queue " + name + " in " + queues));
    }

    @Test
    void shouldCreateWithSettingsShowSetAndResetThem()
    {
        final Result created = admin("queue", "create", "cli.settled", "--set", "max.delivery.attempts=2",
            "--set", "dead.letter.queue=cli.settled.failed");
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(0, admin("topic", "create", "cli.ticks", "--set", "memory.limit=1m").exitCode());
        assertEquals(0, admin("topic", "create", "cli.kept", "--set", "retention.time=1h").exitCode());

        final Map<String, Object> attempts = queue(TestJson.array(admin("queue", "settings", "cli.settled",
            "--json").out()), "max.delivery.attempts");
        final Map<String, Object> memory = queue(TestJson.array(admin("topic", "set", "cli.ticks", "--set",
            "memory.limit=2m", "--json").out()), "memory.limit");
        final Map<String, Object> reset = queue(TestJson.array(admin("queue", "reset", "cli.settled", "--setting",
            "max.delivery.attempts", "--json").out()), "max.delivery.attempts");
        final Map<String, Object> kept = queue(TestJson.array(admin("queue", "settings", "cli.settled",
            "--json").out()), "dead.letter.queue");
        final Result unknown = admin("queue", "set", "cli.settled", "--set", "colour=red");
        final Result retention = admin("topic", "set", "cli.kept", "--set", "retention.time=2h");
        // The broker is shared: the retention listing of another test expects its own topic only.
        assertEquals(0, admin("topic", "delete", "cli.kept").exitCode());

        assertEquals("2", attempts.get("value"));
        assertEquals(true, attempts.get("overridden"));
        assertEquals("2097152", memory.get("value"));
        assertEquals(true, memory.get("overridden"));
        assertEquals("10", reset.get("value"));
        assertEquals(false, reset.get("overridden"));
        assertEquals("cli.settled.failed", kept.get("value"));
        assertEquals(AeolusCli.FAILED, unknown.exitCode());
        assertOneLine(unknown.err(), "unknown setting 'colour'");
        assertEquals(AeolusCli.FAILED, retention.exitCode());
        assertOneLine(retention.err(), "cannot change on the existing topic 'cli.kept'");
    }

    @Test
    void shouldSayThatASingleBrokerIsNotAGroup()
    {
        final Result group = admin("group");

        assertEquals(AeolusCli.FAILED, group.exitCode());
        assertOneLine(group.err(), "group: this is a single broker, not a member of a broker group");
    }

    private static void assertOneLine(final String err, final String expected)
    {
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    private static Result admin(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", broker.ipcUrl(), "--user", "root", "--password-file", rootPassword.toString()));
        return run(all.toArray(new String[0]));
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = AeolusCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
