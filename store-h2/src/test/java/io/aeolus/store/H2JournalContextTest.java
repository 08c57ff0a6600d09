package io.aeolus.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class H2JournalContextTest
{
    @TempDir
    Path directory;

    @Test
    void shouldDeriveEmbeddedUrlFromDataDirectory()
    {
        final H2Journal.Context context = new H2Journal.Context().dataDirectory(directory.toFile()).conclude();

        assertEquals("jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus") + ";DB_CLOSE_ON_EXIT=FALSE",
            context.connectionUrl());
        assertEquals(Durability.SYNC, context.durability());
    }

    @Test
    void shouldUseExplicitJdbcUrl()
    {
        final String url = "jdbc:h2:tcp://localhost/~/aeolus";

        assertEquals(url, new H2Journal.Context().jdbcUrl(url).conclude().connectionUrl());
    }

    @Test
    void shouldTurnOffCloseOnExitForAnEmbeddedUrlUnlessItChoseItself()
    {
        final String embedded = "jdbc:h2:file:/var/lib/aeolus/journal;CACHE_SIZE=65536";
        final String chosen = "jdbc:h2:file:/var/lib/aeolus/journal;db_close_on_exit=true";

        assertEquals(embedded + ";DB_CLOSE_ON_EXIT=FALSE",
            new H2Journal.Context().jdbcUrl(embedded).conclude().connectionUrl());
        assertEquals(chosen, new H2Journal.Context().jdbcUrl(chosen).conclude().connectionUrl());
    }

    @Test
    void shouldNameMissingLocation()
    {
        assertMessageContains("dataDirectory or jdbcUrl", new H2Journal.Context());
    }

    @Test
    void shouldNameConflictingLocations()
    {
        assertMessageContains("exclusive", new H2Journal.Context().dataDirectory(directory).jdbcUrl("jdbc:h2:mem:"));
    }

    @Test
    void shouldNameNonH2Url()
    {
        assertMessageContains("jdbcUrl", new H2Journal.Context().jdbcUrl("jdbc:postgresql://localhost/db"));
    }

    @Test
    void shouldNameDataDirectoryThatIsAFile() throws Exception
    {
        final Path file = Files.createFile(directory.resolve("file"));

        assertMessageContains("dataDirectory", new H2Journal.Context().dataDirectory(file));
    }

    @Test
    void shouldNameBadBatchSize()
    {
        assertMessageContains("maxBatchSize", new H2Journal.Context().dataDirectory(directory).maxBatchSize(0));
    }

    @Test
    void shouldNameBadQueueCapacities()
    {
        assertMessageContains("commandQueueCapacity",
            new H2Journal.Context().dataDirectory(directory).commandQueueCapacity(1));
        assertMessageContains("completionQueueCapacity",
            new H2Journal.Context().dataDirectory(directory).completionQueueCapacity(-5));
    }

    @Test
    void shouldNameMissingDurability()
    {
        assertMessageContains("durability", new H2Journal.Context().dataDirectory(directory).durability(null));
    }

    @Test
    void shouldConcludeOnlyOnce()
    {
        final H2Journal.Context context = new H2Journal.Context().dataDirectory(directory).conclude();

        assertThrows(IllegalStateException.class, context::conclude);
        assertThrows(IllegalStateException.class, () -> context.maxBatchSize(10));
    }

    @Test
    void shouldReadDefaultsFromSystemProperties()
    {
        System.setProperty(H2JournalConfiguration.MAX_BATCH_SIZE_PROP_NAME, "2k");
        System.setProperty(H2JournalConfiguration.DURABILITY_PROP_NAME, "async");
        try
        {
            final H2Journal.Context context = new H2Journal.Context();

            assertEquals(2048, context.maxBatchSize());
            assertEquals(Durability.ASYNC, context.durability());
        }
        finally
        {
            System.clearProperty(H2JournalConfiguration.MAX_BATCH_SIZE_PROP_NAME);
            System.clearProperty(H2JournalConfiguration.DURABILITY_PROP_NAME);
        }
    }

    private static void assertMessageContains(final String option, final H2Journal.Context context)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(ex.getMessage().contains(option), ex.getMessage());
    }
}
