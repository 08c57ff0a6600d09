package io.aeolus.jms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DefaultCredentialsTest
{
    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void shouldTakeTheUserAndPasswordFromTheEnvironmentWhenNothingElseGivesThem()
    {
        environment.put("AEOLUS_USER", "alice");
        environment.put("AEOLUS_PASSWORD", "from-env");
        final ClientOptions options = resolve("aeolus:ipc", Map.of());
        assertEquals("alice", options.user());
        assertEquals("from-env", options.password());
    }

    @Test
    void shouldReadThePasswordFileNamedByTheEnvironmentWithoutItsLineBreak() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("pw"), "s3cret with spaces \r\n");
        environment.put("AEOLUS_PASSWORD_FILE", file.toString());
        assertEquals("s3cret with spaces ", resolve("aeolus:ipc", Map.of()).password());
    }

    @Test
    void shouldPreferAGivenPasswordToAFileAndAFileToTheEnvironment() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("pw"), "from-file");
        environment.put("AEOLUS_PASSWORD", "from-env");
        environment.put("AEOLUS_USER", "env-user");
        assertEquals("from-file", resolve("aeolus:ipc", Map.of("passwordFile", file.toString())).password());
        assertEquals("from-setter", resolve("aeolus:ipc",
            Map.of("passwordFile", file.toString(), "password", "from-setter")).password());
        assertEquals("bob", resolve("aeolus:ipc", Map.of("user", "bob")).user());
    }

    @Test
    void shouldStayAnonymousWithoutAnySource()
    {
        final ClientOptions options = resolve("aeolus:ipc", Map.of());
        assertNull(options.user());
        assertNull(options.password());
    }

    @Test
    void shouldNameTheVariableWhenItsPasswordFileIsMissing()
    {
        environment.put("AEOLUS_PASSWORD_FILE", dir.resolve("missing").toString());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> resolve("aeolus:ipc", Map.of()));
        assertTrue(ex.getMessage().startsWith("AEOLUS_PASSWORD_FILE: cannot read the password file"), ex.getMessage());
    }

    private ClientOptions resolve(final String url, final Map<String, String> setters)
    {
        return ClientOptions.resolve(url, setters, environment::get);
    }
}
