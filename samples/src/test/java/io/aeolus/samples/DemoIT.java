package io.aeolus.samples;

import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command: the samples jar's demo starts a broker on its embedded defaults and shows messages
 * flowing. Run here as a separate process, with its Aeron directory and UDP port moved aside through system
 * properties so that it cannot meet a broker already running on this machine.
 */
@Timeout(120)
class DemoIT
{
    @TempDir
    Path workDir;

    @Test
    void shouldStartABrokerAndShowMessagesFlowing() throws Exception
    {
        final File jar = new File("target/aeolus-samples.jar");
        assertTrue(jar.isFile(), "samples jar not built at " + jar.getAbsolutePath());
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final Path output = workDir.resolve("demo.out");
        final Process process = new ProcessBuilder(List.of(
            System.getProperty("java.home") + "/bin/java", "-Xmx256m",
            "-Daeolus.broker.aeron.dir=" + aeronDir,
            "-Daeolus.broker.udp.endpoint=127.0.0.1:" + freeUdpPort(),
            "-jar", jar.getAbsolutePath(), "demo", "--duration", "3", "--rate", "500"))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        try
        {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "demo did not finish");
            final String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), text);
            assertTrue(text.contains("Aeolus broker started on its embedded defaults"), text);
            final Matcher done = Pattern.compile("demo done: sent (\\d+), received (\\d+)").matcher(text);
            assertTrue(done.find(), text);
            assertTrue(Long.parseLong(done.group(1)) > 0, text);
            assertTrue(Long.parseLong(done.group(2)) > 0, text);
        }
        finally
        {
            process.destroyForcibly();
            IoUtil.delete(new File(aeronDir), true);
            // The broker's claim on its Aeron directory, beside it.
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
