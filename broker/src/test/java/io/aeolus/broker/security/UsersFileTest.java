package io.aeolus.broker.security;

import io.aeolus.transport.auth.ScramCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class UsersFileTest
{
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void shouldKeepCredentialsAndRolesButNeverThePassword() throws IOException
    {
        final Path file = dir.resolve("users");
        final UsersFile users = UsersFile.loadOrCreate(file);
        users.put(new UserAccount("alice", ScramCredential.derive(PASSWORD, 4096), Set.of("app", "admin")));

        users.save();

        final String text = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(text.contains(PASSWORD));
        assertFalse(text.contains("horse"));
        final UserAccount alice = UsersFile.load(file).users().get("alice");
        assertEquals(Set.of("admin", "app"), alice.roles());
        assertTrue(alice.credential().matches(PASSWORD));
        assertFalse(alice.credential().matches("wrong"));
    }

    @Test
    void shouldWriteTheFilesForTheOwnerOnly() throws IOException
    {
        final Path file = dir.resolve("users");
        final UsersFile users = UsersFile.loadOrCreate(file);
        users.put(new UserAccount("alice", ScramCredential.derive(PASSWORD, 4096), Set.of()));

        users.save();

        final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), permissions);
        assertEquals(permissions, Files.getPosixFilePermissions(UsersFile.keyFileOf(file)));
    }

    @Test
    void shouldRefuseALineWhoseRolesWereEditedByHand() throws IOException
    {
        final Path file = saveTwoUsers();
        replaceInFile(file, ":app:", ":admin,app:");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> UsersFile.load(file));

        assertTrue(ex.getMessage().contains("line 5"), ex.getMessage());
        assertTrue(ex.getMessage().contains("integrity check failed"), ex.getMessage());
        assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
    }

    @Test
    void shouldRefuseALineWhoseIterationCountWasLowered() throws IOException
    {
        final Path file = saveTwoUsers();
        replaceInFile(file, ":5000:", ":4096:");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> UsersFile.load(file));

        assertTrue(ex.getMessage().contains("integrity check failed"), ex.getMessage());
    }

    @Test
    void shouldRefuseALineCopiedFromAnotherUsersFile() throws IOException
    {
        final Path file = saveTwoUsers();
        final Path other = dir.resolve("other").resolve("users");
        final UsersFile otherUsers = UsersFile.loadOrCreate(other);
        otherUsers.put(new UserAccount("mallory", ScramCredential.derive(PASSWORD, 4096), Set.of("admin")));
        otherUsers.save();
        final String foreignLine = Files.readAllLines(other).get(3);
        Files.writeString(file, foreignLine + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> UsersFile.load(file));

        assertTrue(ex.getMessage().contains("line 6") && ex.getMessage().contains("integrity"), ex.getMessage());
    }

    @Test
    void shouldRefuseATruncatedLineNamingWhatIsWrong() throws IOException
    {
        final Path file = saveTwoUsers();
        final List<String> lines = Files.readAllLines(file);
        lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(':')));
        Files.write(file, lines);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> UsersFile.load(file));

        assertTrue(ex.getMessage().contains("line 4: expected 8 fields"), ex.getMessage());
    }

    @Test
    void shouldRefuseAUsersFileWithoutItsKey() throws IOException
    {
        final Path file = saveTwoUsers();
        Files.delete(UsersFile.keyFileOf(file));

        final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> UsersFile.load(file));

        assertTrue(ex.getMessage().contains("users.key"), ex.getMessage());
    }

    @Test
    void shouldRefuseInvalidUserNames()
    {
        assertThrows(IllegalArgumentException.class, () -> UserAccount.checkUserName("a:b"));
        assertThrows(IllegalArgumentException.class, () -> UserAccount.checkUserName(""));
        assertThrows(IllegalArgumentException.class, () -> UserAccount.checkUserName("a\nb"));
        assertEquals("alice@example.com", UserAccount.checkUserName("alice@example.com"));
        assertThrows(IllegalArgumentException.class, () -> UserAccount.parseRoles("app,ad min"));
    }

    private Path saveTwoUsers()
    {
        final Path file = dir.resolve("users");
        final UsersFile users = UsersFile.loadOrCreate(file);
        users.put(new UserAccount("alice", ScramCredential.derive(PASSWORD, 4096), Set.of("admin")));
        users.put(new UserAccount("bob", ScramCredential.derive("bob's password", 5000), Set.of("app")));
        users.save();
        return file;
    }

    private static void replaceInFile(final Path file, final String from, final String to) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), "fixture lacks " + from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
