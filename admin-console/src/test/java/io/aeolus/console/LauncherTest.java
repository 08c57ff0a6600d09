package io.aeolus.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defect 9: the console's JVM flags (a measured heap limit and the serial collector) are the ones the
 * README's console command and {@code dist/aeolus-console} start it with, and a console started without a heap limit
 * says how to start it.
 */
@Timeout(30)
class LauncherTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeCommandsStartTheConsoleWithItsFlags() throws Exception
    {
        final List<String> commands = Files.readAllLines(ROOT.resolve("README.md")).stream()
            .filter((line) -> line.contains("-jar admin-console/target/aeolus-console.jar"))
            .toList();
        assertTrue(commands.size() >= 2, "the README's console commands: " + commands);
        for (final String command : commands)
        {
            assertTrue(command.startsWith("java " + Launcher.JVM_FLAGS + " -jar "), command);
        }
    }

    @Test
    void theDistLauncherStartsTheConsoleWithItsFlags() throws Exception
    {
        final Path script = ROOT.resolve("dist").resolve("aeolus-console");
        final String text = Files.readString(script);
        assertTrue(text.contains("console_flags=\"" + Launcher.JVM_FLAGS + "\"\n"), "the flags in " + script);
        assertTrue(text.contains("exec \"${JAVA:-java}\" $console_flags $JAVA_OPTS -jar \"$jar\" \"$@\""),
            "the script runs the jar with them");
        assertTrue(Files.isExecutable(script), script + " is executable");
    }

    @Test
    void aConsoleStartedWithoutAHeapLimitSaysHowToStartIt()
    {
        final String advice = Launcher.heapAdvice(List.of("-Dprism.order=sw"), 6L << 30);

        assertTrue(advice.contains("6144 MiB"), advice);
        assertTrue(advice.contains("java " + Launcher.JVM_FLAGS + " -jar aeolus-console.jar"), advice);
        assertTrue(advice.contains("dist/aeolus-console"), advice);
    }

    @Test
    void aConsoleStartedWithAHeapLimitSaysNothing()
    {
        assertEquals("", Launcher.heapAdvice(List.of("-Xmx256m", "-XX:+UseSerialGC"), 256L << 20));
        assertEquals("", Launcher.heapAdvice(List.of("-XX:MaxRAMPercentage=10"), 2L << 30));
        assertEquals("", Launcher.heapAdvice(List.of("-XX:MaxHeapSize=300m"), 300L << 20));
    }
}
