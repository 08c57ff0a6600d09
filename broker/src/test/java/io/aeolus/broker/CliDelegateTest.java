package io.aeolus.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class CliDelegateTest
{
    @Test
    void shouldLookWhereTheScriptLooksInTheSameOrder()
    {
        final Path brokerTarget = Path.of("/src/aeolus/broker/target");

        assertEquals(List.of(Path.of("/custom/cli.jar"), brokerTarget.resolve("aeolus-cli.jar"),
            Path.of("/opt/aeolus/aeolus-cli.jar"), Path.of("/src/aeolus/cli/target/aeolus-cli.jar")),
            CliDelegate.candidates("/custom/cli.jar", brokerTarget));
    }

    @Test
    void shouldIgnoreABlankEnvironmentVariableAndWorkOutsideAJar()
    {
        assertEquals(List.of(Path.of("/opt/aeolus/aeolus-cli.jar")), CliDelegate.candidates(" ", null));
    }

    @Test
    void shouldOwnExactlyTheCliManagementCommands()
    {
        assertEquals(java.util.Set.of("status", "queue", "topic", "subscription", "connection"),
            CliDelegate.COMMANDS);
    }
}
