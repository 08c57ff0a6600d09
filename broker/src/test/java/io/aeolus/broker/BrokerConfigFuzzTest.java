package io.aeolus.broker;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the broker config file: any content either concludes into settings or is refused with an
 * {@link IllegalArgumentException} whose message names the bad option (or the file). Lines are built from the real
 * option names (and the per-destination and per-role prefixes) with fuzzed values, or are raw text.
 */
class BrokerConfigFuzzTest
{
    private static final String[] PREFIXES = {
        "aeolus.destination.", "aeolus.destination.orders.", "aeolus.destination.orders.#.",
        "aeolus.destination.orders.#.max.delivery.attempts", "aeolus.destination.*.redelivery.delay",
        "aeolus.security.role.", "aeolus.security.role.admin.", "aeolus.security.role.app.send" };

    private static Path configFile;

    @BeforeAll
    static void createFile() throws IOException
    {
        // A file per input: in memory (tmpfs) where there is one, so the disk does not set the pace.
        final Path shm = Path.of("/dev/shm");
        configFile = Files.isDirectory(shm) && Files.isWritable(shm) ?
            Files.createTempFile(shm, "aeolus-config-fuzz", ".properties") :
            Files.createTempFile("aeolus-config-fuzz", ".properties");
    }

    @AfterAll
    static void deleteFile() throws IOException
    {
        Files.deleteIfExists(configFile);
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldConcludeOrNameTheBadOption(final FuzzedDataProvider data) throws IOException
    {
        final StringBuilder text = new StringBuilder();
        final int lines = data.consumeInt(0, 6);
        for (int i = 0; i < lines; i++)
        {
            final String name = data.consumeBoolean() ?
                data.pickValue(BrokerConfiguration.values()).propertyName() :
                data.pickValue(PREFIXES) + data.consumeString(24);
            text.append(name).append('=').append(data.consumeString(48).replace('\n', ' ')).append('\n');
        }
        text.append(data.consumeRemainingAsString());
        Files.writeString(configFile, text, StandardCharsets.UTF_8);

        final Broker.Context ctx = new Broker.Context().configFile(configFile);
        try
        {
            ctx.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            assertNotNull(ex.getMessage());
            assertTrue(ex.getMessage().contains("aeolus.") || ex.getMessage().contains(configFile.toString()) ||
                ex.getMessage().contains("neither IPC nor UDP"), () -> stackTrace(ex));
            return;
        }

        assertTrue(ctx.termLength > 0 && ctx.maxConnections > 0);
    }

    private static String stackTrace(final Throwable ex)
    {
        final java.io.StringWriter text = new java.io.StringWriter();
        ex.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
