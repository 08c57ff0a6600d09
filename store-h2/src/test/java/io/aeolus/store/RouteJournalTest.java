package io.aeolus.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouteJournalTest
{
    private static final StoredRoute EU = new StoredRoute("eu", "queue:orders", "region = 'EU'",
        "queue:orders.eu,topic:audit", "exclusive");

    @TempDir
    Path directory;

    @Test
    void shouldKeepARouteAcrossAReopen()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.PutRoute(EU),
                new JournalCommand.PutRoute(new StoredRoute("all", "topic:stock.#", null, "queue:ticks", "copy"))));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(new StoredRoute("all", "topic:stock.#", null, "queue:ticks", "copy"), EU),
                journal.readRoutes());
        }
    }

    @Test
    void shouldReplaceAndDeleteARoute()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.PutRoute(EU)));
            journal.write(List.of(new JournalCommand.PutRoute(
                new StoredRoute("eu", "queue:orders", null, "queue:orders.eu", "copy"))));
            assertEquals(List.of(new StoredRoute("eu", "queue:orders", null, "queue:orders.eu", "copy")),
                journal.readRoutes());

            journal.write(List.of(new JournalCommand.DeleteRoute("eu"), new JournalCommand.DeleteRoute("none")));

            assertEquals(List.of(), journal.readRoutes());
        }
    }

    @Test
    void shouldMigrateAVersionFiveJournalToSix() throws Exception
    {
        final String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            // A version-5 journal as versions 1 to 5 left it, holding one queue with one message.
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            for (final String[] step : List.of(JournalSchema.VERSION_1, JournalSchema.VERSION_2,
                JournalSchema.VERSION_3, JournalSchema.VERSION_4, JournalSchema.VERSION_5))
            {
                for (final String sql : step)
                {
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES " +
                "(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)");
            statement.execute("INSERT INTO queues (id, name) VALUES (1, 'q')");
            statement.execute("INSERT INTO messages (id, ref_count, priority, expiration_ms, delivery_time_ms, " +
                "payload) VALUES (5, 1, 4, 0, 0, X'0102')");
            statement.execute("INSERT INTO message_refs (queue_id, seq, message_id, delivery_count) " +
                "VALUES (1, 0, 5, 0)");
            statement.execute("UPDATE journal_state SET last_message_id = 5");
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(JournalSchema.CURRENT_VERSION, count(url, "SELECT MAX(version) FROM schema_version"));
            assertEquals(1, journal.readReferences("q").size());
            assertEquals(List.of(), journal.readRoutes());
            journal.write(List.of(new JournalCommand.PutRoute(EU)));
            assertEquals(List.of(EU), journal.readRoutes());
        }
    }
}
