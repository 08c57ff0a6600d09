package io.aeolus.broker.security;

import io.aeolus.transport.auth.ScramCredential;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class UsersFileWatcherTest
{
    private static final int ITERATIONS = 4096;

    @TempDir
    Path directory;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final List<Throwable> errors = new ArrayList<>();

    @Test
    void shouldSwapInAChangedFileAtTheNextCheckOnly()
    {
        final Path file = directory.resolve(UsersFile.DEFAULT_NAME);
        addUser(file, "alice");
        final UsersFileLoginModule module = new UsersFileLoginModule(UsersFile.load(file));
        final UsersFileWatcher watcher = watcher(file, module);
        assertEquals(0, watcher.doWork(), "nothing changed since the module was loaded");
        assertEquals(1, module.userCount());

        addUser(file, "bob");
        assertEquals(0, watcher.doWork(), "not due yet");
        assertNull(module.lookup("bob"));

        clock.advance(UsersFileWatcher.CHECK_INTERVAL_MS);
        assertEquals(1, watcher.doWork());
        assertNotNull(module.lookup("bob"));
        assertEquals(2, module.userCount());

        clock.advance(UsersFileWatcher.CHECK_INTERVAL_MS);
        assertEquals(0, watcher.doWork(), "unchanged since the last load");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldKeepTheUsersLoadedBeforeWhenTheNewFileDoesNotLoad() throws Exception
    {
        final Path file = directory.resolve(UsersFile.DEFAULT_NAME);
        addUser(file, "alice");
        final UsersFileLoginModule module = new UsersFileLoginModule(UsersFile.load(file));
        final UsersFileWatcher watcher = watcher(file, module);
        watcher.doWork();

        Files.writeString(file, "mallory:not a user line\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        clock.advance(UsersFileWatcher.CHECK_INTERVAL_MS);
        watcher.doWork();

        assertNotNull(module.lookup("alice"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("not reloaded"), errors.get(0).getMessage());
        assertTrue(errors.get(0).getMessage().contains("line "), "names the bad line: " + errors.get(0).getMessage());

        Files.delete(file);
        clock.advance(UsersFileWatcher.CHECK_INTERVAL_MS);
        watcher.doWork();
        assertNotNull(module.lookup("alice"), "a deleted file does not lock everyone out");
        assertEquals(2, errors.size());
    }

    private UsersFileWatcher watcher(final Path file, final UsersFileLoginModule module)
    {
        return new UsersFileWatcher(file, module, AuditLog.discarding(clock), clock, errors::add);
    }

    private static void addUser(final Path file, final String name)
    {
        final UsersFile users = UsersFile.loadOrCreate(file);
        users.put(new UserAccount(name, ScramCredential.derive(name + "-password", ITERATIONS), Set.of("app")));
        users.save();
    }
}
