package io.aeolus.broker.security;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.transport.auth.Scram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the users file reader: any file content either loads or is refused with an
 * {@link IllegalArgumentException} that names the file and the line. Half the inputs carry lines sealed with the
 * right MAC (as if an administrator had written them with a broken tool), so the fuzzer also reaches the parsing
 * behind the integrity check.
 */
class UsersFileFuzzTest
{
    private static final String MAC_DOMAIN = "aeolus-users-v1\n";
    private static final byte[] KEY = new byte[32];

    private static Path directory;
    private static Path usersFile;

    @BeforeAll
    static void createKey() throws IOException
    {
        directory = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" :
            System.getProperty("java.io.tmpdir")), "aeolus-users-fuzz");
        usersFile = directory.resolve("users");
        Files.writeString(UsersFile.keyFileOf(usersFile), Scram.base64(KEY) + "\n");
    }

    @AfterAll
    static void deleteFiles() throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldLoadOrNameTheBadLine(final FuzzedDataProvider data) throws IOException
    {
        final boolean seal = data.consumeBoolean();
        final StringBuilder text = new StringBuilder();
        for (final String line : data.consumeRemainingAsString().split("\n", -1))
        {
            text.append(line);
            if (seal && !line.isBlank() && !line.strip().startsWith("#"))
            {
                final String body = line.strip();
                text.append(':').append(Scram.base64(Scram.hmac(KEY, (MAC_DOMAIN + body).getBytes(
                    StandardCharsets.UTF_8))));
            }
            text.append('\n');
        }
        Files.writeString(usersFile, text, StandardCharsets.UTF_8);

        try
        {
            final UsersFile users = UsersFile.load(usersFile);
            for (final UserAccount account : users.users().values())
            {
                assertNotNull(account.credential());
            }
        }
        catch (final IllegalArgumentException ex)
        {
            assertTrue(ex.getMessage().startsWith("users file " + usersFile), ex.getMessage());
        }
    }
}
