package io.aeolus.broker.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class UserCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAddAUserWithRolesFromAPasswordFileAndStoreNoPassword() throws IOException
    {
        final Path passwordFile = dir.resolve("secret");
        Files.writeString(passwordFile, "s3cret-enough\n");

        final int exit = run("add", "alice", "--roles", "admin,app", "--password-file", passwordFile.toString(),
            "--iterations", "4096", "--data-dir", dir.toString());

        assertEquals(0, exit);
        final UserAccount alice = UsersFile.load(dir.resolve("users")).users().get("alice");
        assertEquals(Set.of("admin", "app"), alice.roles());
        assertTrue(alice.credential().matches("s3cret-enough"));
        assertFalse(Files.readString(dir.resolve("users"), StandardCharsets.UTF_8).contains("s3cret"));
        assertTrue(Files.readString(dir.resolve("audit.log")).contains("event=USER_CHANGE user=\"alice\""));
    }

    @Test
    void shouldChangeRolesAndPasswordThenRemove() throws IOException
    {
        final Path passwordFile = dir.resolve("secret");
        Files.writeString(passwordFile, "first password\n");
        run("add", "bob", "--password-file", passwordFile.toString(), "--iterations", "4096", "--data-dir",
            dir.toString());
        Files.writeString(passwordFile, "second password\n");

        assertEquals(0, run("roles", "bob", "app", "--data-dir", dir.toString()));
        assertEquals(0, run("passwd", "bob", "--password-file", passwordFile.toString(), "--iterations", "4096",
            "--data-dir", dir.toString()));
        final UserAccount bob = UsersFile.load(dir.resolve("users")).users().get("bob");
        assertEquals(Set.of("app"), bob.roles());
        assertTrue(bob.credential().matches("second password"));

        assertEquals(0, run("remove", "bob", "--data-dir", dir.toString()));
        assertTrue(UsersFile.load(dir.resolve("users")).users().isEmpty());
    }

    @Test
    void shouldRefuseAShortPasswordADuplicateUserAndAnIterationCountBelowTheMinimum() throws IOException
    {
        final Path passwordFile = dir.resolve("secret");
        Files.writeString(passwordFile, "short\n");
        assertEquals(1, run("add", "carol", "--password-file", passwordFile.toString(), "--data-dir",
            dir.toString()));

        Files.writeString(passwordFile, "long enough password\n");
        assertEquals(1, run("add", "carol", "--password-file", passwordFile.toString(), "--iterations", "100",
            "--data-dir", dir.toString()));
        assertEquals(0, run("add", "carol", "--password-file", passwordFile.toString(), "--iterations", "4096",
            "--data-dir", dir.toString()));
        assertEquals(1, run("add", "carol", "--password-file", passwordFile.toString(), "--iterations", "4096",
            "--data-dir", dir.toString()));
    }

    @Test
    void shouldAcceptAShorterPasswordWhenTheMinimumLengthIsLoweredInTheConfigFile() throws IOException
    {
        final Path passwordFile = dir.resolve("secret");
        Files.writeString(passwordFile, "pw\n");
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.data.dir=" + dir + "\naeolus.broker.security.iterations=4096\n" +
            "aeolus.broker.security.min.password.length=2\n");

        assertEquals(1, run("add", "j2ee", "--password-file", passwordFile.toString(), "--data-dir", dir.toString(),
            "--iterations", "4096"));
        assertEquals(0, run("add", "j2ee", "--password-file", passwordFile.toString(), "--config", config.toString()));

        assertTrue(UsersFile.load(dir.resolve("users")).users().get("j2ee").credential().matches("pw"));
        Files.writeString(passwordFile, "p\n");
        assertEquals(1, run("passwd", "j2ee", "--password-file", passwordFile.toString(), "--config",
            config.toString()));
        Files.writeString(config, "aeolus.broker.data.dir=" + dir + "\naeolus.broker.security.min.password.length=0\n");
        assertEquals(1, run("passwd", "j2ee", "--password-file", passwordFile.toString(), "--config",
            config.toString()));
    }

    @Test
    void shouldFindTheUsersFileThroughTheConfigFile() throws IOException
    {
        final Path usersFile = dir.resolve("etc").resolve("aeolus-users");
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.security.users.file=" + usersFile + "\naeolus.broker.data.dir=" +
            dir.resolve("data") + "\naeolus.broker.security.iterations=4096\n");
        final Path passwordFile = dir.resolve("secret");
        Files.writeString(passwordFile, "long enough password\n");

        assertEquals(0, run("add", "dave", "--password-file", passwordFile.toString(), "--config", config.toString()));

        assertEquals(4096, UsersFile.load(usersFile).users().get("dave").credential().iterations());
        assertTrue(Files.exists(dir.resolve("data").resolve("audit.log")));
    }

    @Test
    void shouldRefuseToCreateAUsersFileInTheDefaultDataDirectory() throws IOException
    {
        final Path passwordFile = Files.writeString(dir.resolve("secret"), "long enough password\n");
        final String userDir = System.getProperty("user.dir");
        final Path defaultUsers = Path.of(userDir, "aeolus-data", "users");
        final boolean existed = Files.exists(defaultUsers);

        final int exit = run("add", "erin", "--password-file", passwordFile.toString(), "--iterations", "4096");

        if (!existed)
        {
            assertEquals(1, exit);
            assertFalse(Files.exists(defaultUsers), "a users file the broker would never read was created");
        }
    }

    @Test
    void shouldWarnOfARoleTheConfigGrantsNothing() throws IOException
    {
        final Path passwordFile = Files.writeString(dir.resolve("secret"), "long enough password\n");
        final Path config = Files.writeString(dir.resolve("broker.properties"), "aeolus.broker.data.dir=" + dir +
            "\naeolus.security.role.app.send=orders.#\n");
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream previous = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, run("add", "frank", "--roles", "app,apps", "--password-file", passwordFile.toString(),
                "--iterations", "4096", "--config", config.toString()));
        }
        finally
        {
            System.setErr(previous);
        }

        final String warnings = err.toString(StandardCharsets.UTF_8);
        assertTrue(warnings.contains("role 'apps' grants nothing: " + config + " has no aeolus.security.role.apps."),
            warnings);
        assertFalse(warnings.contains("role 'app' "), warnings);
    }

    @Test
    void shouldSayARunningBrokerAppliesTheChangeWithoutARestart() throws IOException
    {
        final Path passwordFile = Files.writeString(dir.resolve("secret"), "long enough password\n");
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream previous = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, run("add", "grace", "--password-file", passwordFile.toString(), "--iterations", "4096",
                "--data-dir", dir.toString()));
        }
        finally
        {
            System.setOut(previous);
        }

        final String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("user 'grace' added to " + dir.resolve("users").toAbsolutePath().normalize()),
            printed);
        assertTrue(printed.contains("applies it within a second"), printed);
        assertFalse(printed.contains("restart"), printed);
    }

    private static int run(final String... args)
    {
        return new CommandLine(new UserCommand()).execute(args);
    }
}
