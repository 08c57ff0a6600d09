package io.aeolus.broker.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class BridgeStoreTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatItStoredWithAnyCharacters()
    {
        final Map<String, String> options = options();
        options.put("selector", "city = 'Zürich' AND note = 'a=b: c\\d \u4e2d'");
        options.put("target.password", "p#ss!word = x");

        BridgeStore.open(dir).put("copy", options);

        final BridgeConfig config = BridgeStore.open(dir).configs().get("copy");
        assertEquals(options.get("selector"), config.selector());
        assertEquals("p#ss!word = x", config.target().password());
        assertFalse(Files.exists(dir.resolve(BridgeStore.FILE_NAME + ".tmp")), "no temporary file left");
    }

    @Test
    void shouldBeReadableByItsOwnerOnly() throws Exception
    {
        BridgeStore.open(dir).put("copy", options());

        assertEquals("rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(BridgeStore.FILE_NAME))));
    }

    @Test
    void shouldForgetARemovedBridge()
    {
        final BridgeStore store = BridgeStore.open(dir);
        store.put("one", options());
        store.put("two", options());

        store.remove("one");
        store.remove("never-there");

        assertEquals(java.util.Set.of("two"), BridgeStore.open(dir).configs().keySet());
    }

    @Test
    void shouldRefuseAStoreWithAnUnknownKeyNamingTheFile() throws Exception
    {
        Files.writeString(dir.resolve(BridgeStore.FILE_NAME), "aeolus.broker.something=1\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BridgeStore.open(dir));

        assertTrue(ex.getMessage().contains(dir.resolve(BridgeStore.FILE_NAME).toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("aeolus.broker.something"), ex.getMessage());
    }

    @Test
    void shouldIgnoreATemporaryFileLeftByACrash() throws Exception
    {
        BridgeStore.open(dir).put("copy", options());
        Files.writeString(dir.resolve(BridgeStore.FILE_NAME + ".tmp"), "aeolus.bridge.half");

        assertEquals(java.util.Set.of("copy"), BridgeStore.open(dir).configs().keySet());
    }

    @Test
    void shouldKeepWhichBridgesArePausedAcrossReopening()
    {
        final BridgeStore store = BridgeStore.open(dir);

        store.paused("one", true);
        store.paused("two", true);
        store.paused("two", false);

        assertEquals(java.util.Set.of("one"), BridgeStore.open(dir).pausedNames());
        assertTrue(BridgeStore.open(dir).isPaused("one"));
        assertFalse(BridgeStore.open(dir).isPaused("two"));
        assertFalse(Files.exists(dir.resolve(BridgeStore.PAUSED_FILE_NAME + ".tmp")), "no temporary file left");
    }

    @Test
    void shouldRefuseAPausedFileWithABadLineNamingTheFile() throws Exception
    {
        Files.writeString(dir.resolve(BridgeStore.PAUSED_FILE_NAME), "copy=stopped\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BridgeStore.open(dir));

        assertTrue(ex.getMessage().contains(dir.resolve(BridgeStore.PAUSED_FILE_NAME).toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("copy=stopped"), ex.getMessage());
    }

    @Test
    void shouldStartAPausedBridgePausedAndForgetAPausedNameWithoutABridge()
    {
        final BridgeStore store = BridgeStore.open(dir);
        store.put("copy", options());
        store.paused("copy", true);
        store.paused("gone", true);

        try (Bridges bridges = Bridges.start(new java.util.Properties(), BridgeStore.open(dir)))
        {
            assertEquals(BridgeState.PAUSED, bridges.metrics("copy").state());
        }

        assertEquals(java.util.Set.of("copy"), BridgeStore.open(dir).pausedNames());
    }

    private static Map<String, String> options()
    {
        final Map<String, String> options = new TreeMap<>();
        options.put("source.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.put("source.destination", "queue:in");
        options.put("target.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.put("target.destination", "queue:out");
        options.put("target.user", "bridge");
        return options;
    }
}
