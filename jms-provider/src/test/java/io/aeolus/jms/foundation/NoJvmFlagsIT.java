package io.aeolus.jms.foundation;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.transport.AgronaAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client JVM started without {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} works, over IPC and over
 * UDP with its own embedded driver; where the export at run time is refused, the first call fails with a
 * JMSException naming the flag, never a raw IllegalAccessError.
 */
@Timeout(120)
class NoJvmFlagsIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRunAClientWithoutJvmFlags() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            final Result result = runClient(List.of(), broker.ipcUrl(), broker.udpUrl());
            assertEquals(0, result.exitCode, result.output);
            assertTrue(result.output.contains("ok " + broker.ipcUrl()), result.output);
            assertTrue(result.output.contains("ok " + broker.udpUrl()), result.output);
            assertFalse(result.output.contains("IllegalAccessError"), result.output);
        }
    }

    @Test
    void shouldNameTheFlagWhenTheExportIsRefused() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            final Result result = runClient(List.of("-D" + AgronaAccess.EXPORT_PROPERTY + "=false"), broker.ipcUrl());
            assertEquals(3, result.exitCode, result.output);
            assertTrue(result.output.contains("JMSException: this JVM needs the flag " + AgronaAccess.FLAG),
                result.output);
            assertFalse(result.output.contains("Exception in thread"), result.output);
        }
    }

    @Test
    void shouldWorkOrFailWithAJmsExceptionOnOtherInstalledJavas() throws Exception
    {
        final File[] jdks = new File("/usr/lib/jvm").listFiles((dir, name) ->
            name.matches(".*-(21|25)(-.*|\\.\\d.*)?") && new File(dir, name + "/bin/java").canExecute());
        Assumptions.assumeTrue(null != jdks && jdks.length > 0, "no Java 21 or 25 installed in /usr/lib/jvm");
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            for (final File jdk : jdks)
            {
                final Result result = runClient(jdk.getPath() + "/bin/java", List.of(), broker.ipcUrl());
                assertTrue(result.output.contains("ok " + broker.ipcUrl()) ||
                    result.output.contains("JMSException: the Aeron transport's Agrona library does not run on Java"),
                    jdk + ": " + result.output);
                assertFalse(result.output.contains("Exception in thread"), jdk + ": " + result.output);
            }
        }
    }

    private static Result runClient(final List<String> jvmOptions, final String... urls) throws Exception
    {
        return runClient(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            jvmOptions, urls);
    }

    private static Result runClient(final String java, final List<String> jvmOptions, final String... urls)
        throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx128m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(NoFlagClient.class.getName());
        command.addAll(List.of(urls));
        final Path output = Files.createTempFile("no-flag-client", ".log");
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("client did not finish: " + read(output));
            }
            return new Result(process.exitValue(), read(output));
        }
        finally
        {
            Files.deleteIfExists(output);
        }
    }

    private static String read(final Path output) throws IOException
    {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private record Result(int exitCode, String output)
    {
    }
}
