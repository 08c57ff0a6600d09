package io.aeolus.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal that cannot be used is never silently replaced by an empty one: the broker refuses to start and says
 * which file and what is wrong.
 */
@Timeout(60)
class BrokenStoreIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseToStartOnAJournalAnotherBrokerHolds()
    {
        try (EmbeddedBroker first = EmbeddedBroker.startIsolated(dataDir))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> EmbeddedBroker.startIsolated(dataDir).close());

            assertTrue(ex.getMessage().contains(dataDir.toString()), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseToStartOnACorruptJournalNamingTheFile() throws Exception
    {
        final byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(dataDir.resolve("aeolus.mv.db"), garbage);

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> EmbeddedBroker.startIsolated(dataDir).close());

        assertTrue(ex.getMessage().contains("aeolus.mv.db") || ex.getMessage().contains(dataDir.toString()),
            ex.getMessage());
        assertTrue(Files.size(dataDir.resolve("aeolus.mv.db")) == garbage.length, "the corrupt file was replaced");
    }
}
