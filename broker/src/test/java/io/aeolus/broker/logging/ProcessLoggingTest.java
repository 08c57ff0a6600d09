package io.aeolus.broker.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.LogManager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ProcessLoggingTest
{
    @TempDir
    Path dir;

    @AfterEach
    void restoreTheJvmsLogging() throws Exception
    {
        ProcessLogging.close();
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void shouldWriteRotatingFilesWithCausesAndHonourTheLevel() throws Exception
    {
        final Path logs = dir.resolve("logs");
        ProcessLogging.install(settings(Map.of("aeolus.broker.log.dir", logs.toString(),
            "aeolus.broker.log.file.size", "4k", "aeolus.broker.log.file.count", "3", "aeolus.broker.log.level",
            "info")));
        BrokerLog.journalProblem("journal error: disk full", new IllegalStateException("disk full"));
        BrokerLog.CONNECTIONS.log(Level.DEBUG, "not at info level");
        for (int i = 0; i < 60; i++)
        {
            BrokerLog.BROKER.log(Level.INFO, "line " + i + " of a log that outgrows its 4k file");
        }
        assertTrue(Files.exists(logs.resolve("broker.1.log")), "rotated");
        final StringBuilder files = new StringBuilder();
        for (int i = 2; i >= 0; i--)
        {
            final Path file = logs.resolve("broker." + i + ".log");
            files.append(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
        }
        final String all = files.toString();
        assertTrue(all.contains("ERROR io.aeolus.broker.journal: journal error: disk full"), all);
        assertTrue(all.contains("java.lang.IllegalStateException: disk full"), "cause with its stack trace");
        assertTrue(all.contains(" INFO  io.aeolus.broker: line 59 of a log"), all);
        assertFalse(all.contains("not at info level"));
        for (int i = 0; i < 300; i++)
        {
            BrokerLog.BROKER.log(Level.INFO, "line " + i + " of a log that outgrows its 4k file");
        }
        ProcessLogging.close();
        assertTrue(Files.exists(logs.resolve("broker.2.log")));
        assertFalse(Files.exists(logs.resolve("broker.3.log")), "keeps 3 files");
    }

    @Test
    void shouldResolveDefaultsAndNameABadOption()
    {
        final LogSettings defaults = settings(Map.of());
        assertEquals(dir.resolve("logs"), defaults.directory());
        assertEquals(10 * 1024 * 1024, defaults.maxFileBytes());
        assertEquals(10, defaults.fileCount());
        assertNull(settings(Map.of("aeolus.broker.log.dir", "none")).directory());
        final IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
            () -> settings(Map.of("aeolus.broker.log.level", "loud")));
        assertTrue(level.getMessage().startsWith("aeolus.broker.log.level:"), level.getMessage());
        final IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
            () -> settings(Map.of("aeolus.broker.log.file.count", "0")));
        assertTrue(count.getMessage().startsWith("aeolus.broker.log.file.count:"), count.getMessage());
    }

    private LogSettings settings(final Map<String, String> options)
    {
        final Map<String, String> defaults = Map.of("aeolus.broker.log.dir", "", "aeolus.broker.log.level", "info",
            "aeolus.broker.log.file.size", "10m", "aeolus.broker.log.file.count", "10");
        return LogSettings.resolve((name) -> options.getOrDefault(name, defaults.get(name)), dir);
    }
}
