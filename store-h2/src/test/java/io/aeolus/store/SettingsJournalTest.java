package io.aeolus.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SettingsJournalTest
{
    private static final Destination ORDERS = new Destination("orders", DestinationType.QUEUE);
    private static final Destination PRICES = new Destination("prices", DestinationType.TOPIC);

    @TempDir
    Path directory;

    private static Map<String, String> settings(final String... nameValues)
    {
        final LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2)
        {
            settings.put(nameValues[i], nameValues[i + 1]);
        }
        return settings;
    }

    @Test
    void shouldKeepSettingsInTheirOrderAcrossAReopen()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.CreateDestination(ORDERS),
                new JournalCommand.CreateDestination(PRICES),
                new JournalCommand.PutSettings(new StoredSettings(ORDERS,
                    settings("max.delivery.attempts", "3", "dead.letter.queue", "orders.failed"))),
                new JournalCommand.PutSettings(new StoredSettings(PRICES, settings("memory.limit", "1m")))));
        }

        try (H2Journal journal = open(directory))
        {
            final List<StoredSettings> read = journal.readSettings();

            assertEquals(List.of(
                new StoredSettings(ORDERS,
                    settings("max.delivery.attempts", "3", "dead.letter.queue", "orders.failed")),
                new StoredSettings(PRICES, settings("memory.limit", "1m"))), read);
            assertEquals(List.of("max.delivery.attempts", "dead.letter.queue"),
                List.copyOf(read.get(0).settings().keySet()));
        }
    }

    @Test
    void shouldReplaceSettingsAndRemoveThemWithAResetOrTheirDestination()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.CreateDestination(ORDERS),
                new JournalCommand.CreateDestination(PRICES),
                new JournalCommand.PutSettings(new StoredSettings(ORDERS, settings("max.delivery.attempts", "3"))),
                new JournalCommand.PutSettings(new StoredSettings(PRICES, settings("memory.limit", "1m")))));

            journal.write(List.of(
                new JournalCommand.PutSettings(new StoredSettings(ORDERS, settings("expiry.queue", "expired")))));
            assertEquals(List.of(new StoredSettings(ORDERS, settings("expiry.queue", "expired")),
                new StoredSettings(PRICES, settings("memory.limit", "1m"))), journal.readSettings());

            journal.write(List.of(new JournalCommand.PutSettings(new StoredSettings(ORDERS, Map.of())),
                new JournalCommand.DeleteDestination(PRICES)));

            assertEquals(List.of(), journal.readSettings());
        }
    }

    @Test
    void shouldRefuseAValueLongerThanTheColumn()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            new StoredSettings(ORDERS, Map.of("dead.letter.queue", "x".repeat(StoredSettings.MAX_VALUE_LENGTH + 1))));

        assertEquals("value of setting 'dead.letter.queue' longer than 4096 characters", ex.getMessage());
    }

    @Test
    void shouldMigrateAVersionNineJournalKeepingItsDestinations() throws Exception
    {
        final String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            // A version-9 journal as versions 1 to 9 left it, holding one paused queue.
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            for (final String[] step : List.of(JournalSchema.VERSION_1, JournalSchema.VERSION_2,
                JournalSchema.VERSION_3, JournalSchema.VERSION_4, JournalSchema.VERSION_5, JournalSchema.VERSION_6,
                JournalSchema.VERSION_7, JournalSchema.VERSION_8, JournalSchema.VERSION_9))
            {
                for (final String sql : step)
                {
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES " +
                "(1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0)");
            statement.execute("INSERT INTO destinations (name, type, paused) VALUES ('orders', " +
                DestinationType.QUEUE.code() + ", TRUE)");
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(JournalSchema.CURRENT_VERSION, count(url, "SELECT MAX(version) FROM schema_version"));
            assertEquals(List.of(ORDERS), journal.readDestinations());
            assertEquals(List.of("orders"), journal.readPausedQueues());
            assertEquals(List.of(), journal.readSettings());
            journal.write(List.of(
                new JournalCommand.PutSettings(new StoredSettings(ORDERS, settings("memory.limit", "2m")))));
            assertEquals(List.of(new StoredSettings(ORDERS, settings("memory.limit", "2m"))), journal.readSettings());
        }
    }
}
