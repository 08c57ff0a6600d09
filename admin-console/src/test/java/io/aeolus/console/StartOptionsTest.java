package io.aeolus.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20: the console connects at start to the broker its command line names, with the password from a file or
 * the environment, and opens on the tab named; a bad command line is refused naming the problem.
 */
@Timeout(30)
class StartOptionsTest
{
    private static final String URL = "aeolus:udp://broker-host:5150";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void noArgumentsOpenTheConnectDialog()
    {
        final StartOptions options = parse();

        assertFalse(options.demo());
        assertFalse(options.connectsAtStart());
        assertEquals("", options.tabId());
    }

    @Test
    void aUrlUserAndPasswordFileConnectAtStart() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("password"), "s3cret\n");

        final StartOptions options = parse("--url", URL, "--user", "alice", "--password-file", file.toString(),
            "--tab", "destinations");

        assertTrue(options.connectsAtStart());
        assertEquals(URL, options.url());
        assertEquals("alice", options.user());
        assertArrayEquals("s3cret".toCharArray(), options.password(), "one trailing line break is not the password");
        assertEquals("destinationsTab", options.tabId());
        assertFalse(options.toString().contains("s3cret"), options.toString());
    }

    @Test
    void optionsTakeTheirValueAfterAnEqualsSignToo() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("password"), "pa ss\r\n");

        final StartOptions options =
            parse("--url=" + URL, "--user=alice", "--password-file=" + file, "--tab=Dead-Letters");

        assertEquals(URL, options.url());
        assertArrayEquals("pa ss".toCharArray(), options.password());
        assertEquals("deadLettersTab", options.tabId());
    }

    @Test
    void theUserAndPasswordComeFromTheEnvironmentAsForOtherClients() throws Exception
    {
        environment.put("AEOLUS_USER", "bob");
        environment.put("AEOLUS_PASSWORD_FILE", Files.writeString(dir.resolve("pw"), "from-file").toString());
        assertArrayEquals("from-file".toCharArray(), parse("--url", URL).password());
        assertEquals("bob", parse("--url", URL).user());

        environment.put("AEOLUS_PASSWORD", "direct");
        assertArrayEquals("direct".toCharArray(), parse("--url", URL).password(), "a password given directly wins");

        final Path own = Files.writeString(dir.resolve("own"), "own");
        assertArrayEquals("own".toCharArray(), parse("--url", URL, "--password-file", own.toString()).password(),
            "the command line wins over the environment");
    }

    @Test
    void withoutAUserTheLoginIsLeftToTheClient()
    {
        final StartOptions options = parse("--url", URL);

        assertEquals("", options.user());
        assertEquals(0, options.password().length);
    }

    @Test
    void demoDataWithATab()
    {
        final StartOptions options = parse("--demo", "--tab", "browser");

        assertTrue(options.demo());
        assertFalse(options.connectsAtStart());
        assertEquals("browserTab", options.tabId());
    }

    @Test
    void badCommandLinesAreRefusedNamingTheProblem()
    {
        assertRefused("unknown option --color", "--color");
        assertRefused("unexpected argument aeolus:udp://x:1", "aeolus:udp://x:1");
        assertRefused("--url needs a value", "--url");
        assertRefused("--url needs a value", "--url", "--tab", "browser");
        assertRefused("--url is given twice", "--url", URL, "--url=" + URL);
        assertRefused("--url broker-host:5150: a broker URL starts with aeolus:", "--url", "broker-host:5150");
        assertRefused("--demo shows demo data and connects to no broker", "--demo", "--url", URL);
        assertRefused("--demo takes no value", "--demo=yes");
        assertRefused("--user needs --url", "--user", "alice");
        assertRefused("--password-file needs --url", "--password-file", "/tmp/x");
        assertRefused("--tab queues: no such tab; one of dashboard, destinations, deadletters, browser", "--tab",
            "queues");
        assertRefused("no password for user alice: give --password-file FILE, or set AEOLUS_PASSWORD_FILE or " +
            "AEOLUS_PASSWORD", "--url", URL, "--user", "alice");
        final String missing = dir.resolve("missing").toString();
        assertRefused("--password-file " + missing + ": cannot read the password file (NoSuchFileException)",
            "--url", URL, "--user", "alice", "--password-file", missing);
    }

    @Test
    void anEmptyPasswordFileIsRefused() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("empty"), "\n");

        assertRefused("--password-file " + file + ": the password file is empty", "--url", URL, "--user", "alice",
            "--password-file", file.toString());
    }

    @Test
    void theLauncherPrintsHelpAndRefusesBadArgumentsBeforeAnyWindowOpens()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(0, Launcher.checkArguments(List.of("--help"), environment::get, print(out), print(err)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: aeolus-console"), out.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--password-file FILE"), out.toString());

        assertEquals(Launcher.BAD_ARGUMENTS,
            Launcher.checkArguments(List.of("--tab", "nope"), environment::get, print(out), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("aeolus-console: --tab nope: no such tab"),
            err.toString());

        assertEquals(-1, Launcher.checkArguments(List.of("--url", URL), environment::get, print(out), print(err)),
            "a good command line starts the console");
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private void assertRefused(final String expected, final String... args)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> parse(args));
        assertTrue(ex.getMessage().startsWith(expected), "expected \"" + expected + "\", got \"" + ex.getMessage() +
            "\"");
    }

    private StartOptions parse(final String... args)
    {
        return StartOptions.parse(List.of(args), environment::get);
    }
}
