package io.aeolus.cli;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.transport.auth.ScramCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code dist/aeolus} as an operator does, in its own JVM on the shaded jar: credentials from the environment,
 * the exit code and the JSON output, and the offline commands on files.
 */
@Timeout(180)
class AeolusScriptIT
{
    private static final Path SCRIPT = Path.of("..", "dist", "aeolus").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "aeolus-cli.jar").toAbsolutePath();
    private static final Path BROKER_JAR = Path.of("..", "broker", "target", "aeolus-broker.jar").toAbsolutePath()
        .normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** A finished process. */
    record Outcome(int exitCode, String out, String err)
    {
    }

    @Test
    void shouldReportTheStatusOfARunningBrokerWithCredentialsFromTheEnvironment() throws Exception
    {
        final Path dataDir = Files.createDirectories(dir.resolve("data"));
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("ops", ScramCredential.derive("ops-secret", 4096), Set.of("admin")));
        users.save();
        final Path password = Files.writeString(dir.resolve("ops.password"), "ops-secret\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)))
        {
            final Outcome status = aeolus(Map.of("AEOLUS_URL", broker.ipcUrl(), "AEOLUS_USER", "ops",
                "AEOLUS_PASSWORD_FILE", password.toString()), "status", "--json");

            assertEquals(0, status.exitCode(), status.err());
            assertTrue(TestJson.object(status.out()).containsKey("uptimeMs"), status.out());

            final Outcome anonymous = aeolus(Map.of("AEOLUS_URL", broker.ipcUrl()), "queue", "list");
            assertEquals(AeolusCli.DENIED, anonymous.exitCode(), anonymous.err());
            assertEquals(1, anonymous.err().lines().count(), anonymous.err());
        }
    }

    @Test
    void shouldRunTheCliCommandsGivenToTheBrokerJar() throws Exception
    {
        final Path dataDir = Files.createDirectories(dir.resolve("data"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)))
        {
            // No AEOLUS_CLI_JAR: the broker jar finds cli/target/aeolus-cli.jar in the source tree by itself.
            final Outcome status = run(Map.of("AEOLUS_URL", broker.ipcUrl()), List.of(JAVA, "-jar",
                BROKER_JAR.toString(), "status", "--json"));
            assertEquals(0, status.exitCode(), status.err());
            assertTrue(TestJson.object(status.out()).containsKey("uptimeMs"), status.out());

            final Outcome unknownQueue = run(Map.of("AEOLUS_URL", broker.ipcUrl()), List.of(JAVA, "-jar",
                BROKER_JAR.toString(), "queue", "stat", "no.such.queue"));
            assertTrue(unknownQueue.exitCode() != 0, unknownQueue.out());
            assertTrue(unknownQueue.err().contains("no.such.queue"), unknownQueue.err());
        }
    }

    @Test
    void shouldCheckConfigFilesAndManageUsersOffline() throws Exception
    {
        final Outcome shipped = aeolus(Map.of(), "config", "check", Path.of("..", "dist", "broker.properties")
            .toAbsolutePath().toString());
        assertEquals(0, shipped.exitCode(), shipped.out() + shipped.err());

        final Path bad = Files.writeString(dir.resolve("bad.properties"), "aeolus.broker.term.length=3k\n" +
            "aeolus.broker.no.such.option=1\naeolus.broker.journal.durability=maybe\n");
        final Outcome checked = aeolus(Map.of(), "config", "check", bad.toString(), "--json");
        assertEquals(1, checked.exitCode(), checked.err());
        final String problems = TestJson.object(checked.out()).get("problems").toString();
        assertTrue(problems.contains("aeolus.broker.term.length") && problems.contains("aeolus.broker.no.such.option")
            && problems.contains("aeolus.broker.journal.durability"), problems);

        final Path config = Files.writeString(dir.resolve("broker.properties"), "aeolus.broker.data.dir=" +
            dir.resolve("data") + "\naeolus.broker.security.iterations=4096\n");
        final Path password = Files.writeString(dir.resolve("alice.password"), "alice-secret\n");
        final Outcome added = aeolus(Map.of(), "user", "add", "alice", "--roles", "app", "--config",
            config.toString(), "--password-file", password.toString());
        assertEquals(0, added.exitCode(), added.err());
        assertTrue(added.out().contains(dir.resolve("data").resolve("users").toString()), added.out());
        assertTrue(added.err().contains("role 'app' grants nothing"), added.err());
    }

    private Outcome aeolus(final Map<String, String> environment, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        final Map<String, String> withJar = new HashMap<>(environment);
        withJar.put("AEOLUS_CLI_JAR", JAR.toString());
        return run(withJar, command);
    }

    private Outcome run(final Map<String, String> environment, final List<String> command)
        throws IOException, InterruptedException
    {
        final String[] args = command.toArray(new String[0]);
        final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf((name) -> name.startsWith("AEOLUS_"));
        builder.environment().putAll(environment);
        final Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("aeolus " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Outcome(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
            Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
